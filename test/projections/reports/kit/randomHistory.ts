/**
 * Random shop histories driven through a real engine (desk, conversation and
 * orders; virtual clock, manual reactor), for the report runners' properties:
 * customers write, the agent holding a session replies, transfers it (accepted),
 * sessions end, agents change status, orders are placed, paid and refunded, and
 * time moves on by minutes to hours (days and midnights are crossed). Commands
 * the engine refuses are simply not in the log.
 */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import type { ConversationState } from '../../../../src/domain/conversation/conversation.js';
import { conversationModule } from '../../../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../../../src/domain/desk/deskModule.js';
import { orderModule } from '../../../../src/domain/orders/orderModule.js';
import { reviewModule } from '../../../../src/domain/review/reviewModule.js';
import { createEngine, type Engine } from '../../../../src/engine.js';
import type { AnyProjection } from '../../../../src/projections/projection.js';
import { seededRandom } from '../../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../../src/runtime/virtualClock.js';
import { desk } from '../../../../src/testing/deskInputs.js';
import type { EventStore } from '../../../../src/adapters/eventStore.js';
import type { RecordedEvent } from '../../../../src/domain/envelope.js';
import { createRegistry } from '../../../../src/domain/registry.js';

export const HISTORY_SHOP = 'shop-r';
/** 17:00 in Shanghai: a few hours on, the history crosses midnight. */
/** The modules the histories run on, and their registry (what an inline report set decodes with). */
export const HISTORY_MODULES = [deskModule, conversationModule, reviewModule, orderModule];
export const historyRegistry = createRegistry(HISTORY_MODULES);

export const HISTORY_T0 = Date.UTC(2026, 11, 2, 9, 0, 0);
const AGENTS = ['a1', 'a2', 'a3'];
const CUSTOMERS = ['c0', 'c1', 'c2', 'c3'];

export type Step =
  | { readonly kind: 'customer'; readonly who: number; readonly channel: number }
  | { readonly kind: 'reply' | 'transfer' | 'end'; readonly who: number; readonly to: number }
  | { readonly kind: 'status'; readonly agent: number; readonly status: 'online' | 'busy' | 'offline' }
  | { readonly kind: 'later'; readonly ms: number }
  | { readonly kind: 'order'; readonly who: number; readonly amount: number; readonly refund: boolean }
  | { readonly kind: 'rate'; readonly who: number; readonly score: number; readonly previous: boolean };

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('customer' as const), who: fc.nat(3), channel: fc.nat(1) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('reply' as const), who: fc.nat(3), to: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('transfer' as const), who: fc.nat(3), to: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('end' as const), who: fc.nat(3), to: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('status' as const), agent: fc.nat(2), status: fc.constantFrom('online' as const, 'busy' as const, 'offline' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('later' as const), ms: fc.integer({ min: 1_000, max: 4 * 3_600_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('order' as const), who: fc.nat(3), amount: fc.integer({ min: 1, max: 500_000 }), refund: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rate' as const), who: fc.nat(3), score: fc.integer({ min: 1, max: 5 }), previous: fc.boolean() }) },
);

export const historyArb = fc.array(stepArb, { minLength: 15, maxLength: 35 });

/** The agent holding a session, read from the conversation's own state. */
const holderOf = async (engine: Engine, sessionId: string): Promise<string | undefined> => {
  const loaded = await engine.load(conversationModule, `conversation-${HISTORY_SHOP}-${sessionId}`);
  if (E.isLeft(loaded)) return undefined;
  return (loaded.right.state as ConversationState).agentId;
};

/** Runs the steps on a new engine (its store: `store`, default in memory) with `inline` as inline projections. */
export const driveHistory = async (steps: readonly Step[], inline: readonly AnyProjection[], store?: EventStore): Promise<Engine> => {
  const clock = virtualClock(HISTORY_T0);
  const engine = createEngine({ modules: HISTORY_MODULES, clock, random: seededRandom(11), inlineProjections: inline, reactor: { mode: 'manual' }, ...(store === undefined ? {} : { store }) });
  const d = desk(HISTORY_SHOP);
  const settle = async (ms = 0) => {
    const advanced = await engine.advanceTo(clock.now() + ms);
    if (E.isLeft(advanced)) throw new Error(`advance failed: ${JSON.stringify(advanced.left)}`);
  };
  for (const [i, agentId] of AGENTS.entries()) {
    await engine.dispatch(d.registerAgent({ agentId, name: `客服${i + 1}号`, maxSessions: 5 }));
    await engine.dispatch(d.online(agentId));
  }
  const round = CUSTOMERS.map(() => 0);
  const session = (who: number) => `s-${who}-${round[who]}`;
  for (const [i, step] of steps.entries()) {
    if (step.kind === 'later') {
      await settle(step.ms);
      continue;
    }
    if (step.kind === 'order') {
      // The shop's order system (system actor): placed and paid, sometimes refunded, by a customer of the history.
      const figures = { orderId: `o${i}`, buyerId: CUSTOMERS[step.who] as string, amount: step.amount, units: 1 };
      const order = (type: string, data: object) => engine.dispatchUnknown({ type, shopId: HISTORY_SHOP, actor: { kind: 'system' }, data });
      await order('RecordOrderPlaced', figures);
      await order('RecordOrderPaid', figures);
      if (step.refund) await order('RecordOrderRefunded', { ...figures, refundId: `r${i}` });
    } else if (step.kind === 'rate') {
      // S10: the customer rates its session, or the one that just ended (a rating after the end updates M22's row).
      const rated = step.previous && (round[step.who] as number) > 0 ? `s-${step.who}-${(round[step.who] as number) - 1}` : session(step.who);
      const customerId = CUSTOMERS[step.who] as string;
      await engine.dispatch({ type: 'RateSession', shopId: HISTORY_SHOP, actor: { kind: 'customer', id: customerId }, data: { sessionId: rated, score: step.score } });
    } else if (step.kind === 'status') {
      await engine.dispatch(d.setStatus({ agentId: AGENTS[step.agent] as string, status: step.status }));
    } else if (step.kind === 'customer') {
      const customerId = CUSTOMERS[step.who] as string;
      await engine.dispatch({ type: 'SendCustomerMessage', shopId: HISTORY_SHOP, actor: { kind: 'customer', id: customerId }, data: { sessionId: session(step.who), messageId: `m${i}`, customerId, content: { kind: 'text', text: `问题 ${i}, "引号"` }, channel: step.channel === 0 ? 'web-mall' : 'app' } });
    } else {
      const sessionId = session(step.who);
      const holder = await holderOf(engine, sessionId);
      if (step.kind === 'end') {
        const ended = await engine.dispatch(d.end({ sessionId }));
        if (E.isRight(ended)) round[step.who] = (round[step.who] as number) + 1;
      } else if (holder !== undefined && step.kind === 'reply') {
        await engine.dispatch({ type: 'SendAgentMessage', shopId: HISTORY_SHOP, actor: { kind: 'agent', id: holder }, data: { sessionId, messageId: `m${i}`, content: { kind: 'text', text: '您好' } } });
      } else if (holder !== undefined) {
        const to = AGENTS[step.to] as string;
        const asked = await engine.dispatch(d.asAgent(holder).transfer({ sessionId, toAgentId: to }));
        const request = E.isRight(asked) ? asked.right.events.find((e) => e.type === 'TransferRequested') : undefined;
        if (request !== undefined) await engine.dispatch(d.asAgent(to).accept({ sessionId, requestId: (request.data as { requestId: string }).requestId }));
      }
    }
    // Each step a few seconds after the last, the reactions it caused carried first.
    await settle();
    await settle(7_000);
  }
  await settle();
  return engine;
};

/** Appends recorded events to another store as they were (same streams, versions in order): a log written in two goes. */
export const appendRecorded = async (to: EventStore, events: readonly RecordedEvent[]): Promise<void> => {
  for (const e of events) {
    const appended = await to.append(e.stream, [{ type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: e.metadata }], e.streamVersion - 1);
    if (E.isLeft(appended)) throw new Error(`append failed: ${JSON.stringify(appended.left)}`);
  }
};
