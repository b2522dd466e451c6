/**
 * Each agent's open sessions (S3, S14, R14): unread counts, the waiting clock and
 * the unreplied count from real messages; R14's smart switch reads them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConversationCommand } from '../../src/domain/conversation/conversationCommands.js';
import { drawsFromSeed } from '../../src/domain/seededDraws.js';
import { inboxSession, nextToAnswer, openSessionsOf, switchCandidates } from '../../src/projections/agentInbox.js';
import { drive } from '../domain/conversation/driver.js';
import { agent, command, conversationHarness, customer, replies, says, SHOP, system, T0, text } from '../domain/conversation/harness.js';

let version = 0;
const opened = (sessionId: string, customerId: string, at: number, vip = false): ConversationCommand[] => [
  command('SendCustomerMessage', customer(customerId), { sessionId, messageId: `${sessionId}-m0`, customerId, content: text('hi'), channel: 'app', vip }, at),
  command('RecordRouting', system, { sessionId, routingVersion: ++version, at, change: { kind: 'assigned', agentId: 'a1', via: 'least-load' } }, at),
];
const fromCustomer = (sessionId: string, customerId: string, messageId: string, at: number) =>
  command('SendCustomerMessage', customer(customerId), { sessionId, messageId, customerId, content: text('?') }, at);
const fromAgent = (sessionId: string, messageId: string, at: number) => command('SendAgentMessage', agent('a1'), { sessionId, messageId, content: text('!') }, at);

describe('S3/S14: unread counts and the waiting clock', () => {
  it('counts unread customer messages until the agent marks them read; waits from the first unanswered message to the reply', () => {
    const d = drive([
      ...opened('s1', 'alice', T0),
      fromCustomer('s1', 'alice', 'm1', T0 + 1_000),
      command('SendSystemMessage', system, { sessionId: 's1', messageId: 'w', text: 'please wait', purpose: 'queue-notice' }, T0 + 1_500),
      command('AddInternalNote', agent('a1'), { sessionId: 's1', messageId: 'n', content: text('hmm') }, T0 + 1_600),
    ]);
    expect(inboxSession(d.inbox, SHOP, 's1')).toMatchObject({ unread: 2, unreplied: 2, waitingSince: T0, lastCustomerMessageAt: T0 + 1_000, joinedAt: T0 });
    drive([command('MarkRead', agent('a1'), { sessionId: 's1', upTo: 's1-m0' }, T0 + 2_000)], d);
    expect(inboxSession(d.inbox, SHOP, 's1')).toMatchObject({ unread: 1, unreplied: 2, waitingSince: T0 });
    drive([fromAgent('s1', 'r1', T0 + 3_000)], d);
    const row = inboxSession(d.inbox, SHOP, 's1')!;
    expect(row).toMatchObject({ unread: 1, unreplied: 0 });
    expect(row.waitingSince).toBeUndefined();
    drive([fromCustomer('s1', 'alice', 'm2', T0 + 4_000), command('MarkRead', agent('a1'), { sessionId: 's1' }, T0 + 5_000)], d);
    expect(inboxSession(d.inbox, SHOP, 's1')).toMatchObject({ unread: 0, unreplied: 1, waitingSince: T0 + 4_000 });
  });

  it('a transfer moves the row to the new agent; the end removes it', () => {
    const d = drive([
      ...opened('s1', 'alice', T0),
      command('RecordRouting', system, { sessionId: 's1', routingVersion: ++version, at: T0 + 5, change: { kind: 'transferred', from: 'a1', to: 'a2' } }),
    ]);
    expect(openSessionsOf(d.inbox, SHOP, 'a1')).toEqual([]);
    expect(openSessionsOf(d.inbox, SHOP, 'a2').map((s) => [s.sessionId, s.joinedAt])).toEqual([['s1', T0 + 5]]);
    drive([command('RecordRouting', system, { sessionId: 's1', routingVersion: ++version, at: T0 + 9, change: { kind: 'ended', reason: 'agent' } })], d);
    expect(openSessionsOf(d.inbox, SHOP, 'a2')).toEqual([]);
    expect(inboxSession(d.inbox, SHOP, 's1')).toBeUndefined();
  });
});

describe('R14: the order of my sessions, from real unread and waiting data', () => {
  // s-vip waits least but is VIP; s-old waits longest; s-busy and s-quiet started waiting together, s-busy has more unreplied; s-done was answered.
  const history = () =>
    drive([
      ...opened('s-old', 'c1', T0),
      ...opened('s-busy', 'c2', T0 + 10_000),
      ...opened('s-quiet', 'c3', T0 + 10_000),
      ...opened('s-vip', 'c4', T0 + 50_000, true),
      ...opened('s-done', 'c5', T0 + 1_000),
      fromCustomer('s-busy', 'c2', 'b1', T0 + 20_000),
      fromCustomer('s-busy', 'c2', 'b2', T0 + 30_000),
      fromAgent('s-done', 'd1', T0 + 40_000),
    ]);

  it('VIP first, then longest waiting, then most unreplied; sessions answered come last', () => {
    const d = history();
    expect(openSessionsOf(d.inbox, SHOP, 'a1').map((s) => s.sessionId)).toEqual(['s-vip', 's-old', 's-busy', 's-quiet', 's-done']);
    expect(switchCandidates(d.inbox, SHOP, 'a1').find((c) => c.sessionId === 's-busy')).toEqual({ sessionId: 's-busy', vip: false, unreplied: 3, waitingSince: T0 + 10_000 });
    expect(nextToAnswer(d.inbox, SHOP, 'a1', drawsFromSeed(1))).toBe('s-vip');
    drive([fromAgent('s-vip', 'v1', T0 + 60_000), fromAgent('s-old', 'o1', T0 + 60_000)], d);
    // With the VIP answered it still comes first (R14: VIP first); without a wait of its own, s-busy leads the rest.
    expect(openSessionsOf(d.inbox, SHOP, 'a1').map((s) => s.sessionId)).toEqual(['s-vip', 's-busy', 's-quiet', 's-done', 's-old']);
  });

  it('S14 orderings: latest customer message, longest waiting, newest joined', () => {
    const d = history();
    expect(openSessionsOf(d.inbox, SHOP, 'a1', 'latest-message').map((s) => s.sessionId)).toEqual(['s-vip', 's-busy', 's-quiet', 's-done', 's-old']);
    expect(openSessionsOf(d.inbox, SHOP, 'a1', 'longest-waiting').map((s) => s.sessionId)).toEqual(['s-old', 's-busy', 's-quiet', 's-vip', 's-done']);
    expect(openSessionsOf(d.inbox, SHOP, 'a1', 'newest-joined').map((s) => s.sessionId)).toEqual(['s-vip', 's-busy', 's-quiet', 's-done', 's-old']);
  });

  it('S14 longest waiting ([003] §2.2.2): waiting sessions first, then the answered ones by their latest message, newest first', () => {
    const d = history();
    drive([fromAgent('s-old', 'o1', T0 + 60_000)], d);
    // s-old was answered at +60 s, s-done at +40 s: s-old comes before s-done although its id sorts after.
    expect(openSessionsOf(d.inbox, SHOP, 'a1', 'longest-waiting').map((s) => s.sessionId)).toEqual(['s-busy', 's-quiet', 's-vip', 's-old', 's-done']);
  });

  it('through the engine: the read model the reactor feeds gives the smart switch its candidates', async () => {
    const h = conversationHarness();
    await h.agents(['a1'], 5);
    await h.ok(says('alice', 's1', 'm1'));
    await h.later(1_000);
    await h.ok(says('bob', 's2', 'm1'));
    await h.settle();
    await h.ok(replies('a1', 's1', 'r1'));
    await h.ok(says('bob', 's2', 'm2'));
    expect(switchCandidates(h.inbox(), SHOP, 'a1')).toEqual([
      { sessionId: 's2', vip: false, unreplied: 2, waitingSince: T0 + 1_000 },
      { sessionId: 's1', vip: false, unreplied: 0 },
    ]);
    expect(nextToAnswer(h.inbox(), SHOP, 'a1', drawsFromSeed(3))).toBe('s2');
  });
});

describe('S9 property: system/auto messages never change a reply count or the waiting clock', () => {
  type Step = { readonly kind: 'customer' | 'agent' | 'anonymous' | 'note' | 'read' };
  const step = fc.record({ kind: fc.constantFrom('customer', 'agent', 'anonymous', 'note', 'read') }) as fc.Arbitrary<Step>;

  it('the same conversation with system messages slipped in anywhere gives the same counts and clock', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.array(fc.nat({ max: 40 }), { maxLength: 10 }), (steps, inserts) => {
        const commandsOf = (withSystem: boolean) => {
          const out: ConversationCommand[] = [...opened('s1', 'alice', T0)];
          steps.forEach((s, i) => {
            const at = T0 + 1_000 * (i + 1);
            if (withSystem) {
              inserts.filter((p) => p === i).forEach((_, k) => out.push(command('SendSystemMessage', system, { sessionId: 's1', messageId: `sys-${i}-${k}`, text: 'auto', auto: k % 2 === 0 }, at)));
            }
            const base = { sessionId: 's1', messageId: `x${i}`, content: text('x') };
            if (s.kind === 'customer') out.push(fromCustomer('s1', 'alice', `x${i}`, at));
            else if (s.kind === 'agent') out.push(fromAgent('s1', `x${i}`, at));
            else if (s.kind === 'anonymous') out.push(command('SendAnonymousReply', agent('a1'), base, at));
            else if (s.kind === 'note') out.push(command('AddInternalNote', agent('a1'), base, at));
            else out.push(command('MarkRead', agent('a1'), { sessionId: 's1' }, at));
          });
          return out;
        };
        const plain = drive(commandsOf(false));
        const withSystem = drive(commandsOf(true));
        expect(inboxSession(withSystem.inbox, SHOP, 's1')).toEqual(inboxSession(plain.inbox, SHOP, 's1'));
        const pick = (d: typeof plain) => {
          const s = d.states.get('s1')!;
          return { waitingSince: s.waitingSince, unreplied: s.unreplied, agentReplies: s.agentReplies, firstReplyAt: s.firstReplyAt, agentRead: s.read.agent };
        };
        // The agent's read mark is a position, and system messages take positions: compare what it covers instead.
        const covered = (d: typeof plain) => d.states.get('s1')!.customerSeqs.filter((q) => q <= d.states.get('s1')!.read.agent).size;
        const { agentRead: _a, ...a } = pick(plain);
        const { agentRead: _b, ...b } = pick(withSystem);
        expect(b).toEqual(a);
        expect(covered(withSystem)).toBe(covered(plain));
      }),
      { numRuns: 300 },
    );
  });
});
