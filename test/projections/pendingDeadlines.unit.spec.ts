/**
 * The pending-deadlines fold against a naive model: a map from key to the latest
 * schedule of that key, minus what was cancelled or settled, fired in (time,
 * position, place) order. Also: a saved fold decodes to the same fold.
 */
import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  decodeDeadlines,
  encodeDeadlines,
  foldDeadlines,
  nextDeadline,
  noDeadlines,
  pendingCount,
  pendingInOrder,
  settle,
  type DeadlineChange,
  type PendingDeadlines,
} from '../../src/projections/pendingDeadlines.js';

type Op =
  | { kind: 'event'; shop: string; changes: DeadlineChange[]; causedBy?: number | undefined }
  | { kind: 'settle'; pick: number };

const key = fc.constantFrom('a', 'b', 'c', 'd');
const change: fc.Arbitrary<DeadlineChange> = fc.oneof(
  fc.record({ kind: fc.constant('schedule' as const), module: fc.constantFrom('m1', 'm2'), key, at: fc.integer({ min: 0, max: 50 }), command: fc.constant({ type: 'Fire', data: {} }) }),
  fc.record({ kind: fc.constant('cancel' as const), key }),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('event' as const), shop: fc.constantFrom('s1', 's2'), changes: fc.array(change, { maxLength: 3 }), causedBy: fc.option(fc.nat(20), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('settle' as const), pick: fc.nat(20) }) },
);

interface ModelEntry { id: string; at: number; position: number; index: number }

describe('the pending-deadlines fold', () => {
  test.prop([fc.array(op, { maxLength: 60 })], { numRuns: 300 })('holds the latest schedule of each key, minus cancelled and settled, in firing order', (ops) => {
    let state: PendingDeadlines = noDeadlines();
    const model = new Map<string, ModelEntry>();
    const ids: string[] = [];
    ops.forEach((o, i) => {
      const position = i + 1;
      if (o.kind === 'settle') {
        const id = ids[o.pick % Math.max(ids.length, 1)];
        if (id === undefined) return;
        state = settle(state, id);
        for (const [k, entry] of model) if (entry.id === id) model.delete(k);
        return;
      }
      // An event caused by a deadline's command settles that deadline.
      const causationId = o.causedBy === undefined || ids.length === 0 ? `cmd-${i}` : ids[o.causedBy % ids.length]!;
      for (const [k, entry] of model) if (entry.id === causationId) model.delete(k);
      const before = new Set(state.byId.keys());
      state = foldDeadlines(state, { eventId: `e${i}`, causationId, correlationId: `c${i}`, shopId: o.shop, position }, o.changes);
      o.changes.forEach((c, index) => {
        const slot = `${o.shop}/${c.key}`;
        if (c.kind === 'cancel') model.delete(slot);
        else {
          const id = [...state.byId.values()].find((d) => d.position === position && d.index === index)?.id;
          // A later change of the same key in the same event replaced this one.
          if (id !== undefined && !before.has(id)) ids.push(id);
          model.set(slot, { id: id ?? '', at: c.at, position, index });
        }
      });
    });
    const expected = [...model.values()].sort((a, b) => a.at - b.at || a.position - b.position || a.index - b.index);
    expect(pendingInOrder(state).map((d) => [d.at, d.position, d.index])).toEqual(expected.map((e) => [e.at, e.position, e.index]));
    expect(pendingCount(state)).toBe(expected.length);
    expect(nextDeadline(state)?.at).toBe(expected[0]?.at);
    const decoded = decodeDeadlines(JSON.parse(JSON.stringify(encodeDeadlines(state))));
    expect(E.isRight(decoded) && pendingInOrder(decoded.right)).toEqual(pendingInOrder(state));
  });

  it('gives the same id to the same deadline however often its event is folded', () => {
    const envelope = { eventId: 'e1', causationId: 'x', correlationId: 'c', shopId: 's', position: 1 };
    const changes: DeadlineChange[] = [{ kind: 'schedule', module: 'm', key: 'k', at: 5, command: { type: 'Fire', data: {} } }];
    const once = foldDeadlines(noDeadlines(), envelope, changes);
    const again = foldDeadlines(noDeadlines(), envelope, changes);
    expect(pendingInOrder(once)[0]!.id).toBe(pendingInOrder(again)[0]!.id);
    expect(pendingInOrder(once)[0]!.id).toMatch(/^dl-[0-9a-f]{32}$/);
  });

  it('refuses a saved set that is not one, naming the field', () => {
    const bad = decodeDeadlines({ deadlines: [{ id: 'x' }] });
    expect(E.isLeft(bad) && bad.left.issues[0]).toMatchObject({ path: 'deadlines.0.shopId' });
  });
});
