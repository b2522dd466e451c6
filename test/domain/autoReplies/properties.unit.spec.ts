/**
 * Properties (fast-check) of S9 auto-replies, on the deciders alone (fast enough
 * for hundreds of runs): auto messages never change any reply count of the
 * conversation, and what the per-customer stream remembers stays bounded.
 */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AutoRepliesCommand } from '../../../src/domain/autoReplies/autoRepliesCommands.js';
import type { AutoRepliesEvent } from '../../../src/domain/autoReplies/autoRepliesEvents.js';
import { autoRepliesModule } from '../../../src/domain/autoReplies/autoRepliesModule.js';
import { decodeAutoReplies, encodeAutoReplies, HANDLED_LIMIT, type AutoRepliesState } from '../../../src/domain/autoReplies/autoRepliesState.js';
import { compileCalendar } from '../../../src/domain/calendar/compile.js';
import type { CalendarDefinition } from '../../../src/domain/calendar/calendarTypes.js';
import type { CommandMeta } from '../../../src/domain/command.js';
import { sessionStatsOf, type ConversationState } from '../../../src/domain/conversation/conversation.js';
import type { ConversationCommand } from '../../../src/domain/conversation/conversationCommands.js';
import { conversationModule, conversationStream } from '../../../src/domain/conversation/conversationModule.js';
import { initialDeskState } from '../../../src/domain/desk/deskState.js';
import type { DecideContext } from '../../../src/domain/decider.js';
import { routingStream } from '../../../src/domain/desk/deskModule.js';
import { settingsStream } from '../../../src/domain/shopSettings/shopSettingsDecide.js';
import { defaultShopSettings } from '../../../src/domain/shopSettings/shopSettingsShape.js';
import type { ShopSettingsState } from '../../../src/domain/shopSettings/settingsVersions.js';
import type { ProjectedEvent } from '../../../src/projections/projection.js';
import { drive, type Driven } from '../conversation/driver.js';
import { agent, command, customer, system, text } from '../conversation/harness.js';
import { closedAtT0, HOUR, MINUTE, SHOP, T0 } from './harness.js';

const meta = (now: number, actor: CommandMeta['actor'] = system): CommandMeta => ({ shopId: SHOP, actor, now, seed: 1, commandId: 'c', correlationId: 'c', causationId: 'c' });

const decideCommand = (type: AutoRepliesCommand['type'], customerId: string, sessionId: string, at: number): AutoRepliesCommand => ({ type, data: { customerId, sessionId, at }, meta: meta(at) });

const settingsState = (texts: { welcome: string; afterHoursNotice: string; promotion: string; queueNotice: string }, calendar: CalendarDefinition): ShopSettingsState => ({
  versions: [{ version: 1, effectiveAt: 0, settings: { ...defaultShopSettings, businessHours: compileCalendar(calendar), autoReplies: { ...defaultShopSettings.autoReplies, ...texts } } }],
});

const contextOf = (settings: ShopSettingsState, conversations: ReadonlyMap<string, ConversationState>): DecideContext => ({
  stateOf: (stream) => {
    if (stream === settingsStream(SHOP)) return settings;
    if (stream === routingStream(SHOP)) return initialDeskState();
    for (const [sessionId, state] of conversations) if (stream === conversationStream(SHOP, sessionId)) return state;
    return undefined;
  },
});

/** Decides a moment and folds it; answers the conversation commands its reactions give. */
const decideAndReact = (c: AutoRepliesCommand, state: AutoRepliesState, context: DecideContext): { state: AutoRepliesState; sends: ConversationCommand[]; events: readonly AutoRepliesEvent[] } => {
  const { decider, reactions } = autoRepliesModule;
  const decided = decider.decide(c, state, context);
  if (E.isLeft(decided)) throw new Error(JSON.stringify(decided.left));
  const sends: ConversationCommand[] = [];
  for (const event of decided.right) {
    const react = reactions?.[event.type];
    for (const reaction of react?.({ ...event } as unknown as ProjectedEvent) ?? []) {
      if (reaction.kind !== 'dispatch') throw new Error('auto-replies only dispatch');
      const data = conversationModule.commands.SendSystemMessage.decode(reaction.command.data);
      if (E.isLeft(data)) throw new Error('the reaction gave a command the conversation refuses');
      sends.push({ type: 'SendSystemMessage', data: data.right, meta: meta(c.meta.now) } as ConversationCommand);
    }
  }
  return { state: decided.right.reduce(decider.evolve, state), sends, events: decided.right };
};

const replyFacts = (s: ConversationState | undefined) =>
  s === undefined ? undefined : { agentReplies: s.agentReplies, unreplied: s.unreplied, waitingSince: s.waitingSince, firstReplyAt: s.firstReplyAt, firstCustomerMessageAt: s.firstCustomerMessageAt, stats: sessionStatsOf(s) };

const newDriven = (): Driven => drive([]);

type Op = { readonly kind: 'customer' | 'agent' | 'note' | 'start' | 'queue' | 'system'; readonly session: number; readonly gapMinutes: number };

const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('customer', 'agent', 'note', 'start', 'queue', 'system'),
  session: fc.nat({ max: 2 }),
  gapMinutes: fc.nat({ max: 24 * 60 }),
});
const textArb = fc.oneof(fc.constant(''), fc.constant('  '), fc.string({ minLength: 1, maxLength: 30 }));

describe('S9 property: auto messages never change any reply count', () => {
  it('over random sequences of customer messages, replies, notes and auto-reply moments, every reply fact equals that of the same run without the auto messages', () => {
    const seen: string[] = [];
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 40 }),
        fc.record({ welcome: textArb, afterHoursNotice: textArb, promotion: textArb, queueNotice: textArb }),
        fc.boolean(),
        (ops, texts, closed) => {
          const settings = settingsState(texts, closed ? (closedAtT0 as CalendarDefinition) : { kind: '24x7', zone: 'Asia/Shanghai' });
          const withAuto = newDriven();
          const without = newDriven();
          const sessions = ['s0', 's1', 's2'];
          const customerOf = (i: number) => `c${i}`;
          // Each session opened by its customer's first message, in both runs; s0 and s1 assigned, s2 left in the queue.
          const QUEUED = 's2';
          const opening = sessions.flatMap((sessionId, i): ConversationCommand[] => [
            command('SendCustomerMessage', customer(customerOf(i)), { sessionId, messageId: `${sessionId}-open`, customerId: customerOf(i), content: text('hi'), channel: 'web-mall' }, T0),
            command('RecordRouting', system, { sessionId, routingVersion: i + 1, at: T0, change: sessionId === QUEUED ? { kind: 'queued' } : { kind: 'assigned', agentId: 'a1', via: 'test' } }, T0),
          ]);
          drive(opening, withAuto);
          drive(opening, without);
          const states = new Map<string, AutoRepliesState>();
          let now = T0;
          let autoSent = 0;
          const purposes = new Set<string>();
          ops.forEach((op, n) => {
            now += op.gapMinutes * MINUTE;
            const sessionId = sessions[op.session]!;
            const customerId = customerOf(op.session);
            const messageId = `m${n}`;
            if ((op.kind === 'agent' || op.kind === 'note') && sessionId === QUEUED) return; // no agent there to write
            if (op.kind === 'customer' || op.kind === 'agent' || op.kind === 'note') {
              const c =
                op.kind === 'customer'
                  ? command('SendCustomerMessage', customer(customerId), { sessionId, messageId, customerId, content: text('?') }, now)
                  : op.kind === 'agent'
                    ? command('SendAgentMessage', agent('a1'), { sessionId, messageId, content: text('!') }, now)
                    : command('AddInternalNote', agent('a1'), { sessionId, messageId, content: text('note') }, now);
              drive([c], withAuto);
              drive([c], without);
            } else {
              const before = replyFacts(withAuto.states.get(sessionId));
              let sends: ConversationCommand[];
              if (op.kind === 'system') {
                // An auto message from elsewhere (a no-response prompt): counted the same way.
                sends = [command('SendSystemMessage', system, { sessionId, messageId, text: 'auto', auto: true, purpose: 'agent-no-response-prompt' }, now)];
              } else {
                const decided = decideAndReact(
                  decideCommand(op.kind === 'start' ? 'DecideStartReplies' : 'DecideQueueNotice', customerId, sessionId, now),
                  states.get(customerId) ?? autoRepliesModule.decider.initialState(),
                  contextOf(settings, withAuto.states),
                );
                states.set(customerId, decided.state);
                sends = decided.sends;
                for (const e of decided.events) if (e.type === 'AutoReplyDecided') purposes.add(e.data.purpose);
              }
              drive(sends, withAuto);
              autoSent += sends.length;
              expect(replyFacts(withAuto.states.get(sessionId))).toEqual(before);
            }
            for (const s of sessions) expect(replyFacts(withAuto.states.get(s))).toEqual(replyFacts(without.states.get(s)));
          });
          // The auto messages were written (when any was decided), as auto messages from the system.
          const autoEvents = withAuto.events.filter((e) => e.type === 'MessageSent' && e.data.sender.kind === 'system');
          expect(autoEvents).toHaveLength(autoSent);
          expect(autoEvents.every((e) => e.type === 'MessageSent' && e.data.kind === 'auto')).toBe(true);
          seen.push(...purposes);
        },
      ),
      { numRuns: 300 },
    );
    // The runs did send every kind of auto-reply.
    expect(new Set(seen)).toEqual(new Set(['welcome', 'after-hours-notice', 'promotion', 'queue-notice']));
  });
});

describe('the per-customer memory is bounded', () => {
  it('however many sessions, the moments remembered stay at most HANDLED_LIMIT, and the snapshot reads back the same state', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.nat({ max: 48 }), (count, stepHours) => {
        let state = autoRepliesModule.decider.initialState();
        let welcomes = 0;
        const conversations = new Map<string, ConversationState>();
        const settings = settingsState({ welcome: '', afterHoursNotice: '', promotion: 'p', queueNotice: 'q' }, { kind: '24x7', zone: 'Asia/Shanghai' });
        for (let i = 0; i < count; i++) {
          const sessionId = `s${i}`;
          const opened = drive([command('SendCustomerMessage', customer('alice'), { sessionId, messageId: 'm', customerId: 'alice', content: text('hi'), channel: 'web-mall' }, T0)]);
          conversations.set(sessionId, opened.states.get(sessionId)!);
          const at = T0 + i * stepHours * HOUR;
          for (const type of ['DecideStartReplies', 'DecideQueueNotice'] as const) {
            const decided = decideAndReact(decideCommand(type, 'alice', sessionId, at), state, contextOf(settings, conversations));
            welcomes += decided.events.filter((e) => e.type === 'AutoReplyDecided' && e.data.purpose === 'welcome').length;
            state = decided.state;
          }
          conversations.delete(sessionId);
          expect(state.handled.length).toBeLessThanOrEqual(HANDLED_LIMIT);
        }
        // One welcome per local day the sessions touched.
        const days = new Set(Array.from({ length: count }, (_, i) => new Date(T0 + 8 * HOUR + i * stepHours * HOUR).toISOString().slice(0, 10)));
        expect(welcomes).toBe(days.size);
        const back = decodeAutoReplies(JSON.parse(JSON.stringify(encodeAutoReplies(state))));
        expect(back).toEqual(E.right(state));
      }),
      { numRuns: 40 },
    );
  });

  it('a moment that fell out of the window is decided again with the same message ids, which the conversation answers as a no-op', () => {
    const settings = settingsState({ welcome: '', afterHoursNotice: '', promotion: 'p', queueNotice: '' }, { kind: '24x7', zone: 'Asia/Shanghai' });
    const conv = drive([command('SendCustomerMessage', customer('alice'), { sessionId: 'old', messageId: 'm', customerId: 'alice', content: text('hi'), channel: 'web-mall' }, T0)]);
    const context = contextOf(settings, conv.states);
    const first = decideAndReact(decideCommand('DecideStartReplies', 'alice', 'old', T0), autoRepliesModule.decider.initialState(), context);
    drive(first.sends, conv);
    let state = first.state;
    for (let i = 0; i < HANDLED_LIMIT; i++) state = autoRepliesModule.decider.evolve(state, { type: 'AutoRepliesChecked', data: { sessionId: `n${i}`, moment: 'session-start', settingsVersion: 1, at: T0 } });
    const again = decideAndReact(decideCommand('DecideStartReplies', 'alice', 'old', T0), state, context);
    expect(again.sends.map((c) => (c.data as { messageId: string }).messageId)).toEqual(first.sends.filter((c) => (c.data as { purpose: string }).purpose === 'promotion').map((c) => (c.data as { messageId: string }).messageId));
    const events = conv.events.length;
    drive(again.sends, conv);
    expect(conv.events.length).toBe(events);
  });
});
