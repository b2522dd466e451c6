/** C3: recent contacts per agent, with a configurable bound (S1 outreach starts from them). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { project } from '../../src/projections/projection.js';
import { recentContactsOf, recentContactsProjection } from '../../src/projections/recentContacts.js';
import { drive } from '../domain/conversation/driver.js';
import { agent, command, customer, SHOP, system, T0, text } from '../domain/conversation/harness.js';

let version = 0;
const served = (sessionId: string, customerId: string, agentId: string, at: number) => [
  command('SendCustomerMessage', customer(customerId), { sessionId, messageId: 'm0', customerId, content: text('hi'), channel: 'app' }, at),
  command('RecordRouting', system, { sessionId, routingVersion: ++version, at, change: { kind: 'assigned', agentId, via: 'least-load' } }, at),
];

describe('C3: recent contacts', () => {
  it('newest first, one line per customer, at most the bound; a reply refreshes a contact, a note does not', () => {
    const d = drive([
      ...served('s1', 'c1', 'a1', T0),
      ...served('s2', 'c2', 'a1', T0 + 1),
      ...served('s3', 'c3', 'a1', T0 + 2),
      ...served('s4', 'c2', 'a2', T0 + 3),
      command('AddInternalNote', agent('a1'), { sessionId: 's1', messageId: 'n', content: text('x') }, T0 + 4),
    ]);
    const contacts = (limit: number) => project(recentContactsProjection({ limit }), d.events);
    expect(recentContactsOf(contacts(2), SHOP, 'a1').map((c) => c.customerId)).toEqual(['c3', 'c2']);
    expect(recentContactsOf(contacts(99), SHOP, 'a2').map((c) => c.customerId)).toEqual(['c2']);
    drive([command('SendAgentMessage', agent('a1'), { sessionId: 's1', messageId: 'r', content: text('back') }, T0 + 5)], d);
    expect(recentContactsOf(contacts(2), SHOP, 'a1').map((c) => [c.customerId, c.at - T0])).toEqual([
      ['c1', 5],
      ['c3', 2],
    ]);
    expect(recentContactsOf(contacts(99), SHOP, 'a1', T0 + 2).map((c) => c.customerId)).toEqual(['c1', 'c3']);
  });

  it('refuses a bound that is not a whole number from 1 to 10000', () => {
    for (const limit of [0, -1, 2.5, 10_001]) expect(() => recentContactsProjection({ limit })).toThrow(/limit must be an integer/);
  });

  it('property: never more than the bound, never a customer twice, newest first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.record({ customer: fc.integer({ min: 0, max: 8 }), agent: fc.constantFrom('a1', 'a2') }), { maxLength: 40 }), (limit, visits) => {
        const commands = visits.flatMap((v, i) => served(`s${i}`, `c${v.customer}`, v.agent, T0 + i));
        const d = drive(commands);
        const state = project(recentContactsProjection({ limit }), d.events);
        for (const a of ['a1', 'a2']) {
          const list = recentContactsOf(state, SHOP, a);
          expect(list.length).toBeLessThanOrEqual(limit);
          expect(new Set(list.map((c) => c.customerId)).size).toBe(list.length);
          expect([...list].sort((x, y) => y.at - x.at)).toEqual(list);
          const expected = [...new Map(visits.map((v, i) => [v, i] as const).filter(([v]) => v.agent === a).map(([v, i]) => [`c${v.customer}`, i] as const)).entries()]
            .sort((x, y) => y[1] - x[1])
            .slice(0, limit)
            .map(([c]) => c);
          expect(list.map((c) => c.customerId)).toEqual(expected);
        }
      }),
    );
  });
});
