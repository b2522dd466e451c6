/**
 * Auto-replies beside the conversation, the desk and the shop settings on one
 * engine (virtual clock, manual reactor: `settle()` carries every reaction), as a
 * backend drives them; plus what the tests read back: the auto messages of a
 * session, the customer's auto-replies stream.
 */
import * as E from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import type { EventStore } from '../../../src/adapters/eventStore.js';
import { autoRepliesModule, autoRepliesStream } from '../../../src/domain/autoReplies/autoRepliesModule.js';
import { conversationModule, conversationStream } from '../../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import type { KefuError } from '../../../src/domain/errors.js';
import { shopSettingsModule } from '../../../src/domain/shopSettings/shopSettingsModule.js';
import { createEngine } from '../../../src/engine.js';
import type { ReactorReport } from '../../../src/runtime/reactor.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { desk } from '../../../src/testing/deskInputs.js';
import { readEverything } from '../../conformance/fixtures.js';
import { SHOP, T0 } from '../conversation/harness.js';

export { SHOP, T0 };
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export const change = (data: unknown) => ({ type: 'ChangeShopSettings', shopId: SHOP, actor: { kind: 'system' }, data });

/** Open on Wednesdays 09:00-12:00 in Shanghai only: T0 (Wed 2026-12-02 17:00 local) is closed. */
export const closedAtT0 = { kind: 'weekly', zone: 'Asia/Shanghai', week: { wed: [{ start: '09:00', end: '12:00' }] } };

export interface AutoMessage {
  readonly purpose: string;
  readonly text: string;
  readonly messageId: string;
  readonly auto: boolean;
}

export const autoRepliesHarness = (options: { store?: EventStore; now?: number } = {}) => {
  const store = options.store ?? createInMemoryEventStore();
  const clock = virtualClock(options.now ?? T0);
  const reports: ReactorReport[] = [];
  const engineOn = (s: EventStore) =>
    createEngine({
      store: s,
      modules: [deskModule, conversationModule, shopSettingsModule, autoRepliesModule],
      clock,
      random: seededRandom(7),
      reactor: { mode: 'manual' },
      onReactorReport: (r) => reports.push(r),
    });
  const engine = engineOn(store);
  const d = desk(SHOP);
  const ok = async (raw: unknown) => {
    const result = await engine.dispatchUnknown(raw);
    if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left)}`);
    return result.right.events.map((e) => ({ type: e.type, data: e.data as Record<string, unknown> }));
  };
  /** A refusal, checked to have written nothing anywhere. */
  const refused = async (raw: unknown): Promise<KefuError> => {
    const before = (await readEverything(store)).length;
    const result = await engine.dispatchUnknown(raw);
    if (E.isRight(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result.right.events)}`);
    if ((await readEverything(store)).length !== before) throw new Error('a refusal wrote events');
    return result.left;
  };
  const settle = async () => {
    const advanced = await engine.advanceTo(clock.now());
    if (E.isLeft(advanced)) throw new Error(`advance failed: ${JSON.stringify(advanced.left)}`);
  };
  /** Moves the virtual clock to `at` and carries what is due. */
  const at = async (when: number) => {
    await clock.advanceTo(when);
    await settle();
  };
  const agents = async (ids: readonly string[], online = true) => {
    for (const agentId of ids) {
      await ok(d.registerAgent({ agentId, name: agentId.toUpperCase(), maxSessions: 5 }));
      if (online) await ok(d.online(agentId));
    }
  };
  const events = async () => readEverything(store);
  /** The system messages of a session, in order, as the conversation recorded them. */
  const autoMessages = async (sessionId: string): Promise<AutoMessage[]> =>
    (await events())
      .filter((e) => e.stream === conversationStream(SHOP, sessionId) && e.type === 'MessageSent' && (e.data as { sender: { kind: string } }).sender.kind === 'system')
      .map((e) => {
        const data = e.data as { purpose: string; content: { text: string }; messageId: string; kind: string };
        return { purpose: data.purpose, text: data.content.text, messageId: data.messageId, auto: data.kind === 'auto' };
      });
  const purposes = async (sessionId: string) => (await autoMessages(sessionId)).map((m) => m.purpose);
  const customerStream = async (customerId: string) => (await events()).filter((e) => e.stream === autoRepliesStream(SHOP, customerId));
  return { store, clock, engine, engineOn, reports, d, ok, refused, settle, at, agents, events, autoMessages, purposes, customerStream };
};

export const decideInput = (type: 'DecideStartReplies' | 'DecideQueueNotice', data: unknown, actor: unknown = { kind: 'system' }) => ({ type, shopId: SHOP, actor, data });
