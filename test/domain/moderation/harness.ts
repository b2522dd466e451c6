/**
 * S15 tests' engine: the desk, the conversation and the moderation module on one
 * in-memory store, a virtual clock and a manual reactor (reactions carried by
 * `settle()`), plus builders for the moderation commands. Conversation commands
 * are built with the conversation harness's builders.
 */
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import type { EventStore } from '../../../src/adapters/eventStore.js';
import type { ConversationEventOf } from '../../../src/domain/conversation/conversation.js';
import { conversationModule, conversationStream } from '../../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import type { Actor } from '../../../src/domain/envelope.js';
import type { AnyModule } from '../../../src/domain/module.js';
import type { ModerationCommand } from '../../../src/domain/moderation/moderationCommands.js';
import { moderationModule } from '../../../src/domain/moderation/moderationModule.js';
import { createEngine } from '../../../src/engine.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { desk } from '../../../src/testing/deskInputs.js';
import { readEverything } from '../../conformance/fixtures.js';
import { SHOP, T0, system } from '../conversation/harness.js';
import { engineDriver } from '../../support/engineDriver.js';

export { SHOP, T0 };

type DataOf<T extends ModerationCommand['type']> = Extract<ModerationCommand, { type: T }>['data'];

/** A moderation command as a caller sends it (the system by default: a trusted backend). */
export const moderation = <T extends ModerationCommand['type']>(type: T, data: DataOf<T>, actor: Actor = system) => ({ type, shopId: SHOP, actor, data });

export const MODULES: readonly AnyModule[] = [deskModule, conversationModule, moderationModule];

export const moderationHarness = (options: { readonly modules?: readonly AnyModule[]; readonly store?: EventStore; readonly start?: number } = {}) => {
  const clock = virtualClock(options.start ?? T0);
  const store = options.store ?? createInMemoryEventStore();
  const engine = createEngine({ store, modules: options.modules ?? MODULES, clock, random: seededRandom(7), reactor: { mode: 'manual' } });
  const d = desk(SHOP);
  const { ok, refused, code, settle } = engineDriver(engine, clock);

  const agents = async (ids: readonly string[]) => {
    for (const agentId of ids) {
      await ok(d.registerAgent({ agentId, name: agentId.toUpperCase(), maxSessions: 5 }));
      await ok(d.online(agentId));
    }
  };
  const events = async () => readEverything(store);
  /** The MessageSent events of a session, as stored. */
  const messages = async (sessionId: string) =>
    (await events()).filter((e) => e.stream === conversationStream(SHOP, sessionId) && e.type === 'MessageSent').map((e) => e.data as ConversationEventOf<'MessageSent'>['data']);
  return { engine, store, clock, d, ok, refused, code, settle, agents, events, messages };
};

export type ModerationHarness = ReturnType<typeof moderationHarness>;
