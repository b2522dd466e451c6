/** Conformance for where durable projections keep state + checkpoint. */
import { describe, expect, it } from 'vitest';
import type { ProjectionStateStore } from '../../src/adapters/projectionStateStore.js';
import { right } from './fixtures.js';

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
  });
};
