import { expect, it } from 'vitest';
import type { PostgresEventStore } from '../../../src/adapters/postgres/index.js';
import { eventStoreConformance } from '../../conformance/eventStore.conformance.js';
import { projectionStateStoreConformance } from '../../conformance/projectionStateStore.conformance.js';
import { describePg, rawPool, schemaPerStore } from './pgTestSupport.js';

describePg('postgres store conformance', () => {
  const stores = schemaPerStore();

  eventStoreConformance({
    name: 'postgres',
    create: async () => stores.store(),
    // A row the append function would never write: metadata without its required fields.
    insertCorruptEvent: async (store, stream) => {
      const { schema } = store as PostgresEventStore;
      const pool = rawPool(1);
      try {
        await pool.query(
          `INSERT INTO "${schema}".events (position, transaction_id, stream, version, type, schema_version, shop_id, data, metadata)
           VALUES (nextval('"${schema}".positions'), pg_current_xact_id(), $1, 2, 'Corrupt', 1, 'shop-1', '{}', '{"eventId": 7}')`,
          [stream],
        );
      } finally {
        await pool.end();
      }
    },
    propertyRuns: 15,
  });

  projectionStateStoreConformance('postgres', async () => stores.store());

  it('names the field of a corrupt row', async () => {
    // The conformance suite checks the tag; this checks the path a reader would be shown.
    const store = stores.store();
    const { readAll, schema } = store;
    const pool = rawPool(1);
    try {
      expect((await store.ready())._tag).toBe('Right');
      await pool.query(
        `INSERT INTO "${schema}".events (position, transaction_id, stream, version, type, schema_version, shop_id, data, metadata)
         VALUES (1, pg_current_xact_id(), 's', 1, 'Corrupt', 1, 'shop-1', '{}', '{"eventId": 7}')`,
      );
      const result = await readAll();
      expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'ValidationError', source: 'stored event at position 1' } });
      const issues = result._tag === 'Left' && result.left._tag === 'ValidationError' ? result.left.issues : [];
      expect(issues[0]).toMatchObject({ path: 'metadata.eventId', reason: expect.stringMatching(/message id/) });
    } finally {
      await pool.end();
      await store.close();
    }
  });
});
