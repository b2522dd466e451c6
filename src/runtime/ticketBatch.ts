/**
 * T8 批量操作: transfer or complete up to 200 tickets at once, as one command per
 * ticket through `engine.dispatch`, each answered on its own: done with its
 * events, or refused with the error's code, message and field. One ticket refused
 * does not stop the others (each ticket is its own stream and its own decision).
 *
 * Bad batch input (no tickets, more than 200, a ticket twice, an operation other
 * than TransferTicket / CompleteTicket, data the operation's codec refuses) is a
 * ValidationError naming the field, and nothing is dispatched: every command is
 * decoded before the first one is sent.
 *
 * Idempotent: each command's id is derived from the batch id and the ticket id. A
 * retried batch (same `batchId`; by default the batch's content) finds the events
 * a ticket's command already wrote in the ticket's stream (their causation is the
 * command id) and answers them again, `repeated: true`, without dispatching.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import stringify from 'safe-stable-stringify';
import type { RecordedEvent } from '../domain/envelope.js';
import { actorCodec } from '../domain/envelope.js';
import { describeError, validationError, type KefuError, type ValidationError, type ValidationIssue } from '../domain/errors.js';
import { messageIdCodec, shopIdCodec } from '../domain/ids.js';
import { stableId } from '../domain/stableId.js';
import { decodeWith, identifier, oneOf, struct } from '../domain/validation.js';
import type { Engine } from '../engine.js';
import { ticketStream } from '../tickets/ticket/ticketModule.js';

export const TICKET_BATCH_OPERATIONS = ['TransferTicket', 'CompleteTicket'] as const;
export type TicketBatchOperation = (typeof TICKET_BATCH_OPERATIONS)[number];
export const MAX_TICKET_BATCH = 200;

export const ticketBatchCodec = struct(
  'TicketBatch',
  { shopId: shopIdCodec, actor: actorCodec, operation: oneOf('TicketBatchOperation', TICKET_BATCH_OPERATIONS), ticketIds: t.array(identifier('ticket id')), data: t.UnknownRecord },
  { batchId: messageIdCodec },
);
export type TicketBatchInput = t.TypeOf<typeof ticketBatchCodec>;

export interface TicketBatchError {
  /** The DomainError's code, else the error's `_tag`. */
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

export type TicketBatchAnswer =
  | { readonly ticketId: string; readonly ok: true; readonly events: readonly RecordedEvent[]; readonly repeated?: true }
  | { readonly ticketId: string; readonly ok: false; readonly error: TicketBatchError };

export interface TicketBatchResult {
  readonly batchId: string;
  readonly answers: readonly TicketBatchAnswer[];
}

const SOURCE = 'ticket batch';
const decodeBatch = decodeWith(ticketBatchCodec, SOURCE);

/** The command id of one ticket's command in a batch. */
export const ticketBatchCommandId = (batchId: string, ticketId: string): string => stableId('tb-', [batchId, ticketId]);

const checkTickets = (ids: readonly string[]): ValidationIssue[] => {
  if (ids.length === 0) return [{ path: 'ticketIds', reason: 'must name at least one ticket' }];
  if (ids.length > MAX_TICKET_BATCH) return [{ path: 'ticketIds', reason: `must name at most ${MAX_TICKET_BATCH} tickets, got ${ids.length}` }];
  const seen = new Map<string, number>();
  const issues: ValidationIssue[] = [];
  ids.forEach((id, i) => {
    const first = seen.get(id);
    if (first !== undefined) issues.push({ path: `ticketIds.${i}`, reason: `ticket ${id} is named twice (also at ${first})` });
    else seen.set(id, i);
  });
  return issues;
};

/** A path of one ticket's command, as a path of the batch input. */
const batchPath = (path: string, index: number): string => (path === 'type' ? 'operation' : path === 'data.ticketId' ? `ticketIds.${index}` : path);

const errorOf = (error: KefuError): TicketBatchError => {
  switch (error._tag) {
    case 'DomainError': {
      const field = error.details?.field;
      return { code: error.code, message: error.message, ...(typeof field === 'string' ? { field } : {}) };
    }
    case 'ValidationError': {
      const field = error.issues[0]?.path;
      return { code: error._tag, message: describeError(error), ...(field === undefined ? {} : { field }) };
    }
    default:
      return { code: error._tag, message: describeError(error) };
  }
};

/** The events one ticket's command wrote already, if it ran (a retried batch). */
const writtenBy = async (engine: Engine, stream: string, commandId: string): Promise<E.Either<KefuError, readonly RecordedEvent[]>> => {
  const read = await engine.store.readStream(stream);
  if (E.isLeft(read)) return read;
  return E.right(read.right.filter((e) => e.metadata.causationId === commandId));
};

/**
 * Runs a batch: Left for bad batch input (nothing dispatched), else one answer per
 * ticket in the order given.
 */
export const batchTickets = async (engine: Engine, raw: unknown): Promise<E.Either<ValidationError, TicketBatchResult>> => {
  const decoded = decodeBatch(raw);
  if (E.isLeft(decoded)) return decoded;
  const batch = decoded.right;
  const issues = checkTickets(batch.ticketIds);
  if ('ticketId' in batch.data) issues.push({ path: 'data.ticketId', reason: 'is set per ticket by the batch (name the tickets in ticketIds)' });
  if (issues.length > 0) return E.left(validationError(SOURCE, issues));
  const batchId = batch.batchId ?? stableId('batch-', [batch.shopId, stringify(batch.actor) ?? '', batch.operation, stringify(batch.data) ?? '', ...batch.ticketIds]);

  const inputs = batch.ticketIds.map((ticketId) => ({
    ticketId,
    input: { type: batch.operation, shopId: batch.shopId, actor: batch.actor, commandId: ticketBatchCommandId(batchId, ticketId), data: { ...batch.data, ticketId } },
  }));
  // Every command decoded before any is sent: bad data refuses the whole batch.
  for (const [index, { input }] of inputs.entries()) {
    const check = engine.registry.decodeCommand(input);
    if (E.isLeft(check)) return E.left(validationError(SOURCE, check.left.issues.map((i) => ({ ...i, path: batchPath(i.path, index) }))));
  }

  const answers: TicketBatchAnswer[] = [];
  for (const { ticketId, input } of inputs) {
    const before = await writtenBy(engine, ticketStream(batch.shopId, ticketId), input.commandId);
    if (E.isRight(before) && before.right.length > 0) {
      answers.push({ ticketId, ok: true, events: before.right, repeated: true });
      continue;
    }
    const done = await engine.dispatch(input);
    answers.push(E.isRight(done) ? { ticketId, ok: true, events: done.right.events } : { ticketId, ok: false, error: errorOf(done.left) });
  }
  return E.right({ batchId, answers });
};
