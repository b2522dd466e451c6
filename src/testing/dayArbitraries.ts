/**
 * Realistic days for a shop, as fast-check arbitraries: agents register and come
 * online for their shifts (a break on the way, offline at the end), customers
 * arrive over the day and write a few messages, the agent holding the session
 * replies, sometimes hands it over to a colleague, and the session ends (by the
 * agent, or by the system). A day is data (times and command inputs), so a
 * failing one prints and shrinks; `runDay` dispatches it in time order on an
 * engine on a virtual clock, carrying the reactions and deadlines due on the way.
 *
 * What depends on how routing went (who holds a session when it is answered,
 * handed over or ended) is left for `runDay` to fill in: such a step names the
 * session, and runDay sends it as the session's holder at that time (skipped if
 * nobody holds it: still queued, or ended).
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { deskModule, routingStream } from '../domain/desk/deskModule.js';
import type { DeskState } from '../domain/desk/deskState.js';
import type { Actor } from '../domain/envelope.js';
import type { Engine } from '../engine.js';
import type { VirtualClock } from '../runtime/virtualClock.js';
import type { CommandInputOf } from './commandArbitraries.js';

export interface DayOptions {
  readonly shopId?: string;
  /** The day's start (epoch ms); default 2026-01-05 09:00 UTC. */
  readonly start?: number;
  /** How long the shop is open, in hours (default 8). */
  readonly hours?: number;
  /** Agents on duty (default 3), each with this many sessions at most (default 3). */
  readonly agents?: number;
  readonly maxSessions?: number;
  /** Customers who may write (default 10), and how many sessions the day holds at most (default 20). */
  readonly customers?: number;
  readonly maxSessionsInDay?: number;
  readonly channels?: readonly string[];
}

/** A step the day holds: an input to send as it is, or one for the agent holding a session then. */
export type DayStep =
  | { readonly at: number; readonly kind: 'send'; readonly input: CommandInputOf }
  | { readonly at: number; readonly kind: 'as-holder'; readonly sessionId: string; readonly type: 'SendAgentMessage' | 'TransferSession' | 'EndSession'; readonly data: Readonly<Record<string, unknown>> };

export interface Day {
  readonly shopId: string;
  readonly start: number;
  readonly end: number;
  readonly agents: readonly string[];
  /** The steps in time order (ties in the order they were made). */
  readonly steps: readonly DayStep[];
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const TEXTS = ['你好, 在吗?', 'Where is my parcel?', '可以退货吗', 'Is this in stock?', '谢谢', 'The size is wrong'];
const REPLIES = ['您好, 请稍等', 'Let me check', '已为您处理', 'Thanks for waiting'];

const sessionDraw = fc.record({
  customer: fc.nat(),
  channel: fc.nat(),
  arrival: fc.double({ min: 0, max: 0.95, noNaN: true }),
  messages: fc.array(fc.record({ gap: fc.integer({ min: 10 * SECOND, max: 4 * MINUTE }), text: fc.constantFrom(...TEXTS) }), { minLength: 1, maxLength: 4 }),
  replyAfter: fc.integer({ min: 5 * SECOND, max: 3 * MINUTE }),
  reply: fc.constantFrom(...REPLIES),
  handOver: fc.option(fc.nat(), { freq: 8, nil: undefined }),
  endAfter: fc.integer({ min: 30 * SECOND, max: 15 * MINUTE }),
  endedBy: fc.constantFrom('holder' as const, 'holder' as const, 'system' as const),
});

const shiftDraw = fc.record({
  startAfter: fc.integer({ min: 0, max: 90 * MINUTE }),
  breakAt: fc.option(fc.double({ min: 0.3, max: 0.7, noNaN: true }), { nil: undefined }),
  breakFor: fc.integer({ min: 5 * MINUTE, max: 30 * MINUTE }),
  leaveEarly: fc.integer({ min: 0, max: 60 * MINUTE }),
});

/** One day of desk and conversation commands for one shop. */
export const dayArbitrary = (options: DayOptions = {}): fc.Arbitrary<Day> => {
  const shopId = options.shopId ?? 'shop-day';
  const start = options.start ?? Date.UTC(2026, 0, 5, 9, 0, 0);
  const length = (options.hours ?? 8) * HOUR;
  const agents = Array.from({ length: options.agents ?? 3 }, (_, i) => `agent-${i + 1}`);
  const customers = Array.from({ length: options.customers ?? 10 }, (_, i) => `customer-${i + 1}`);
  const channels = options.channels ?? ['web-mall', 'app', 'wechat-oa'];
  const system: Actor = { kind: 'system' };
  const send = (at: number, type: string, actor: Actor, data: Readonly<Record<string, unknown>>): DayStep => ({ at, kind: 'send', input: { type, shopId, actor, data } });

  return fc
    .record({
      shifts: fc.array(shiftDraw, { minLength: agents.length, maxLength: agents.length }),
      sessions: fc.array(sessionDraw, { minLength: 1, maxLength: options.maxSessionsInDay ?? 20 }),
    })
    .map(({ shifts, sessions }) => {
      const steps: DayStep[] = [];
      agents.forEach((agentId, i) => {
        const shift = shifts[i]!;
        steps.push(send(start, 'RegisterAgent', system, { agentId, name: agentId, maxSessions: options.maxSessions ?? 3 }));
        const on = start + shift.startAfter;
        const off = start + length - shift.leaveEarly;
        steps.push(send(on, 'ChangeAgentStatus', { kind: 'agent', id: agentId }, { agentId, status: 'online' }));
        if (shift.breakAt !== undefined) {
          const away = on + Math.floor((off - on) * shift.breakAt);
          steps.push(send(away, 'ChangeAgentStatus', { kind: 'agent', id: agentId }, { agentId, status: 'busy' }));
          steps.push(send(Math.min(away + shift.breakFor, off - 1), 'ChangeAgentStatus', { kind: 'agent', id: agentId }, { agentId, status: 'online' }));
        }
        steps.push(send(off, 'ChangeAgentStatus', { kind: 'agent', id: agentId }, { agentId, status: 'offline' }));
      });
      let message = 0;
      const rounds = new Map<string, number>();
      sessions.forEach((draw) => {
        const customerId = customers[draw.customer % customers.length]!;
        const round = rounds.get(customerId) ?? 0;
        rounds.set(customerId, round + 1);
        const sessionId = `${customerId}-s${round}`;
        const channel = channels[draw.channel % channels.length]!;
        // A customer's next session starts after its last one ends: sessions of one customer follow each other.
        let at = start + Math.floor(length * draw.arrival) + round * 20 * MINUTE;
        for (const { gap, text } of draw.messages) {
          steps.push(send(at, 'SendCustomerMessage', { kind: 'customer', id: customerId }, { sessionId, messageId: `m${message++}`, customerId, content: { kind: 'text', text }, channel }));
          steps.push({ at: at + draw.replyAfter, kind: 'as-holder', sessionId, type: 'SendAgentMessage', data: { sessionId, messageId: `m${message++}`, content: { kind: 'text', text: draw.reply } } });
          at += gap;
        }
        if (draw.handOver !== undefined) steps.push({ at, kind: 'as-holder', sessionId, type: 'TransferSession', data: { sessionId, toAgentId: agents[draw.handOver % agents.length]! } });
        const endAt = at + draw.endAfter;
        steps.push(draw.endedBy === 'system' ? send(endAt, 'EndSession', system, { sessionId }) : { at: endAt, kind: 'as-holder', sessionId, type: 'EndSession', data: { sessionId } });
      });
      const ordered = steps.map((step, i) => ({ step, i })).sort((a, b) => a.step.at - b.step.at || a.i - b.i).map(({ step }) => step);
      return { shopId, start, end: Math.max(start + length, ...ordered.map((s) => s.at)), agents, steps: ordered };
    });
};

export interface DayRun {
  /** Steps dispatched and taken. */
  readonly taken: number;
  /** Refusals by their code (a DomainError's code, or the error's tag). */
  readonly refused: Readonly<Record<string, number>>;
  /** As-holder steps with nobody holding the session at their time. */
  readonly skipped: number;
}

const holderOf = async (engine: Engine, shopId: string, sessionId: string): Promise<string | undefined> => {
  const loaded = await engine.load(deskModule, routingStream(shopId));
  if (E.isLeft(loaded)) return undefined;
  return (loaded.right.state as DeskState).sessions.get(sessionId)?.owner;
};

/**
 * Dispatches a day in time order on `engine` (whose clock is `clock`, virtual),
 * moving the clock to each step and carrying what falls due on the way; ends at
 * the day's end. Refusals are counted, not thrown: a day is what people did, and
 * some of it the desk says no to (a message to a session already ended).
 */
export const runDay = async (engine: Engine, clock: VirtualClock, day: Day): Promise<DayRun> => {
  const refused: Record<string, number> = {};
  let taken = 0;
  let skipped = 0;
  const advance = async (at: number) => {
    const advanced = await engine.advanceTo(Math.max(at, clock.now()));
    if (E.isLeft(advanced)) throw new Error(`advancing to ${new Date(at).toISOString()}: ${JSON.stringify(advanced.left)}`);
  };
  for (const step of day.steps) {
    await advance(step.at);
    let input: CommandInputOf | undefined;
    if (step.kind === 'send') input = step.input;
    else {
      const holder = await holderOf(engine, day.shopId, step.sessionId);
      if (holder === undefined) skipped++;
      else input = { type: step.type, shopId: day.shopId, actor: { kind: 'agent', id: holder }, data: step.data };
    }
    if (input === undefined) continue;
    const result = await engine.dispatch(input);
    if (E.isRight(result)) taken++;
    else {
      const code = result.left._tag === 'DomainError' ? result.left.code : result.left._tag;
      refused[code] = (refused[code] ?? 0) + 1;
    }
    await advance(clock.now());
  }
  await advance(day.end);
  return { taken, refused, skipped };
};
