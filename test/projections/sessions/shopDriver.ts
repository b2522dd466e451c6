/**
 * Random shop histories through a real engine (desk + conversation, virtual
 * clock, manual reactor) for the session read models' properties: a shop with two
 * groups, an admin, a team lead of g1, agents in g1 and g2 (one in both); customers
 * write (with or without an entry group, on two channels), the holder replies,
 * transfers (accepted), invites a co-agent, sessions end, agents start proactive
 * sessions, time moves on. A second shop has a session of its own. Commands the
 * engine refuses are simply not in the log.
 */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import type { ConversationState } from '../../../src/domain/conversation/conversation.js';
import { conversationModule, conversationStream } from '../../../src/domain/conversation/conversationModule.js';
import { deskModule, routingStream } from '../../../src/domain/desk/deskModule.js';
import type { DeskState } from '../../../src/domain/desk/deskState.js';
import { createEngine, type Engine } from '../../../src/engine.js';
import { agentInbox, type AgentInbox } from '../../../src/projections/agentInbox.js';
import { queueView, type QueueView } from '../../../src/projections/queueView.js';
import { messageSearchProjection, type MessageSearch } from '../../../src/projections/sessions/messageSearch.js';
import { sessionHistoryProjection, type SessionHistory } from '../../../src/projections/sessions/sessionHistory.js';
import { viewerOf, type Viewer } from '../../../src/projections/sessions/viewer.js';
import type { AgentRole } from '../../../src/routing/model.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { desk } from '../../../src/testing/deskInputs.js';

export const SHOP = 'shop-h';
export const OTHER_SHOP = 'shop-o';
export const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);

export const STAFF: readonly { readonly id: string; readonly role: AgentRole; readonly groups: readonly string[] }[] = [
  { id: 'boss', role: 'admin', groups: [] },
  { id: 'lead', role: 'team-lead', groups: ['g1'] },
  { id: 'a1', role: 'agent', groups: ['g1'] },
  { id: 'a2', role: 'agent', groups: ['g2'] },
  { id: 'a3', role: 'agent', groups: ['g1', 'g2'] },
];
/** Who gets sessions: everyone but the admin (it watches). */
const WORKERS = ['lead', 'a1', 'a2', 'a3'];
const CUSTOMERS = ['c0', 'c1', 'c2', 'c3'];
const ENTRY = [undefined, 'g1', 'g2'] as const;
const CHANNELS = ['web-mall', 'app'] as const;
const WORDS = ['Refund please', 'where is my ORDER', '发票', 'thanks'];

export type Step =
  | { readonly kind: 'customer'; readonly who: number; readonly channel: number; readonly entry: number; readonly word: number }
  | { readonly kind: 'reply' | 'transfer' | 'invite' | 'end'; readonly who: number; readonly to: number; readonly word: number }
  | { readonly kind: 'proactive'; readonly who: number; readonly agent: number }
  | { readonly kind: 'later'; readonly ms: number };

const who = fc.nat(CUSTOMERS.length - 1);
const to = fc.nat(WORKERS.length - 1);
const word = fc.nat(WORDS.length - 1);
export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('customer' as const), who, channel: fc.nat(1), entry: fc.nat(2), word }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('reply' as const), who, to, word }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('transfer' as const), who, to, word }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('invite' as const), who, to, word }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('end' as const), who, to, word }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('proactive' as const), who, agent: to }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('later' as const), ms: fc.integer({ min: 1_000, max: 3_600_000 }) }) },
);
export const historyArb = fc.array(stepArb, { minLength: 5, maxLength: 25 });

export interface DrivenShop {
  readonly engine: Engine;
  readonly history: () => SessionHistory;
  readonly search: () => MessageSearch;
  readonly inbox: () => AgentInbox;
  readonly queue: () => QueueView;
  readonly desk: () => Promise<DeskState>;
  /** The viewer each staff member is, read from the desk. */
  readonly viewers: () => Promise<Record<string, Viewer>>;
  /** Every (shop, session) the engine's log has a conversation for. */
  readonly sessionIds: () => Promise<readonly string[]>;
}

export interface DriveOptions {
  /** Agents go online (default); else busy: there, taking nothing, so every session waits (for its pool, R6/R13). */
  readonly online?: boolean;
  /** R6: sessions of the `app` channel go to group g2 only. */
  readonly appToG2?: boolean;
}

export const driveShop = async (steps: readonly Step[], options: DriveOptions = {}): Promise<DrivenShop> => {
  const clock = virtualClock(T0);
  const engine = createEngine({
    modules: [deskModule, conversationModule],
    clock,
    random: seededRandom(5),
    inlineProjections: [sessionHistoryProjection(), messageSearchProjection(), agentInbox, queueView],
    reactor: { mode: 'manual' },
  });
  const d = desk(SHOP);
  const settle = async (ms = 0) => {
    const advanced = await engine.advanceTo(clock.now() + ms);
    if (E.isLeft(advanced)) throw new Error(`advance failed: ${JSON.stringify(advanced.left)}`);
  };
  for (const g of ['g1', 'g2']) await engine.dispatch(d.createGroup({ groupId: g, name: g.toUpperCase() }));
  if (options.appToG2 === true) {
    await engine.dispatch(d.configure({ pinningEnabled: true }));
    await engine.dispatch(d.setChannelRule({ channel: 'app', groups: ['g2'], agents: [], enabled: true }));
  }
  for (const m of STAFF) {
    await engine.dispatch(d.registerAgent({ agentId: m.id, name: m.id, maxSessions: 3, role: m.role, groups: m.groups }));
    if (m.role !== 'admin') await engine.dispatch((options.online ?? true) ? d.online(m.id) : d.busy(m.id));
  }
  // Another shop: an agent `a1` of its own, a session with the same words.
  const o = desk(OTHER_SHOP);
  await engine.dispatch(o.registerAgent({ agentId: 'a1', name: 'a1', maxSessions: 3 }));
  await engine.dispatch(o.online('a1'));
  await engine.dispatchUnknown({ type: 'SendCustomerMessage', shopId: OTHER_SHOP, actor: { kind: 'customer', id: 'c0' }, data: { sessionId: 'o-1', messageId: 'om1', customerId: 'c0', content: { kind: 'text', text: WORDS[0] }, channel: 'web-mall' } });
  await settle();

  const round = CUSTOMERS.map(() => 0);
  const session = (i: number) => `s-${i}-${round[i]}`;
  const holderOf = async (sessionId: string): Promise<ConversationState | undefined> => {
    const loaded = await engine.load(conversationModule, conversationStream(SHOP, sessionId));
    return E.isLeft(loaded) ? undefined : (loaded.right.state as ConversationState);
  };
  for (const [i, step] of steps.entries()) {
    if (step.kind === 'later') {
      await settle(step.ms);
      continue;
    }
    if (step.kind === 'customer') {
      const customerId = CUSTOMERS[step.who] as string;
      const entryGroupId = ENTRY[step.entry];
      await engine.dispatchUnknown({
        type: 'SendCustomerMessage',
        shopId: SHOP,
        actor: { kind: 'customer', id: customerId },
        data: { sessionId: session(step.who), messageId: `m${i}`, customerId, content: { kind: 'text', text: WORDS[step.word] }, channel: CHANNELS[step.channel], ...(entryGroupId === undefined ? {} : { entryGroupId }) },
      });
    } else if (step.kind === 'proactive') {
      const agentId = WORKERS[step.agent] as string;
      const started = await engine.dispatch(d.asAgent(agentId).proactive({ sessionId: session(step.who), customerId: CUSTOMERS[step.who] as string, agentId, channel: 'app' }));
      void started;
    } else {
      const sessionId = session(step.who);
      const state = await holderOf(sessionId);
      const holder = state?.agentId;
      const other = WORKERS[step.to] as string;
      if (step.kind === 'end') {
        const ended = await engine.dispatch(d.end({ sessionId }));
        if (E.isRight(ended)) round[step.who] = (round[step.who] as number) + 1;
      } else if (holder !== undefined && step.kind === 'reply') {
        await engine.dispatchUnknown({ type: 'SendAgentMessage', shopId: SHOP, actor: { kind: 'agent', id: holder }, data: { sessionId, messageId: `m${i}`, content: { kind: 'text', text: WORDS[step.word] } } });
      } else if (holder !== undefined && step.kind === 'invite') {
        await engine.dispatch(d.asAgent(holder).invite({ sessionId, agentId: other }));
      } else if (holder !== undefined) {
        const asked = await engine.dispatch(d.asAgent(holder).transfer({ sessionId, toAgentId: other }));
        const request = E.isRight(asked) ? asked.right.events.find((e) => e.type === 'TransferRequested') : undefined;
        if (request !== undefined) await engine.dispatch(d.asAgent(other).accept({ sessionId, requestId: (request.data as { requestId: string }).requestId }));
      }
    }
    await settle();
    await settle(5_000);
  }
  await settle();

  const loadDesk = async (): Promise<DeskState> => {
    const loaded = await engine.load(deskModule, routingStream(SHOP));
    if (E.isLeft(loaded)) throw new Error(JSON.stringify(loaded.left));
    return loaded.right.state as DeskState;
  };
  return {
    engine,
    history: () => engine.projection<SessionHistory>('session-history'),
    search: () => engine.projection<MessageSearch>('customer-message-search'),
    inbox: () => engine.projection<AgentInbox>('agent-inbox'),
    queue: () => engine.projection<QueueView>('queue-view'),
    desk: loadDesk,
    viewers: async () => {
      const deskState = await loadDesk();
      const out: Record<string, Viewer> = {};
      for (const m of STAFF) {
        const v = viewerOf(deskState, SHOP, m.id);
        if (E.isLeft(v)) throw new Error(JSON.stringify(v.left));
        out[m.id] = v.right;
      }
      return out;
    },
    sessionIds: async () => Object.keys(engine.projection<SessionHistory>('session-history')[SHOP]?.sessions ?? {}),
  };
};
