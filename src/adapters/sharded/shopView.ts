/**
 * One shop of a store, seen as a store of its own: its global log is the shop's
 * events only. This is what moveShop hands to copyLog and summarizeLog, which read
 * and check a whole log: the shop's events on the old server are the log to copy,
 * and "the target is empty" means the target holds nothing of this shop.
 */
import type { EventStore } from '../eventStore.js';

export const shopView = (store: EventStore, shopId: string): EventStore => ({
  kind: store.kind,
  append: (stream, events, expected) => store.append(stream, events, expected),
  readStream: (stream, options) => store.readStream(stream, options),
  readAll: (options = {}) => store.readAll({ ...options, shopId }),
  streamVersion: (stream) => store.streamVersion(stream),
  subscribe: (options) => store.subscribe({ ...options, shopId }),
  saveSnapshot: (stream, snapshot) => store.saveSnapshot(stream, snapshot),
  loadSnapshot: (stream) => store.loadSnapshot(stream),
  // The view owns nothing.
  close: async () => undefined,
});
