/**
 * S16: desk, conversation and shop settings on one engine with content protection
 * (in-memory key store unless given), a virtual clock and a manual reactor; the
 * conversation's read models inline. `at(t)` moves the engine (and so the sweep)
 * to a time; `replay()` folds the read models again from the log, as an analyst
 * would.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../../../src/adapters/eventStore.js';
import type { KeyStore } from '../../../src/adapters/keyStore.js';
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import { createInMemoryKeyStore } from '../../../src/adapters/memory/inMemoryKeyStore.js';
import { conversationModule } from '../../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import type { RecordedEvent } from '../../../src/domain/envelope.js';
import type { KefuError } from '../../../src/domain/errors.js';
import { shopSettingsModule } from '../../../src/domain/shopSettings/shopSettingsModule.js';
import { createEngine, type ContentProtectionSettings } from '../../../src/engine.js';
import { agentInbox } from '../../../src/projections/agentInbox.js';
import { agentBoard } from '../../../src/projections/agentBoard.js';
import { conversationTimeline, type Timelines } from '../../../src/projections/conversationTimeline.js';
import { project, type AnyProjection, type ProjectedEvent } from '../../../src/projections/projection.js';
import { queueView } from '../../../src/projections/queueView.js';
import { recentContactsProjection } from '../../../src/projections/recentContacts.js';
import type { SweepReport } from '../../../src/runtime/contentProtection/retentionSweep.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { desk } from '../../../src/testing/deskInputs.js';
import { readEverything } from '../../conformance/fixtures.js';

export const SHOP = 'shop-r';
export const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);
export const DAY = 86_400_000;
export const HOUR = 3_600_000;

export const modules = [deskModule, conversationModule, shopSettingsModule];
const recent = recentContactsProjection();
export const readModels: readonly AnyProjection[] = [conversationTimeline, agentInbox, recent, agentBoard, queueView];

export const text = (value: string) => ({ kind: 'text' as const, text: value });
export const says = (customerId: string, sessionId: string, messageId: string, value: string) => ({
  type: 'SendCustomerMessage',
  shopId: SHOP,
  actor: { kind: 'customer', id: customerId },
  data: { sessionId, messageId, customerId, content: text(value), channel: 'web-mall' },
});
export const replies = (agentId: string, sessionId: string, messageId: string, value: string) => ({
  type: 'SendAgentMessage',
  shopId: SHOP,
  actor: { kind: 'agent', id: agentId },
  data: { sessionId, messageId, content: text(value) },
});
export const notes = (agentId: string, sessionId: string, messageId: string, value: string) => ({
  type: 'AddInternalNote',
  shopId: SHOP,
  actor: { kind: 'agent', id: agentId },
  data: { sessionId, messageId, content: text(value) },
});
export const retention = (value: unknown, effectiveAt?: number) => ({
  type: 'ChangeShopSettings',
  shopId: SHOP,
  actor: { kind: 'system' },
  data: { retention: value, ...(effectiveAt === undefined ? {} : { effectiveAt }) },
});

export interface HarnessOptions {
  readonly store?: EventStore;
  readonly keys?: KeyStore;
  readonly protection?: Partial<ContentProtectionSettings>;
  readonly start?: number;
}

export const retentionHarness = (options: HarnessOptions = {}) => {
  const clock = virtualClock(options.start ?? T0);
  const keys = options.keys ?? createInMemoryKeyStore();
  const base = options.store ?? createInMemoryEventStore();
  const sweeps: E.Either<KefuError, SweepReport>[] = [];
  const engine = createEngine({
    store: base,
    modules,
    clock,
    random: seededRandom(16),
    inlineProjections: readModels,
    reactor: { mode: 'manual' },
    contentProtection: { keys, onSweep: (r) => sweeps.push(r), ...options.protection },
  });
  const d = desk(SHOP);
  const ok = async (input: unknown) => {
    const result = await engine.dispatchUnknown(input);
    if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left)}`);
    return result.right.events;
  };
  /** Moves the engine to `t`: reactions, deadlines, then the sweep. */
  const at = async (t: number) => {
    const advanced = await engine.advanceTo(t);
    if (E.isLeft(advanced)) throw new Error(`advance failed: ${JSON.stringify(advanced.left)}`);
  };
  const settle = () => at(clock.now());
  const agents = async (ids: readonly string[]) => {
    for (const agentId of ids) {
      await ok(d.registerAgent({ agentId, name: agentId.toUpperCase(), maxSessions: 5 }));
      await ok(d.online(agentId));
    }
  };
  /** The read models folded from the log read through `store` (the engine's, or any other). */
  const replay = async (store: EventStore = engine.store) => {
    const decoded: ProjectedEvent[] = [];
    for (const event of await readEverything(store)) {
      const read = engine.registry.decodeRecorded(event);
      if (E.isLeft(read)) throw new Error(`replay: ${JSON.stringify(read.left)}`);
      decoded.push(read.right);
    }
    return Object.fromEntries(readModels.map((p) => [p.name, project(p, decoded)])) as Record<string, unknown>;
  };
  const timelines = () => engine.projection<Timelines>('conversation-timeline');
  const raw = async (): Promise<RecordedEvent[]> => readEverything(base);
  return { engine, clock, keys, base, sweeps, d, ok, at, settle, agents, replay, timelines, raw };
};

/** Every message of a timeline state, without its content: what a report may use. */
export const withoutContent = (timelines: unknown) => {
  const out: unknown[] = [];
  for (const [shop, sessions] of (timelines as Timelines).entries()) {
    for (const [sessionId, timeline] of sessions.entries()) {
      out.push({ shop, sessionId, status: timeline.status, agentId: timeline.agentId, messages: timeline.messages.toArray().map(({ content: _c, ...m }) => m) });
    }
  }
  return out;
};

/** Every content of every timeline message, in order. */
export const contents = (timelines: unknown): unknown[] =>
  [...(timelines as Timelines).values()].flatMap((sessions) => [...sessions.values()].flatMap((t) => t.messages.toArray().map((m) => m.content)));
