/**
 * Customers and feedback beside the desk and the conversation on one engine
 * (virtual clock, manual reactor), as a backend drives them, with the customer
 * directory, the feedback list and the timelines inline. The staff: `boss`
 * (admin, g1), `lead` (team lead, g1), `amy` (agent, g1), `bob` (agent, g2).
 */
import * as E from 'fp-ts/lib/Either.js';
import { accessModule } from '../../../src/domain/access/accessModule.js';
import { conversationModule } from '../../../src/domain/conversation/conversationModule.js';
import { customersModule } from '../../../src/domain/customers/customersModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import type { Actor } from '../../../src/domain/envelope.js';
import { feedbackModule } from '../../../src/domain/feedback/feedbackModule.js';
import type { Who } from '../../../src/domain/permissions/policy.js';
import { resolveWho } from '../../../src/domain/permissions/who.js';
import { routingStream } from '../../../src/domain/desk/routingStream.js';
import { accessStream, type AccessState } from '../../../src/domain/access/accessState.js';
import type { DeskState } from '../../../src/domain/desk/deskState.js';
import { createEngine } from '../../../src/engine.js';
import { conversationTimeline } from '../../../src/projections/conversationTimeline.js';
import { customerDirectory, type CustomerDirectory } from '../../../src/projections/customerDirectory.js';
import { feedbackListProjection, type FeedbackList } from '../../../src/projections/feedbackList.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { desk } from '../../../src/testing/deskInputs.js';
import { readEverything } from '../../conformance/fixtures.js';
import { engineDriver } from '../../support/engineDriver.js';

export const SHOP = 'shop-k';
export const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);
export const MINUTE = 60_000;

export const agent = (id: string): Actor => ({ kind: 'agent', id });
export const customer = (id: string): Actor => ({ kind: 'customer', id });
export const system: Actor = { kind: 'system' };

/** An input for engine.dispatch. */
export const cmd = (type: string, actor: Actor, data: unknown) => ({ type, shopId: SHOP, actor, data });

export const says = (customerId: string, sessionId: string, messageId: string, text = '你好', extra: Record<string, unknown> = {}) =>
  cmd('SendCustomerMessage', customer(customerId), { sessionId, messageId, customerId, content: { kind: 'text', text }, channel: 'web-mall', ...extra });
export const replies = (agentId: string, sessionId: string, messageId: string, text = '您好，请问有什么可以帮您？') =>
  cmd('SendAgentMessage', agent(agentId), { sessionId, messageId, content: { kind: 'text', text } });
export const notes = (agentId: string, sessionId: string, messageId: string, text: string) =>
  cmd('AddInternalNote', agent(agentId), { sessionId, messageId, content: { kind: 'text', text } });

export interface Emitted {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

export const customersHarness = (options: { retainDone?: number } = {}) => {
  const clock = virtualClock(T0);
  const engine = createEngine({
    modules: [deskModule, conversationModule, customersModule, feedbackModule, accessModule],
    clock,
    random: seededRandom(5),
    inlineProjections: [customerDirectory, feedbackListProjection(options.retainDone === undefined ? {} : { retainDone: options.retainDone }), conversationTimeline],
    reactor: { mode: 'manual' },
  });
  const d = desk(SHOP);
  const { ok, refused, code, settle, later } = engineDriver(engine, clock);
  const staff = async () => {
    await ok(d.createGroup({ groupId: 'g1', name: '售前' }));
    await ok(d.createGroup({ groupId: 'g2', name: '售后' }));
    const agents: readonly [string, 'admin' | 'team-lead' | 'agent', string][] = [
      ['boss', 'admin', 'g1'],
      ['lead', 'team-lead', 'g1'],
      ['amy', 'agent', 'g1'],
      ['bob', 'agent', 'g2'],
    ];
    for (const [agentId, role, group] of agents) await ok(d.registerAgent({ agentId, name: agentId.toUpperCase(), maxSessions: 5, role, groups: [group] }));
  };
  /** An agent online alone takes the next session; the others go offline. */
  const onlyOnline = async (agentId: string) => {
    for (const id of ['boss', 'lead', 'amy', 'bob']) await ok(id === agentId ? d.online(id) : d.offline(id));
  };
  /** The viewer `who` as the engine resolves it now (desk and access streams). */
  const who = async (actor: Actor): Promise<Who> => {
    const deskState = await engine.load(deskModule, routingStream(SHOP));
    const access = await engine.load(accessModule, accessStream(SHOP));
    if (E.isLeft(deskState) || E.isLeft(access)) throw new Error('load failed');
    const resolved = resolveWho(deskState.right.state as DeskState, access.right.state as AccessState, actor);
    if (E.isLeft(resolved)) throw new Error(JSON.stringify(resolved.left));
    return resolved.right;
  };
  const deskState = async (): Promise<DeskState> => {
    const loaded = await engine.load(deskModule, routingStream(SHOP));
    if (E.isLeft(loaded)) throw new Error('load failed');
    return loaded.right.state as DeskState;
  };
  return {
    engine,
    clock,
    d,
    ok,
    refused,
    code,
    settle,
    later,
    staff,
    onlyOnline,
    who,
    deskState,
    events: async () => readEverything(engine.store),
    directory: () => engine.projection<CustomerDirectory>('customer-directory'),
    feedback: () => engine.projection<FeedbackList>('feedback-list'),
  };
};

export type CustomersHarness = ReturnType<typeof customersHarness>;
