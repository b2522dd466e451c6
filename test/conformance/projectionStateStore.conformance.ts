/** Conformance for where durable projections keep state + checkpoint. */
import { describe, expect, it } from 'vitest';
import type { ProjectionCheckpoint, ProjectionStateStore } from '../../src/adapters/projectionStateStore.js';
import { left, right, unsavableRecords } from './fixtures.js';

export const projectionStateStoreConformance = (
  name: string,
  create: () => Promise<ProjectionStateStore & { close?: () => Promise<void> }>,
): void => {
  describe(`${name}: projection state and checkpoint`, () => {
    it('has nothing for a projection never saved', async () => {
      const store = await create();
      expect(right(await store.loadProjection('never'))).toBeUndefined();
      await store.close?.();
    });

    it('saves state and position together and replaces them on the next save', async () => {
      const store = await create();
      right(await store.saveProjection('board', { position: 10, schemaVersion: 1, state: { queue: ['s1'], 客服: 1 } }));
      right(await store.saveProjection('board', { position: 25, schemaVersion: 1, state: { queue: [], 客服: 2 } }));
      right(await store.saveProjection('other', { position: 3, schemaVersion: 4, state: null }));
      expect(right(await store.loadProjection('board'))).toEqual({ position: 25, schemaVersion: 1, state: { queue: [], 客服: 2 } });
      expect(right(await store.loadProjection('other'))).toEqual({ position: 3, schemaVersion: 4, state: null });
      await store.close?.();
    });

    it.each(unsavableRecords('position'))('refuses a checkpoint that is %s with a Left, never a throw, and keeps the saved one', async (_what, bad) => {
      // PostgreSQL threw a TypeError on null (it read .position of it); the in-memory store kept null and cycles threw.
      const store = await create();
      const saved = { position: 7, schemaVersion: 1, state: { kept: true } };
      right(await store.saveProjection('kept', saved));
      const refused = left(await store.saveProjection('kept', bad as ProjectionCheckpoint));
      expect(['StoreFailure', 'ValidationError']).toContain(refused._tag);
      expect(right(await store.loadProjection('kept'))).toEqual(saved);
      await store.close?.();
    });
  });
};
