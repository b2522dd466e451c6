/**
 * A registry that knows the event types the fixtures append (`Happened`, and any
 * other named), schema version 1, with any data: for read-model runners in tests
 * about storage, where the registry must be given but decoding is not the point.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { AnyModule } from '../../src/domain/module.js';
import { createRegistry, type Registry } from '../../src/domain/registry.js';

export const fixtureRegistry = (...types: readonly string[]): Registry => {
  const module: AnyModule = {
    name: 'fixtures',
    commands: {},
    events: Object.fromEntries(['Happened', ...types].map((type) => [type, { schemaVersion: 1, codec: t.unknown }])),
    streamOf: () => 'fixtures',
    decider: { initialState: () => null, decide: () => E.right([]), evolve: (state: null) => state },
  };
  return createRegistry([module]);
};
