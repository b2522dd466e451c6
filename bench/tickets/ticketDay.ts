/**
 * A shop's tickets under SLA on one store, end to end through the engine:
 * N open tickets created with `engine.dispatch` (spread over ten minutes,
 * priorities in turn, every one under policy p1, untimed), then
 * (a) a policy change (DefineSlaPolicy with new targets, in force at once) that
 *     the reactor carries to every open ticket (`engine.advanceTo`: 16 index
 *     buckets, one RecomputeTicketSla per ticket, each a TicketSlaSet that moves
 *     the ticket's two deadlines), timed;
 * (b) the day after: `advanceTo` in 15-minute steps over 24 hours, firing every
 *     reminder and breach of every ticket, timed.
 *
 * Checked against the store, not taken on trust: N TicketCreated; exactly one
 * TicketSlaSet `recomputed` per ticket, under the new version; after the day,
 * per ticket exactly the points the policy has (a reminder or breach each,
 * none twice), and no deadline left pending.
 */
import * as E from 'fp-ts/lib/Either.js';
import { performance } from 'node:perf_hooks';
import type { EventStore } from '../../src/adapters/eventStore.js';
import { accessModule } from '../../src/domain/access/accessModule.js';
import { conversationModule } from '../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../src/domain/desk/deskModule.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { virtualClock } from '../../src/runtime/virtualClock.js';
import { desk } from '../../src/testing/deskInputs.js';
import { ticketIndexModule } from '../../src/tickets/index/ticketIndexModule.js';
import { ticketSettingsModule } from '../../src/tickets/settings/ticketSettingsModule.js';
import { ticketModule } from '../../src/tickets/ticket/ticketModule.js';
import { check } from '../lib/measure.js';
import { ticketReadModels, type ReadModelResult } from './ticketReadModels.js';

export const SHOP = 'ticket-shop';
export const T0 = Date.UTC(2026, 11, 3, 0, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const system = { kind: 'system' } as const;
const PRIORITIES = ['urgent', 'normal', 'low'] as const;

export interface TicketDayResult {
  readonly tickets: number;
  readonly createSeconds: number;
  readonly recomputeSeconds: number;
  readonly recomputed: number;
  readonly daySeconds: number;
  /** Fired during the day (b); the recompute fired `caughtUp` more at once. */
  readonly reminders: number;
  readonly breaches: number;
  readonly caughtUp: number;
  readonly logEvents: number;
  /** The read models folded over the log afterwards, when asked for. */
  readonly readModels?: ReadModelResult;
}

const hm = (minutes: number) => ({ hours: Math.floor(minutes / 60), minutes: minutes % 60 });
/** Response and resolution minutes per priority. */
const policy = (targets: Record<(typeof PRIORITIES)[number], readonly [number, number]>) => ({
  policyId: 'p1',
  name: '售后SLA',
  typeIds: ['after-sales'],
  targets: Object.fromEntries(PRIORITIES.map((p) => [p, { response: hm(targets[p][0]), resolution: hm(targets[p][1]) }])),
  // Per ticket: a response reminder 15 min before and its breach, a resolution reminder 1 h before, its breach and one reminder 1 h after.
  reminders: [
    { clock: 'response', when: { kind: 'before', minutes: 15 } },
    { clock: 'resolution', when: { kind: 'before', minutes: 60 } },
    { clock: 'resolution', when: { kind: 'after', everyMinutes: 60, count: 1 } },
  ],
  recipients: { assignee: true, creator: false, people: ['lead'] },
  calendar: { kind: '24x7' },
});
const FIRST = policy({ urgent: [30, 240], normal: [120, 480], low: [240, 1440] });
const CHANGED = policy({ urgent: [20, 180], normal: [90, 360], low: [180, 720] });
/** Reminder and breach events per ticket once its day has passed with nobody answering. */
const POINTS_PER_TICKET = 5;

const must = <T>(result: E.Either<unknown, T>, what: string): T => {
  if (E.isLeft(result)) throw new Error(`${what} failed: ${JSON.stringify(result.left)}`);
  return result.right;
};

const engineOn = (store: EventStore) =>
  createEngine({ store, clock: virtualClock(T0), random: seededRandom(17), modules: [deskModule, accessModule, conversationModule, ticketSettingsModule, ticketModule, ticketIndexModule], reactor: { mode: 'manual' } });

const dispatch = async (engine: Engine, type: string, data: unknown) => must(await engine.dispatch({ type, shopId: SHOP, actor: system, data }), type);
const advance = async (engine: Engine, at: number) => must(await engine.advanceTo(at), `advanceTo(${at})`);

const setUp = async (engine: Engine) => {
  const d = desk(SHOP);
  must(await engine.dispatch(d.createGroup({ groupId: 'g1', name: '售后' })), 'CreateGroup');
  for (const agentId of ['lead', 'amy', 'bob']) must(await engine.dispatch(d.registerAgent({ agentId, name: agentId, maxSessions: 5, role: agentId === 'lead' ? 'team-lead' : 'agent', groups: ['g1'] })), 'RegisterAgent');
  await dispatch(engine, 'CreateAcceptanceGroup', { groupId: 'tg1', name: '售后一组' });
  await dispatch(engine, 'AddGroupMembers', { groupId: 'tg1', agentIds: ['amy', 'bob', 'lead'] });
  await dispatch(engine, 'AddTicketType', { typeId: 'after-sales', name: '售后' });
  await dispatch(engine, 'DefineSlaPolicy', FIRST);
  await advance(engine, T0);
};

/** Counts the log's events by type after `after`, and the recomputes' versions. */
const countLog = async (store: EventStore, after = 0): Promise<{ byType: Map<string, number>; last: number; recomputedVersions: Set<number>; fired: Map<string, number> }> => {
  const byType = new Map<string, number>();
  const recomputedVersions = new Set<number>();
  const fired = new Map<string, number>();
  let last = after;
  for (;;) {
    const page = must(await store.readAll({ after: last, maxCount: 5000 }), 'readAll');
    for (const event of page) {
      byType.set(event.type, (byType.get(event.type) ?? 0) + 1);
      const data = event.data as { ticketId?: string; reason?: string; sla?: { version: number }; clock?: string; point?: string };
      if (event.type === 'TicketSlaSet' && data.reason === 'recomputed') recomputedVersions.add(data.sla!.version);
      if (event.type === 'TicketSlaReminded' || event.type === 'TicketSlaBreached') {
        const key = `${data.ticketId}/${data.clock}/${data.point ?? 'breach'}`;
        fired.set(key, (fired.get(key) ?? 0) + 1);
      }
    }
    if (page.length > 0) last = page[page.length - 1]!.globalPosition;
    if (page.length < 5000) return { byType, last, recomputedVersions, fired };
  }
};

export const ticketDay = async (
  store: EventStore,
  count: number,
  options: { readonly progress?: (line: string) => void; readonly readModels?: boolean; readonly quick?: boolean } = {},
): Promise<TicketDayResult> => {
  const progress = options.progress ?? (() => {});
  const engine = engineOn(store);
  await setUp(engine);
  const clock = engine.clock as ReturnType<typeof virtualClock>;

  // Untimed set-up: N tickets over ten minutes, the reactor drained every 1,000 (indexing, deadlines).
  let start = performance.now();
  for (let i = 0; i < count; i++) {
    const at = T0 + Math.floor((i * 10 * MINUTE) / count);
    if (at > clock.now()) await clock.advanceTo(at);
    await dispatch(engine, 'CreateTicket', { ticketId: `t${i}`, typeId: 'after-sales', subject: '物流破损', priority: PRIORITIES[i % 3], groupId: 'tg1' });
    if (i % 1000 === 999) await advance(engine, clock.now());
  }
  await advance(engine, T0 + 10 * MINUTE);
  const createSeconds = (performance.now() - start) / 1000;
  check(engine.reactor.deadlines().length === 2 * count, `two SLA deadlines per ticket pending (found ${engine.reactor.deadlines().length} for ${count})`);
  const before = await countLog(store);
  check(before.byType.get('TicketCreated') === count, `${count} TicketCreated`);
  progress(`${count} tickets created in ${createSeconds.toFixed(1)} s`);

  // (a) The policy change, carried to every open ticket by the reactor.
  await dispatch(engine, 'DefineSlaPolicy', CHANGED);
  start = performance.now();
  await advance(engine, clock.now());
  const recomputeSeconds = (performance.now() - start) / 1000;
  const afterChange = await countLog(store, before.last);
  const recomputed = afterChange.byType.get('TicketSlaSet') ?? 0;
  check(recomputed === count, `one TicketSlaSet per ticket after the change (found ${recomputed} for ${count})`);
  check(afterChange.recomputedVersions.size === 1 && afterChange.recomputedVersions.has(2), `every recompute under version 2 (found ${[...afterChange.recomputedVersions].join(', ')})`);
  check(engine.reactor.deadlines().length === 2 * count, 'still two deadlines per ticket after the recompute');
  progress(`recomputed ${recomputed} in ${recomputeSeconds.toFixed(1)} s`);

  // (b) The day: every reminder and breach, in 15-minute steps.
  const from = clock.now();
  start = performance.now();
  for (let at = from + 15 * MINUTE; at <= from + 24 * HOUR; at += 15 * MINUTE) await advance(engine, at);
  const daySeconds = (performance.now() - start) / 1000;
  const day = await countLog(store, afterChange.last);
  const reminders = day.byType.get('TicketSlaReminded') ?? 0;
  const breaches = day.byType.get('TicketSlaBreached') ?? 0;
  // The recompute fired at once (catch-up) the points its new targets put in the past; the day fired the rest.
  const all = await countLog(store, before.last);
  check(all.byType.get('TicketSlaBreached') === 2 * count, `two breaches per ticket (found ${all.byType.get('TicketSlaBreached')} for ${count})`);
  check(all.fired.size === POINTS_PER_TICKET * count, `${POINTS_PER_TICKET} points per ticket (found ${all.fired.size} for ${count})`);
  check([...all.fired.values()].every((n) => n === 1), 'no point fired twice');
  check(engine.reactor.deadlines().length === 0, `no deadline left after the day (found ${engine.reactor.deadlines().length})`);
  progress(`day: ${reminders} reminders, ${breaches} breaches in ${daySeconds.toFixed(1)} s`);
  const readModels = options.readModels === true ? await ticketReadModels(engine, SHOP, count, options.quick === true) : undefined;
  await engine.close();
  const caughtUp = (afterChange.byType.get('TicketSlaReminded') ?? 0) + (afterChange.byType.get('TicketSlaBreached') ?? 0);
  return { tickets: count, createSeconds, recomputeSeconds, recomputed, daySeconds, reminders, breaches, caughtUp, logEvents: day.last, ...(readModels === undefined ? {} : { readModels }) };
};
