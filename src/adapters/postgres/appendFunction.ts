/**
 * The append function: one call checks the expected version, inserts the batch and
 * answers with the new version, in one statement (one round trip, no BEGIN/COMMIT).
 * A lost race is an answer (appended = false, with the real current version), not
 * an exception, so the call needs no subtransaction.
 *
 * Positions and the reader's guarantee. A position is a sequence value taken when
 * the append runs, but transactions commit in any order: a reader that trusted
 * positions alone could see position 11 committed, move its checkpoint past 10, and
 * miss 10 when its transaction commits later. Each row therefore carries the id of
 * its transaction, and readers only look at rows whose transaction id is below the
 * oldest transaction still running (`pg_snapshot_xmin`). That filter is safe when
 * position order equals transaction-id order, which the function ensures: under a
 * session advisory lock held for a few microseconds, it assigns the transaction its
 * id (`pg_current_xact_id()`) and takes the batch's positions, then unlocks. So if a
 * reader sees position p, every position below p belongs to a transaction with a
 * smaller id, which is over: committed (and visible) or rolled back (and gone).
 * Commits themselves are not serialised. The id must be assigned inside the lock,
 * so the function refuses to run in a transaction that already wrote something.
 *
 * Streams. Positions must also follow each stream's versions (a subscriber folds a
 * stream in log order), so appenders of one stream must take their positions in
 * version order: the function first takes a transaction-level advisory lock on the
 * stream (held to commit; an advisory lock assigns no transaction id), then reads
 * the stream's version, checks it, and only then takes positions. A second appender
 * of the stream waits for the first to commit and sees its events. A conflict
 * writes nothing and burns no position. The UNIQUE (stream, version) index stays as
 * the last guard: a writer that bypassed the lock would get an error, never a gap
 * or a duplicate. This needs READ COMMITTED (PostgreSQL's default), where each
 * statement of the function sees what committed before it started.
 *
 * p_expected encodes the expected version: n >= 0 exact (no_stream is 0), -1 any,
 * -2 exists. Data and metadata each come as one text: the events' JSON texts joined
 * by U+001E (RECORD SEPARATOR), which JSON.stringify never writes raw (it escapes
 * every control character), so the split is exact. Text arrays would make the
 * client escape every quote of every payload (measured: the costliest part of
 * encoding a 100-event batch), a JSON array would make the server parse each
 * payload twice; this way each is parsed once, by its cast to json. The function
 * sends no NOTIFY: see notifier.ts for why.
 *
 * One event, the common case (one command, one event), has a function of its own,
 * `append_event`, with the same steps: scalar parameters (no arrays for the client
 * to encode and the server to parse, no unnest) and one `bigint[]` back, called as
 * a scalar (`SELECT append_event(...)`, no set-returning function scan, a result the
 * client parses as one text). Measured per one-event append against the array
 * function with OUT columns, with per-backend CPU (/proc/<pid>/schedstat) over
 * alternating rounds, three runs: 203-253 against 233-288 us of server CPU, client
 * CPU equal or lower.
 *
 * In both functions the lock calls are plain expressions assigned to a variable
 * (`v_void := pg_advisory_lock(...)::text`), not PERFORM: PL/pgSQL evaluates an
 * expression without tables on its fast path, where PERFORM runs a query through
 * SPI (planner cache, executor start and end) for each call.
 */
import { ORDER_LOCK_CLASS, schemaLockKey } from './lockKeys.js';

export const EXPECTED_ANY = -1;
export const EXPECTED_EXISTS = -2;
/** Joins the events' JSON texts in one parameter. */
export const RECORD_SEPARATOR = '\u001e';

export const appendFunctionSql = (schema: string): string => {
  const s = `"${schema}"`;
  const key = schemaLockKey(schema);
  const orderLock = `${ORDER_LOCK_CLASS}, ${key}`;
  return `
  CREATE OR REPLACE FUNCTION ${s}.append_events(
    p_stream          text,
    p_expected        bigint,
    p_types           text[],
    p_schema_versions bigint[],
    p_shop_ids        text[],
    p_data            text,
    p_metadata        text,
    OUT appended      boolean,
    OUT stream_version bigint,
    OUT last_position bigint
  ) LANGUAGE plpgsql AS $append$
  DECLARE
    v_count integer := coalesce(cardinality(p_types), 0);
    v_first bigint;
    v_xid   xid8;
    v_void  text;
  BEGIN
    IF v_count > 0 THEN
      IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
        RAISE EXCEPTION 'kefu: append_events must be the first write of its transaction'
          USING ERRCODE = '55000',
                HINT = 'positions follow transaction ids, which must be assigned inside the append';
      END IF;
      v_void := pg_advisory_xact_lock(hashtextextended(p_stream, ${key}))::text;
    END IF;

    SELECT e.version, e.position INTO stream_version, last_position
      FROM ${s}.events e WHERE e.stream = p_stream ORDER BY e.version DESC LIMIT 1;
    stream_version := coalesce(stream_version, 0);
    last_position := coalesce(last_position, 0);
    appended := p_expected = -1 OR (p_expected = -2 AND stream_version > 0) OR p_expected = stream_version;
    IF NOT appended OR v_count = 0 THEN
      RETURN;
    END IF;

    v_void := pg_advisory_lock(${orderLock})::text;
    v_xid := pg_current_xact_id();
    v_first := nextval('${s}.positions');
    IF v_count > 1 THEN
      -- Only appends take positions, all under this lock: the batch's are contiguous.
      PERFORM setval('${s}.positions', v_first + v_count - 1);
    END IF;
    v_void := pg_advisory_unlock(${orderLock})::text;

    IF v_count = 1 THEN
      -- The common case (one command, one event) without the set-returning machinery.
      INSERT INTO ${s}.events (position, transaction_id, stream, version, type, schema_version, shop_id, data, metadata)
        VALUES (v_first, v_xid, p_stream, stream_version + 1,
                p_types[1], p_schema_versions[1], p_shop_ids[1], p_data::json, p_metadata::json);
    ELSE
      INSERT INTO ${s}.events (position, transaction_id, stream, version, type, schema_version, shop_id, data, metadata)
        SELECT v_first + e.i - 1, v_xid, p_stream, stream_version + e.i,
               e.type, e.schema_version, e.shop_id, e.data::json, e.metadata::json
          FROM ROWS FROM (unnest(p_types), unnest(p_schema_versions), unnest(p_shop_ids),
                          string_to_table(p_data, E'\\x1e'), string_to_table(p_metadata, E'\\x1e'))
               WITH ORDINALITY AS e(type, schema_version, shop_id, data, metadata, i);
    END IF;

    stream_version := stream_version + v_count;
    last_position := v_first + v_count - 1;
  END
  $append$;

  -- One event: the same steps with scalar parameters. Answers {1, new version, position}
  -- when appended, {0, current version, 0} on a version mismatch.
  CREATE OR REPLACE FUNCTION ${s}.append_event(
    p_stream         text,
    p_expected       bigint,
    p_type           text,
    p_schema_version bigint,
    p_shop_id        text,
    p_data           text,
    p_metadata       text
  ) RETURNS bigint[] LANGUAGE plpgsql AS $append$
  DECLARE
    v_version  bigint;
    v_position bigint;
    v_xid      xid8;
    v_void     text;
  BEGIN
    IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
      RAISE EXCEPTION 'kefu: append_event must be the first write of its transaction'
        USING ERRCODE = '55000',
              HINT = 'positions follow transaction ids, which must be assigned inside the append';
    END IF;
    v_void := pg_advisory_xact_lock(hashtextextended(p_stream, ${key}))::text;

    SELECT e.version INTO v_version
      FROM ${s}.events e WHERE e.stream = p_stream ORDER BY e.version DESC LIMIT 1;
    v_version := coalesce(v_version, 0);
    IF NOT (p_expected = -1 OR (p_expected = -2 AND v_version > 0) OR p_expected = v_version) THEN
      RETURN ARRAY[0, v_version, 0];
    END IF;

    v_void := pg_advisory_lock(${orderLock})::text;
    v_xid := pg_current_xact_id();
    v_position := nextval('${s}.positions');
    v_void := pg_advisory_unlock(${orderLock})::text;

    INSERT INTO ${s}.events (position, transaction_id, stream, version, type, schema_version, shop_id, data, metadata)
      VALUES (v_position, v_xid, p_stream, v_version + 1, p_type, p_schema_version, p_shop_id, p_data::json, p_metadata::json);
    RETURN ARRAY[1, v_version + 1, v_position];
  END
  $append$;
`;
};
