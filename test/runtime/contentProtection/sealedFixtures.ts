/**
 * A module whose fixture events (the conformance suites' `Happened`, data `{ i }` or
 * `{ n }`) declare their fields personal, so the event store suites run on a
 * protected store with every such field sealed on the way in and opened on the way out.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { EventStore } from '../../../src/adapters/eventStore.js';
import type { KeyStore } from '../../../src/adapters/keyStore.js';
import type { AnyModule } from '../../../src/domain/module.js';
import { protectContent } from '../../../src/runtime/contentProtection/protectContent.js';

export const sealedFixtureModule = {
  name: 'sealed-fixtures',
  commands: {},
  events: {
    Happened: { schemaVersion: 1, codec: t.unknown, personal: { subject: () => 'session:fixtures', fields: { i: null, n: null } } },
  },
  streamOf: () => 'fixtures',
  decider: { initialState: () => undefined, decide: () => E.right([]), evolve: (s: unknown) => s },
} as unknown as AnyModule;

/** The store protected with the fixture module's declarations; reads go to the key store every time. */
export const protectFixtures = <S extends EventStore>(store: S, keys: KeyStore): S => protectContent(store, { keys, modules: [sealedFixtureModule], keyCacheMs: 0 });
