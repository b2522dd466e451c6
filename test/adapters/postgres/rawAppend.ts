/**
 * Calls the store's append function directly, as the store does, on a connection the
 * test controls: how the global-order tests hold a transaction open at a chosen moment.
 */
import type { ClientBase } from 'pg';
import { expect } from 'vitest';
import { RECORD_SEPARATOR } from '../../../src/adapters/postgres/appendFunction.js';
import type { EventToAppend } from '../../../src/domain/envelope.js';

export const rawAppend = async (client: ClientBase, schema: string, stream: string, events: readonly EventToAppend[]): Promise<number> => {
  const result = await client.query<{ appended: boolean; last_position: string }>(
    `SELECT appended, last_position FROM "${schema}".append_events($1, 0, $2, $3, $4, $5, $6)`,
    [
      stream,
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion),
      events.map((e) => e.metadata.shopId),
      events.map((e) => JSON.stringify(e.data)).join(RECORD_SEPARATOR),
      events.map((e) => JSON.stringify(e.metadata)).join(RECORD_SEPARATOR),
    ],
  );
  const row = result.rows[0]!;
  expect(row.appended).toBe(true);
  return Number(row.last_position);
};
