import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../src/domain/envelope.js';
import type { AnyModule } from '../../src/domain/module.js';
import { createRegistry, RegistryConfigurationError } from '../../src/domain/registry.js';
import { struct } from '../../src/domain/validation.js';
import { counterModule } from '../../src/testing/counterModule.js';
import { metadata } from '../conformance/fixtures.js';

const registry = createRegistry([counterModule]);

const stored = (type: string, schemaVersion: number, data: unknown): RecordedEvent => ({
  type,
  schemaVersion,
  data,
  metadata: metadata(),
  stream: 'counter-shop-1-c',
  streamVersion: 4,
  globalPosition: 9,
});

describe('the registry decodes commands', () => {
  const base = { type: 'Increment', shopId: 'shop-1', actor: { kind: 'system' } };

  it('decodes a valid command and finds its module', () => {
    const decoded = registry.decodeCommand({ ...base, data: { counterId: 'c', by: 2 } });
    expect(E.isRight(decoded) && decoded.right.module.name).toBe('counter');
    expect(E.isRight(decoded) && decoded.right.data).toEqual({ counterId: 'c', by: 2 });
  });

  it('names the field inside data that is wrong', () => {
    const decoded = registry.decodeCommand({ ...base, data: { counterId: 'c', by: 0 } });
    expect(decoded).toEqual(
      E.left({
        _tag: 'ValidationError',
        source: 'command',
        issues: [{ path: 'data.by', reason: 'must be an integer from 1 to 1000, got 0' }],
      }),
    );
  });

  it('names an unknown command type and lists the known ones', () => {
    const decoded = registry.decodeCommand({ ...base, type: 'Decrement', data: {} });
    expect(E.isLeft(decoded) && decoded.left.issues).toEqual([
      { path: 'type', reason: 'unknown command type "Decrement"; known: Close, Increment, Reset' },
    ]);
  });

  it('names envelope fields: a bad shop id and an actor of an unknown kind', () => {
    const decoded = registry.decodeCommand({ type: 'Reset', shopId: ' ', actor: { kind: 'robot' }, data: { counterId: 'c' } });
    const paths = E.isLeft(decoded) ? decoded.left.issues.map((i) => i.path) : [];
    expect(paths).toContain('shopId');
    expect(paths).toContain('actor.kind');
  });

  it('refuses input that is not an object at all', () => {
    expect(E.isLeft(registry.decodeCommand(null))).toBe(true);
    expect(E.isLeft(registry.decodeCommand('Increment'))).toBe(true);
  });
});

describe('the registry upcasts old events on read', () => {
  it('upcasts version 1 of Incremented to the current version 2', () => {
    expect(registry.decodeEvent(stored('Incremented', 1, { by: 3 }))).toEqual(
      E.right({ type: 'Incremented', data: { by: 3, total: -1 } }),
    );
  });

  it('reads the current version as it is', () => {
    expect(registry.decodeEvent(stored('Incremented', 2, { by: 3, total: 9 }))).toEqual(
      E.right({ type: 'Incremented', data: { by: 3, total: 9 } }),
    );
  });

  it('refuses a version newer than it knows, naming the event', () => {
    const result = registry.decodeEvent(stored('Incremented', 3, { by: 3, total: 9 }));
    expect(result).toEqual(
      E.left({
        _tag: 'ValidationError',
        source: 'event counter-shop-1-c@4',
        issues: [{ path: 'schemaVersion', reason: 'version 3 is newer than the 2 this engine reads' }],
      }),
    );
  });

  it('refuses corrupt data with the path of the field', () => {
    const result = registry.decodeEvent(stored('Incremented', 2, { by: 'three', total: 9 }));
    expect(E.isLeft(result) && result.left.issues).toEqual([{ path: 'data.by', reason: 'must be a number, got "three"' }]);
  });

  it('refuses an unknown event type', () => {
    const result = registry.decodeEvent(stored('Exploded', 1, {}));
    expect(E.isLeft(result) && result.left.issues[0]?.path).toBe('type');
  });

  it('turns an upcaster that throws into a validation error', () => {
    const fragile: AnyModule = {
      ...counterModule,
      name: 'fragile',
      commands: {},
      events: {
        Measured: {
          schemaVersion: 2,
          codec: struct('Measured', { cm: t.number }) as t.Type<unknown, unknown, unknown>,
          upcasters: {
            1: (data: unknown) => {
              const inches = (data as { inches?: number }).inches;
              if (inches === undefined) throw new Error('no inches');
              return { cm: inches * 2.54 };
            },
          },
        },
      },
    };
    const r = createRegistry([fragile]);
    expect(r.decodeEvent(stored('Measured', 1, { inches: 1 }))).toEqual(E.right({ type: 'Measured', data: { cm: 2.54 } }));
    const failed = r.decodeEvent(stored('Measured', 1, {}));
    expect(E.isLeft(failed) && failed.left.issues).toEqual([{ path: 'data', reason: 'upcaster from version 1 failed: no inches' }]);
  });
});

describe('wiring mistakes are caught when the registry is built', () => {
  it('refuses two modules claiming one command', () => {
    expect(() => createRegistry([counterModule, { ...counterModule, name: 'copy', events: {} }])).toThrow(RegistryConfigurationError);
  });

  it('refuses an event version without the upcasters leading to it', () => {
    const broken = {
      ...counterModule,
      name: 'broken',
      commands: {},
      events: { Jumped: { schemaVersion: 3, codec: t.unknown, upcasters: { 1: (d: unknown) => d } } },
    };
    expect(() => createRegistry([broken])).toThrow(/lacks an upcaster from version 2/);
  });
});
