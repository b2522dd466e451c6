/**
 * The demo day at a small scale on an in-memory store: what the day forces is
 * in the log (20 agents in 3 groups, every customer's message, the after-hours
 * notice outside hours, timeouts, SLA reminders and breaches, pinned customers
 * routed to their agent), and the same seed writes the same log.
 */
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { summarizeLog } from '../../src/adapters/logChecksum.js';
import type { RecordedEvent } from '../../src/domain/envelope.js';
import { drawsFromSeed } from '../../src/domain/seededDraws.js';
import { planDay } from '../../src/demo/demoDay.js';
import { AGENTS, localTime } from '../../src/demo/demoShop.js';
import { runDemo, type DemoResult } from '../../src/demo/runDemo.js';
import { readEverything } from '../conformance/fixtures.js';

const SCALE = 0.05;
const SEED = 2026;

type Data = Record<string, unknown>;
const dataOf = (e: RecordedEvent) => e.data as Data;

const dayOn = async (seed: number) => {
  const store = createInMemoryEventStore();
  const ran = await runDemo({ store, seed, scale: SCALE });
  if (E.isLeft(ran)) throw new Error(`the demo failed: ${JSON.stringify(ran.left)}`);
  return { store, result: ran.right };
};

let result: DemoResult;
let events: RecordedEvent[];
let checksum: string;

beforeAll(async () => {
  const day = await dayOn(SEED);
  result = day.result;
  events = await readEverything(day.store);
  const summary = await summarizeLog(day.store);
  if (E.isLeft(summary)) throw new Error('summary failed');
  checksum = summary.right.checksum;
}, 60_000);

const ofType = (type: string) => events.filter((e) => e.type === type);

describe('runDemo: the day the demo forces', () => {
  it('20 agents in 3 groups, registered and on shift (A1, A3)', () => {
    expect(result.agents).toBe(20);
    expect(result.groups).toBe(3);
    expect(ofType('AgentRegistered')).toHaveLength(20);
    expect(ofType('GroupCreated')).toHaveLength(3);
    expect(new Set(ofType('AgentStatusChanged').map((e) => dataOf(e)['agentId']))).toEqual(new Set(AGENTS.map((a) => a.agentId)));
  });

  it('about 100 customers at scale 0.05; counts match the log; nothing refused but what the day makes impossible', () => {
    expect(result.customers).toBe(100);
    expect(result.counts.events).toBe(events.length);
    expect(ofType('ConversationOpened')).toHaveLength(result.counts.sessions);
    // A transfer to a group with nobody online is refused (transfer.no-agent-available): the day makes it happen.
    const refused = Object.keys(result.counts.refusals).filter((k) => !k.startsWith('TransferSession: transfer.no-agent-available'));
    expect(refused).toEqual([]);
  });

  it('every customer message planned is in the log, in its session (S2)', () => {
    const plan = planDay(drawsFromSeed(SEED), SCALE);
    const customerMessages = ofType('MessageSent').filter((e) => (dataOf(e)['sender'] as { kind: string }).kind === 'customer');
    expect(customerMessages).toHaveLength(result.counts.customerMessages);
    const sessionsWritten = new Set(customerMessages.map((e) => dataOf(e)['sessionId']));
    // A visit while the customer's earlier session is still open goes into that session.
    const merged = new Set(result.mergedVisits);
    for (const s of plan.sessions) expect(sessionsWritten.has(s.sessionId) || merged.has(s.sessionId)).toBe(true);
    expect(result.counts.customerMessages).toBeGreaterThanOrEqual(plan.sessions.length * 2);
  });

  it('arrivals outside hours with nobody online get the after-hours notice; arrivals in hours do not (S9)', () => {
    const notices = new Set(ofType('AutoReplyDecided').filter((e) => dataOf(e)['purpose'] === 'after-hours-notice').map((e) => dataOf(e)['sessionId']));
    const opened = ofType('ConversationOpened').map((e) => ({ sessionId: dataOf(e)['sessionId'], at: Number(dataOf(e)['at']) }));
    const early = opened.filter((o) => o.at < localTime(8, 45));
    const late = opened.filter((o) => o.at > localTime(22, 0));
    const inHours = opened.filter((o) => o.at >= localTime(9, 0) && o.at < localTime(22, 0));
    expect(early.length + late.length).toBeGreaterThan(0);
    for (const o of [...early, ...late]) expect(notices.has(o.sessionId)).toBe(true);
    for (const o of inHours) expect(notices.has(o.sessionId)).toBe(false);
    expect(result.counts.autoReplies['welcome']).toBe(result.customers);
  });

  it('no-response timeouts fire: customers who went silent are timed out (S8)', () => {
    expect(ofType('NoResponseTimedOut').length).toBeGreaterThanOrEqual(1);
    expect(ofType('SessionEnded').some((e) => dataOf(e)['reason'] === 'timeout')).toBe(true);
  });

  it('tickets from sessions: an SLA reminder and a breach fire (T4, T6, T11)', () => {
    expect(ofType('TicketCreated').length).toBeGreaterThanOrEqual(3);
    expect(ofType('TicketSlaReminded').length).toBeGreaterThanOrEqual(1);
    expect(ofType('TicketSlaBreached').length).toBeGreaterThanOrEqual(1);
    expect(result.counts.slaBreaches).toBe(ofType('TicketSlaBreached').length);
  });

  it('pinned customers go to their agent (R7)', () => {
    const pinOf = new Map(result.pins.map((p) => [p.customerId, p.agentId]));
    const pinnedAssignments = ofType('SessionAssigned').filter((e) => pinOf.has(String(dataOf(e)['customerId'])) && dataOf(e)['via'] === 'customer-pin');
    expect(pinnedAssignments.length).toBeGreaterThanOrEqual(1);
    for (const e of pinnedAssignments) expect(dataOf(e)['agentId']).toBe(pinOf.get(String(dataOf(e)['customerId'])));
    // Routed by the desk on arrival, a pinned customer never reaches another agent.
    const arrivals = ofType('SessionAssigned').filter((e) => pinOf.has(String(dataOf(e)['customerId'])) && !['requeue', 'queue'].includes(String(dataOf(e)['via'])));
    for (const e of arrivals) expect(dataOf(e)['agentId']).toBe(pinOf.get(String(dataOf(e)['customerId'])));
  });

  it('transfers, ratings and orders happen through the engine (S5, S10, M18)', () => {
    expect(result.counts.ratings).toBe(ofType('SessionRated').length);
    expect(result.counts.ordersPaid).toBeGreaterThanOrEqual(1);
    expect(result.counts.assigned).toBeGreaterThan(result.counts.sessions * 0.8);
  });

  it('the same seed writes the same log; another seed another one', async () => {
    const again = await dayOn(SEED);
    const summary = await summarizeLog(again.store);
    expect(E.isRight(summary) && summary.right.checksum).toBe(checksum);
    const other = await dayOn(SEED + 1);
    const otherSummary = await summarizeLog(other.store);
    expect(E.isRight(otherSummary) && otherSummary.right.checksum).not.toBe(checksum);
  }, 60_000);
});
