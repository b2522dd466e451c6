/**
 * A real engine (desk, conversation, review; virtual clock, manual reactor) to
 * drive histories for the workload fold, and the fold over its whole log,
 * decoded by the engine's registry as every reader of the log decodes it.
 */
import * as E from 'fp-ts/lib/Either.js';
import { conversationModule } from '../../../../src/domain/conversation/conversationModule.js';
import type { ConversationCommand } from '../../../../src/domain/conversation/conversationCommands.js';
import { deskModule } from '../../../../src/domain/desk/deskModule.js';
import type { Actor } from '../../../../src/domain/envelope.js';
import { reviewModule } from '../../../../src/domain/review/reviewModule.js';
import { createEngine } from '../../../../src/engine.js';
import type { ProjectedEvent } from '../../../../src/projections/projection.js';
import { WORKLOAD_FOLD, workloadProjection, type WorkloadFoldOptions, type WorkloadState } from '../../../../src/projections/reports/workload/workloadFold.js';
import { seededRandom } from '../../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../../src/runtime/virtualClock.js';
import { desk } from '../../../../src/testing/deskInputs.js';
import { readEverything } from '../../../conformance/fixtures.js';
import { engineDriver } from '../../../support/engineDriver.js';

export const SHOP = 'shop-w';
export const ZONE = 'Asia/Shanghai';
export const SEC = 1000;

const customer = (id: string): Actor => ({ kind: 'customer', id });
const agent = (id: string): Actor => ({ kind: 'agent', id });
const system: Actor = { kind: 'system' };
type DataOf<T extends ConversationCommand['type']> = Extract<ConversationCommand, { type: T }>['data'];
const input = <T extends ConversationCommand['type']>(type: T, actor: Actor, data: DataOf<T>) => ({ type, shopId: SHOP, actor, data });

export const workloadHarness = (start: number, options: { seed?: number } = {}) => {
  const clock = virtualClock(start);
  const engine = createEngine({
    modules: [deskModule, conversationModule, reviewModule],
    clock,
    random: seededRandom(options.seed ?? 7),
    reactor: { mode: 'manual' },
    // The same fold live, event by event as the engine commits them (to compare with a replay of the log).
    inlineProjections: [workloadProjection({ zone: ZONE })],
  });
  const d = desk(SHOP);
  const driver = engineDriver(engine, clock);
  let messageNo = 0;
  const nextId = () => `m${++messageNo}`;
  const { moveTo: at, step: run } = driver;
  return {
    engine,
    clock,
    d,
    ...driver,
    at,
    run,
    /** Registers agents, online unless told otherwise. */
    agents: async (ids: readonly string[], online = true) => {
      for (const agentId of ids) {
        await run(d.registerAgent({ agentId, name: agentId.toUpperCase(), maxSessions: 10 }));
        if (online) await run(d.online(agentId));
      }
    },
    says: (customerId: string, sessionId: string, extra: Partial<DataOf<'SendCustomerMessage'>> = {}) =>
      run(input('SendCustomerMessage', customer(customerId), { sessionId, messageId: nextId(), customerId, content: { kind: 'text', text: 'hi' }, channel: 'web-mall', ...extra })),
    replies: (agentId: string, sessionId: string) => run(input('SendAgentMessage', agent(agentId), { sessionId, messageId: nextId(), content: { kind: 'text', text: 'ok' } })),
    note: (agentId: string, sessionId: string) => run(input('AddInternalNote', agent(agentId), { sessionId, messageId: nextId(), content: { kind: 'text', text: 'note' } })),
    auto: (sessionId: string, purpose?: string) =>
      run(input('SendSystemMessage', system, { sessionId, messageId: nextId(), text: 'auto', auto: true, ...(purpose === undefined ? {} : { purpose }) })),
    rate: (customerId: string, sessionId: string, score: number) => run({ type: 'RateSession', shopId: SHOP, actor: customer(customerId), data: { sessionId, score } }),
    /** The workload fold over the whole log. */
    fold: async (foldOptions: WorkloadFoldOptions = {}): Promise<WorkloadState> => {
      const projection = workloadProjection({ zone: ZONE, ...foldOptions });
      let state = projection.initialState();
      for (const recorded of await readEverything(engine.store)) {
        const decoded = engine.registry.decodeRecorded(recorded);
        if (E.isLeft(decoded)) throw new Error(JSON.stringify(decoded.left));
        state = projection.apply(state, decoded.right as ProjectedEvent);
      }
      return state;
    },
    events: async () => readEverything(engine.store),
    /** The fold as the engine kept it live. */
    live: (): WorkloadState => engine.projection<WorkloadState>(WORKLOAD_FOLD),
  };
};
