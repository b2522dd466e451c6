/**
 * The conversation beside the desk on one engine (virtual clock, manual reactor),
 * driven as a backend would: messages in, reactions carried by `settle()`
 * (engine.advanceTo the current time), read models inline. Plus command builders
 * for the decider tests.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Command, CommandMeta } from '../../../src/domain/command.js';
import type { ConversationCommand } from '../../../src/domain/conversation/conversationCommands.js';
import { conversationModule, conversationStream } from '../../../src/domain/conversation/conversationModule.js';
import type { MessageContent } from '../../../src/domain/conversation/messages.js';
import { deskModule, routingStream } from '../../../src/domain/desk/deskModule.js';
import type { Actor } from '../../../src/domain/envelope.js';
import { createEngine } from '../../../src/engine.js';
import { agentInbox, type AgentInbox } from '../../../src/projections/agentInbox.js';
import { conversationTimeline, type Timelines } from '../../../src/projections/conversationTimeline.js';
import { recentContactsProjection, type RecentContacts } from '../../../src/projections/recentContacts.js';
import type { ReactorReport } from '../../../src/runtime/reactor.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { desk } from '../../../src/testing/deskInputs.js';
import { readEverything } from '../../conformance/fixtures.js';
import { engineDriver } from '../../support/engineDriver.js';

export const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);
export const SHOP = 'shop-c';

export const customer = (id: string): Actor => ({ kind: 'customer', id });
export const agent = (id: string): Actor => ({ kind: 'agent', id });
export const system: Actor = { kind: 'system' };

export const text = (value: string): MessageContent => ({ kind: 'text', text: value });

type DataOf<T extends ConversationCommand['type']> = Extract<ConversationCommand, { type: T }>['data'];

/** An input for engine.dispatch. */
export const input = <T extends ConversationCommand['type']>(type: T, actor: Actor, data: DataOf<T>) => ({ type, shopId: SHOP, actor, data });

/** A decoded command, for the decider tests (time `now`). */
export const command = <T extends ConversationCommand['type']>(type: T, actor: Actor, data: DataOf<T>, now = T0): ConversationCommand => {
  const meta: CommandMeta = { shopId: SHOP, actor, now, seed: 1, commandId: 'cmd-1', correlationId: 'cmd-1', causationId: 'cmd-1' };
  return { type, data, meta } as Command as ConversationCommand;
};

export const says = (customerId: string, sessionId: string, messageId: string, content: MessageContent = text('hello'), extra: Partial<DataOf<'SendCustomerMessage'>> = {}) =>
  input('SendCustomerMessage', customer(customerId), { sessionId, messageId, customerId, content, channel: 'web-mall', ...extra });

export const replies = (agentId: string, sessionId: string, messageId: string, content: MessageContent = text('how can I help?')) =>
  input('SendAgentMessage', agent(agentId), { sessionId, messageId, content });

export const auto = (sessionId: string, messageId: string, value = '你好，欢迎光临') =>
  input('SendSystemMessage', system, { sessionId, messageId, text: value, purpose: 'welcome' });

export const conversationHarness = (options: { limit?: number; seed?: number } = {}) => {
  const clock = virtualClock(T0);
  const reports: ReactorReport[] = [];
  const recent = recentContactsProjection(options.limit === undefined ? {} : { limit: options.limit });
  const engine = createEngine({
    modules: [deskModule, conversationModule],
    clock,
    random: seededRandom(options.seed ?? 7),
    inlineProjections: [conversationTimeline, agentInbox, recent],
    reactor: { mode: 'manual' },
    onReactorReport: (r) => reports.push(r),
  });
  const d = desk(SHOP);
  const { ok, refused, code, settle, later } = engineDriver(engine, clock);

  const agents = async (ids: readonly string[], maxSessions = 5) => {
    for (const agentId of ids) {
      await ok(d.registerAgent({ agentId, name: agentId.toUpperCase(), maxSessions }));
      await ok(d.online(agentId));
    }
  };
  const events = async () => readEverything(engine.store);
  const routingEvents = async () => (await events()).filter((e) => e.stream === routingStream(SHOP));
  const conversationEvents = async (sessionId: string) => (await events()).filter((e) => e.stream === conversationStream(SHOP, sessionId));
  const version = async (sessionId: string) => {
    const v = await engine.store.streamVersion(conversationStream(SHOP, sessionId));
    if (E.isLeft(v)) throw new Error(JSON.stringify(v.left));
    return v.right;
  };
  return {
    engine,
    clock,
    reports,
    d,
    ok,
    refused,
    code,
    settle,
    later,
    agents,
    events,
    routingEvents,
    conversationEvents,
    version,
    timelines: () => engine.projection<Timelines>('conversation-timeline'),
    inbox: () => engine.projection<AgentInbox>('agent-inbox'),
    recent: () => engine.projection<RecentContacts>('recent-contacts'),
  };
};
