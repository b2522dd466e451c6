/**
 * What the client hands back for an event it wrote, without a server: the same
 * conversions @eventstore/db-client 6.x makes (utils/convertGrpcEvent.js), so the
 * mapping can be checked in both directions. JSON data is serialised with
 * JSON.stringify and parsed back, and when the text is not JSON the client gives
 * back the text itself; metadata that is not JSON comes back as bytes.
 *
 * This is a model of the client's decoding only; what the server stores and
 * returns is covered by the conformance suite against a real server.
 */
import type { EventData, Position } from '../../../src/adapters/eventstoredb/client.js';
import type { StoredEvent } from '../../../src/adapters/eventstoredb/storedEvent.js';

const parseOr = <F>(text: string, fallback: F): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
};

const decodeMetadata = (bytes: Uint8Array): unknown =>
  bytes.length === 0 ? undefined : parseOr(Buffer.from(bytes).toString('utf8'), bytes);

export interface WireLocation {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position?: Position;
}

/** The event `written` as the client reads it back from `at`. */
export const readBack = (written: EventData, at: WireLocation): StoredEvent => {
  const isJson = written.contentType === 'application/json';
  const dataText = isJson ? JSON.stringify(written.data) : undefined;
  const metadataBytes =
    written.metadata === undefined
      ? new Uint8Array()
      : written.metadata instanceof Uint8Array
        ? written.metadata
        : Buffer.from(JSON.stringify(written.metadata), 'utf8');
  return {
    streamId: at.streamId,
    id: written.id,
    revision: at.revision,
    type: written.type,
    isJson,
    data: dataText === undefined ? written.data : parseOr(dataText, dataText),
    metadata: decodeMetadata(metadataBytes),
    ...(at.position === undefined ? {} : { position: at.position }),
  };
};

/** A JSON event whose stored bytes are `text` (e.g. not JSON), as the client reads it back. */
export const readBackRawJson = (text: string, metadata: unknown, at: WireLocation, type = 'Damaged'): StoredEvent => ({
  streamId: at.streamId,
  id: '00000000-0000-4000-8000-000000000000',
  revision: at.revision,
  type,
  isJson: true,
  data: parseOr(text, text),
  metadata: metadata === undefined ? undefined : decodeMetadata(Buffer.from(JSON.stringify(metadata), 'utf8')),
  ...(at.position === undefined ? {} : { position: at.position }),
});

export const at = (streamId: string, revision: bigint, commit: bigint): WireLocation => ({
  streamId,
  revision,
  position: { commit, prepare: commit },
});
