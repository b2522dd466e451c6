/**
 * T4, properties: `slaVersionAt` (a binary search) is the linear definition (the
 * last version with effectiveAt <= at, else version 0), and `matchingPolicy` is
 * the matching rule read literally, over random type trees (<= 3 levels) and
 * random policies: among the enabled policies naming the type or an ancestor,
 * the fewest steps up from the type wins, then the first in creation order.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { matchingPolicy } from '../../../src/tickets/settings/policyMatching.js';
import { slaVersionAt, VERSION_ZERO } from '../../../src/tickets/settings/slaVersions.js';
import type { SlaPolicy, SlaVersion, TicketSettingsState, TicketType } from '../../../src/tickets/settings/ticketSettingsTypes.js';

const version = (n: number, effectiveAt: number): SlaVersion => ({ version: n, effectiveAt, policies: [], calendars: new Map() });

describe('T4 properties', () => {
  test.prop([fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 40 }), fc.integer({ min: -5, max: 2100 })])('T4: slaVersionAt equals a linear scan', (gaps, at) => {
    let t = 0;
    const versions = gaps.map((gap, i) => version(i + 1, (t += gap * 50)));
    const linear = [...versions].reverse().find((v) => v.effectiveAt <= at) ?? VERSION_ZERO;
    expect(slaVersionAt({ slaVersions: versions }, at)).toBe(linear);
  });

  /** Node i's parent: none, or an earlier node less than 3 levels deep. */
  const treeArb = fc.array(fc.option(fc.nat(), { nil: undefined }), { minLength: 1, maxLength: 25 });
  const policyArb = (size: number) => fc.record({ typeIds: fc.uniqueArray(fc.nat({ max: size - 1 }), { minLength: 1, maxLength: 4 }), enabled: fc.boolean() });

  const build = (parents: readonly (number | undefined)[]) => {
    const parentOf = new Map<string, string | undefined>();
    const depth = new Map<string, number>();
    parents.forEach((choice, i) => {
      const eligible = [...depth.entries()].filter(([, d]) => d < 3).map(([id]) => id);
      const parent = choice === undefined || eligible.length === 0 ? undefined : eligible[choice % eligible.length];
      parentOf.set(`t${i}`, parent);
      depth.set(`t${i}`, parent === undefined ? 1 : depth.get(parent)! + 1);
    });
    const types = new Map<string, TicketType>();
    for (const [id, parent] of parentOf) {
      const children = [...parentOf.entries()].filter(([, p]) => p === id).map(([c]) => c);
      types.set(id, { typeId: id, name: id, children, ...(parent === undefined ? {} : { parentId: parent }) });
    }
    const state: Pick<TicketSettingsState, 'types' | 'rootTypes'> = { types, rootTypes: [...parentOf.entries()].filter(([, p]) => p === undefined).map(([id]) => id) };
    return { state, parentOf };
  };

  /** Steps from `typeId` up to `named`, or undefined when `named` is not the type or one of its ancestors. */
  const stepsUp = (parentOf: ReadonlyMap<string, string | undefined>, typeId: string, named: string): number | undefined => {
    let current: string | undefined = typeId;
    for (let steps = 0; current !== undefined; steps++) {
      if (current === named) return steps;
      current = parentOf.get(current);
    }
    return undefined;
  };

  test.prop(
    [
      treeArb.chain((parents) =>
        fc.record({ parents: fc.constant(parents), policies: fc.array(policyArb(parents.length), { maxLength: 8 }), query: fc.nat({ max: parents.length - 1 }) }),
      ),
    ],
    { numRuns: 300 },
  )('T4: matchingPolicy equals the brute-force rule', ({ parents, policies, query }) => {
    const { state, parentOf } = build(parents);
    const slaPolicies: SlaPolicy[] = policies.map((p, i) => ({
      policyId: `p${i}`,
      name: `p${i}`,
      typeIds: p.typeIds.map((n) => `t${n}`),
      targets: { urgent: { responseMinutes: 1, resolutionMinutes: 2 }, normal: { responseMinutes: 1, resolutionMinutes: 2 }, low: { responseMinutes: 1, resolutionMinutes: 2 } },
      reminders: [],
      recipients: { assignee: true, creator: false, people: [] },
      enabled: p.enabled,
      calendar: { kind: '24x7' },
      revision: 1,
    }));
    const typeId = `t${query}`;
    const candidates = slaPolicies
      .map((p, order) => ({ p, order, steps: Math.min(...p.typeIds.map((named) => stepsUp(parentOf, typeId, named) ?? Number.POSITIVE_INFINITY)) }))
      .filter((c) => c.p.enabled && Number.isFinite(c.steps))
      .sort((x, y) => x.steps - y.steps || x.order - y.order);
    const expected = candidates[0]?.p;
    expect(matchingPolicy(state, { version: 1, effectiveAt: 0, policies: slaPolicies, calendars: new Map() }, typeId)).toBe(expected);
  });
});
