/**
 * A2 as a hard limit: with every capacity rule strict, no event ever takes an agent
 * above its max, whichever path gives it the session (auto-assignment, a dequeue, a
 * requeue, a pick, a transfer, an acceptance, an invitation, a barge-in, an
 * outreach), over random command sequences on the pure decider and through two
 * engines interleaving their writes on one store. Lowering max below the load is
 * A2's own exception (it raises the over-capacity flag), so the operations never
 * lower max, and never change the capacity rules.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../src/domain/command.js';
import type { DeskCommand } from '../../../src/domain/desk/deskCommands.js';
import { decideDesk } from '../../../src/domain/desk/deskDecide.js';
import type { DeskEvent } from '../../../src/domain/desk/deskEvents.js';
import { evolveDesk } from '../../../src/domain/desk/deskEvolve.js';
import { deskModule, routingStream } from '../../../src/domain/desk/deskModule.js';
import { initialDeskState, type DeskState } from '../../../src/domain/desk/deskState.js';
import { createRegistry } from '../../../src/domain/registry.js';
import type { CapacitySettings } from '../../../src/routing/settings.js';
import { AGENTS, CHANNELS, CUSTOMERS, emptyKnown, learn, operationArb, setupInputs, toInput, type Known, type Operation } from '../../../src/testing/deskArbitraries.js';
import { desk, type DeskInput } from '../../../src/testing/deskInputs.js';
import { right } from '../../conformance/fixtures.js';
import { twoEnginesOnOneStore } from './harness.js';

const SHOP = 'shop-cap';
const T0 = Date.UTC(2026, 10, 23, 8, 0, 0);
const registry = createRegistry([deskModule]);
const d = desk(SHOP);

/** Every manual path strict: max is a hard limit. */
const STRICT: CapacitySettings = { manualPick: 'strict', transfer: 'strict', invitation: 'strict', bargeIn: 'strict', proactive: 'strict' };

/** The two manual paths the shared operations do not have: an outreach and a barge-in (admins and leads). */
type Extra =
  | { readonly kind: 'proactive'; readonly agent: string; readonly customer: string; readonly channel: string }
  | { readonly kind: 'join'; readonly session: number; readonly agent: string };
type Op = Operation | Extra;

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 12, arbitrary: operationArb },
  // More picks than the shared mix has: a pick by an agent at max needs a waiter it may serve, which is rare.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pick' as const), session: fc.nat(40), agent: fc.constantFrom(...AGENTS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('proactive' as const), agent: fc.constantFrom(...AGENTS), customer: fc.constantFrom(...CUSTOMERS), channel: fc.constantFrom(...CHANNELS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('join' as const), session: fc.nat(40), agent: fc.constantFrom('a0', 'a1') }) },
);

/** The capacity rules stay as set: a configure operation keeps its other settings only. */
const withoutCapacity = (op: Op): Op => {
  if (op.kind !== 'configure' || !('capacity' in op.settings)) return op;
  const { capacity: _capacity, ...settings } = op.settings;
  return { ...op, settings };
};

const toDeskInput = (op: Op, known: Known): DeskInput | undefined => {
  const as = (id: string) => d.as({ kind: 'agent', id });
  switch (op.kind) {
    case 'proactive': {
      const sessionId = `${known.prefix}p${known.next++}`;
      known.sessions.push(sessionId);
      return as(op.agent).proactive({ sessionId, customerId: op.customer, channel: op.channel, agentId: op.agent });
    }
    case 'join': {
      const sessionId = known.sessions.length === 0 ? 'none' : known.sessions[op.session % known.sessions.length]!;
      return as(op.agent).join({ sessionId, agentId: op.agent });
    }
    default:
      return toInput(SHOP, op, known);
  }
};

/** The events that give an agent one more session: to whom, and how. */
const gain = (event: DeskEvent): { agentId: string; how: string } | undefined => {
  switch (event.type) {
    case 'SessionAssigned':
      return { agentId: event.data.agentId, how: `SessionAssigned via ${event.data.via} of ${event.data.sessionId}` };
    case 'CoAgentAdded':
      return { agentId: event.data.agentId, how: `CoAgentAdded (${event.data.via}) of ${event.data.sessionId}` };
    case 'SessionTransferred':
      return { agentId: event.data.to, how: `SessionTransferred of ${event.data.sessionId}` };
    default:
      return undefined;
  }
};

/** Folds events one by one; before each that adds a session to an agent, that agent must be below max. */
const foldChecked = (state: DeskState, events: readonly DeskEvent[]): DeskState =>
  events.reduce((current, event) => {
    const gained = gain(event);
    if (gained !== undefined) {
      const agent = current.agents.get(gained.agentId);
      expect(agent, `${gained.how} to unknown agent ${gained.agentId}`).toBeDefined();
      expect(agent!.load, `${gained.how} took ${gained.agentId} above max ${agent!.maxSessions}`).toBeLessThan(agent!.maxSessions);
    }
    return evolveDesk(current, event);
  }, state);

const toCommand = (input: unknown, now: number, seed: number, n: number): DeskCommand => {
  const decoded = registry.decodeCommand(input);
  if (E.isLeft(decoded)) throw new Error(`the generator made an invalid command: ${JSON.stringify(decoded.left)}`);
  const id = `cmd-${n}`;
  const { shopId, actor } = decoded.right.input;
  return { type: decoded.right.input.type, data: decoded.right.data, meta: { shopId, actor, now, seed, commandId: id, correlationId: id, causationId: id } } as Command as DeskCommand;
};

const setup = (): DeskInput[] => [d.configure({ capacity: STRICT }), ...setupInputs(SHOP)];

describe('A2 with every capacity rule strict', () => {
  it('no event takes an agent above max, on the pure decider', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 150, size: 'max' }), fc.integer(), (ops, seed) => {
        let state = initialDeskState();
        let now = T0;
        let n = 0;
        const known = emptyKnown();
        const run = (input: DeskInput) => {
          const decided = decideDesk(toCommand(input, now, (seed + n) >>> 0, n++), state);
          if (E.isLeft(decided)) return;
          state = foldChecked(state, decided.right.events);
          learn(known, decided.right.events);
        };
        setup().forEach(run);
        expect(state.settings.capacity).toEqual(STRICT);
        for (const raw of ops) {
          const op = withoutCapacity(raw);
          if (op.kind === 'wait') now += op.ms;
          // Lowering max is A2's allowed exception: skip it (raising takes from the queue, and stays).
          else if (op.kind === 'max' && op.max < (state.agents.get(op.agent)?.maxSessions ?? 0)) continue;
          else {
            const input = toDeskInput(op, known);
            if (input !== undefined) run(input);
          }
        }
        expect(state.settings.capacity).toEqual(STRICT);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('no event takes an agent above max, with two engines interleaving their writes on one store', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 10, maxLength: 150, size: 'max' }), fc.integer({ min: 1, max: 1000 }), async (ops, seed) => {
        const { store, clock, engines } = twoEnginesOnOneStore(seed);
        for (const input of setup()) right(await engines[0]!.dispatch(input));
        // The engines' writes may land in any order, so only a raise to the top value (4) can never lower max.
        const kept = ops.map(withoutCapacity).filter((op) => op.kind !== 'max' || op.max === 4);
        const known = emptyKnown();
        // A few commands at a time, all dispatched at once across both engines: their reads and appends
        // interleave on the shared store; what they did is learnt before the next few (owners, requests).
        for (let at = 0; at < kept.length; at += 6) {
          const inputs: DeskInput[] = [];
          for (const op of kept.slice(at, at + 6)) {
            if (op.kind === 'wait') await clock.advanceBy(op.ms);
            else {
              const input = toDeskInput(op, known);
              if (input !== undefined) inputs.push(input);
            }
          }
          const results = await Promise.all(inputs.map((input, i) => engines[i % 2]!.dispatch(input)));
          for (const result of results) {
            if (E.isLeft(result)) expect(result.left._tag).toBe('DomainError');
            else learn(known, result.right.events);
          }
        }
        const log = right(await store.readStream(routingStream(SHOP)));
        const events = log.map((e) => right(registry.decodeEvent(e))) as DeskEvent[];
        const final = foldChecked(initialDeskState(), events);
        expect(final.settings.capacity).toEqual(STRICT);
        for (const agent of final.agents.values()) expect(agent.load, `load of ${agent.id}`).toBeLessThanOrEqual(agent.maxSessions);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
