/**
 * The desk, the conversation and the shop settings on engines sharing one store
 * (virtual clock, manual reactor), for the S8 timeouts: `restart()` replaces the
 * engine with a new one on the same store, as a crash and a new process would.
 */
import * as E from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import { conversationModule } from '../../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import { shopSettingsModule } from '../../../src/domain/shopSettings/shopSettingsModule.js';
import { createEngine, type Engine } from '../../../src/engine.js';
import type { RecordedEvent } from '../../../src/domain/envelope.js';
import { createInMemoryProjectionStateStore } from '../../../src/adapters/projectionStateStore.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { desk } from '../../../src/testing/deskInputs.js';
import { readEverything } from '../../conformance/fixtures.js';
import { SHOP, T0 } from './harness.js';

export const timeoutHarness = () => {
  const store = createInMemoryEventStore();
  const clock = virtualClock(T0);
  // The reactor's checkpoint outlives the engine, as it does in a database.
  const checkpoints = createInMemoryProjectionStateStore();
  let seed = 1;
  const make = (): Engine =>
    createEngine({ store, clock, modules: [deskModule, conversationModule, shopSettingsModule], random: seededRandom(seed++), reactor: { mode: 'manual', checkpoints } });
  let engine = make();
  const d = desk(SHOP);

  const ok = async (raw: unknown) => {
    const result = await engine.dispatchUnknown(raw);
    if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left)}`);
    return result.right.events;
  };
  /** Moves the clock to `ms` after T0, firing everything due on the way. */
  const at = async (ms: number) => {
    const advanced = await engine.advanceTo(T0 + ms);
    if (E.isLeft(advanced)) throw new Error(`advance failed: ${JSON.stringify(advanced.left)}`);
  };
  const restart = async () => {
    await engine.close();
    engine = make();
  };
  const events = async (): Promise<RecordedEvent[]> => readEverything(store);
  const ofType = async (type: string) => (await events()).filter((e) => e.type === type);
  const timeouts = (data: unknown) => ok({ type: 'ChangeShopSettings', shopId: SHOP, actor: { kind: 'system' }, data });
  const agents = async (ids: readonly string[]) => {
    for (const agentId of ids) {
      await ok(d.registerAgent({ agentId, name: agentId, maxSessions: 5 }));
      await ok(d.online(agentId));
    }
  };
  return { store, clock, d, ok, at, restart, events, ofType, timeouts, agents, engine: () => engine };
};
