/**
 * Realistic days from kefu/testing, run on a real engine on a virtual clock:
 * well-formed (never a ValidationError), busy (sessions assigned, agents reply,
 * sessions end), in time order, repeatable, and the desk's invariants hold at the
 * end of every day.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { conversationModule } from '../../src/domain/conversation/conversationModule.js';
import { deskModule, routingStream } from '../../src/domain/desk/deskModule.js';
import type { DeskState } from '../../src/domain/desk/deskState.js';
import { createEngine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { virtualClock } from '../../src/runtime/virtualClock.js';
import { dayArbitrary, runDay, type Day } from '../../src/testing/dayArbitraries.js';
import { checkDesk } from '../../src/testing/deskInvariants.js';
import { readEverything } from '../conformance/fixtures.js';

const play = async (day: Day) => {
  const clock = virtualClock(day.start);
  const engine = createEngine({ modules: [deskModule, conversationModule], clock, random: seededRandom(5), reactor: { mode: 'manual' } });
  const run = await runDay(engine, clock, day);
  const events = await readEverything(engine.store);
  const desk = await engine.load(deskModule, routingStream(day.shopId));
  await engine.close();
  return { run, events, desk: E.isRight(desk) ? (desk.right.state as DeskState) : undefined, clock };
};

describe('dayArbitrary and runDay', () => {
  it('make days in time order, inside the opening hours, for the shop given', () => {
    for (const day of fc.sample(dayArbitrary({ shopId: 'tea', hours: 6 }), { numRuns: 30, seed: 2 })) {
      expect(day.steps.every((s, i) => i === 0 || s.at >= day.steps[i - 1]!.at)).toBe(true);
      expect(day.steps.every((s) => s.at >= day.start && s.at <= day.end)).toBe(true);
      expect(day.steps.every((s) => s.kind === 'as-holder' || s.input.shopId === 'tea')).toBe(true);
    }
  });

  it('run on a real engine: agents take sessions, reply and end them; nothing is malformed; the desk holds its invariants (A2, A5)', async () => {
    await fc.assert(
      fc.asyncProperty(dayArbitrary({ agents: 3, maxSessionsInDay: 15 }), async (day) => {
        const { run, events, desk, clock } = await play(day);
        expect(run.refused.ValidationError).toBeUndefined();
        expect(clock.now()).toBe(day.end);
        expect(desk).toBeDefined();
        checkDesk(desk!);
        const types = new Set(events.map((e) => e.type));
        expect(types.has('AgentRegistered')).toBe(true);
        expect(types.has('MessageSent')).toBe(true);
      }),
      { numRuns: 12 },
    );
  }, 30_000);

  it('are busy days: across a few, sessions are assigned, answered by their holder and ended', async () => {
    const tally = { assigned: 0, ended: 0, agentMessages: 0, skipped: 0, taken: 0 };
    for (const day of fc.sample(dayArbitrary({ maxSessionsInDay: 20 }), { numRuns: 5, seed: 9 })) {
      const { run, events } = await play(day);
      tally.assigned += events.filter((e) => e.type === 'SessionAssigned').length;
      tally.ended += events.filter((e) => e.type === 'SessionEnded').length;
      tally.agentMessages += events.filter((e) => e.stream.startsWith('conversation') && (e.metadata.actor.kind === 'agent')).length;
      tally.skipped += run.skipped;
      tally.taken += run.taken;
    }
    expect(tally.assigned).toBeGreaterThan(10);
    expect(tally.ended).toBeGreaterThan(10);
    expect(tally.agentMessages).toBeGreaterThan(10);
    expect(tally.taken).toBeGreaterThan(tally.skipped);
  }, 30_000);

  it('replay the same day to the same log (a virtual clock and a seeded engine)', async () => {
    const [day] = fc.sample(dayArbitrary(), { numRuns: 1, seed: 4 });
    const strip = (events: Awaited<ReturnType<typeof play>>['events']) => events.map((e) => [e.stream, e.type, e.data, e.metadata.occurredAt]);
    expect(strip((await play(day!)).events)).toEqual(strip((await play(day!)).events));
  });
});
