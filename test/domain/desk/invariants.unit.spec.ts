/**
 * The routing invariants over random command sequences: agents going on and
 * offline, max changes, sessions arriving and ending, transfers, invitations,
 * picks, settings, pins and channel rules. Checked after every command, on the
 * pure decider (many runs), then through two engines sharing one store.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../src/domain/command.js';
import type { DeskCommand } from '../../../src/domain/desk/deskCommands.js';
import type { DeskDecision } from '../../../src/domain/desk/decide/decision.js';
import { decideDesk } from '../../../src/domain/desk/deskDecide.js';
import type { DeskEvent } from '../../../src/domain/desk/deskEvents.js';
import { deskModule, routingStream } from '../../../src/domain/desk/deskModule.js';
import { decodeDesk, encodeDesk } from '../../../src/domain/desk/deskSnapshot.js';
import { initialDeskState, type DeskState } from '../../../src/domain/desk/deskState.js';
import { createRegistry } from '../../../src/domain/registry.js';
import { agentBoard, boardRows } from '../../../src/projections/agentBoard.js';
import type { ProjectedEvent } from '../../../src/projections/projection.js';
import { queueView, waitingIn } from '../../../src/projections/queueView.js';
import { right } from '../../conformance/fixtures.js';
import { twoEnginesOnOneStore } from './harness.js';
import { applyChecked, checkDesk, emptyHistory } from '../../../src/testing/deskInvariants.js';
import { emptyKnown, learn, operationArb, setupInputs, toInput, type Operation } from '../../../src/testing/deskArbitraries.js';

const SHOP = 'shop-p';
const registry = createRegistry([deskModule]);
const T0 = Date.UTC(2026, 10, 23, 8, 0, 0);

const toCommand = (input: unknown, now: number, seed: number, n: number): DeskCommand | undefined => {
  const decoded = registry.decodeCommand(input);
  if (E.isLeft(decoded)) throw new Error(`the generator made an invalid command: ${JSON.stringify(decoded.left)}`);
  const { shopId, actor } = decoded.right.input;
  const id = `cmd-${n}`;
  return {
    type: decoded.right.input.type,
    data: decoded.right.data,
    meta: { shopId, actor, now, seed, commandId: id, correlationId: id, causationId: id },
  } as Command as DeskCommand;
};

/** Runs operations on the pure decider, checking the invariants after each; returns the final state and all events. */
const runOnDecider = (operations: readonly Operation[], seed: number) => {
  let now = T0;
  let state: DeskState = initialDeskState();
  const history = emptyHistory();
  const known = emptyKnown();
  const all: DeskEvent[] = [];
  let n = 0;
  const step = (input: unknown) => {
    const command = toCommand(input, now, (seed + n) >>> 0, n++)!;
    const decided = decideDesk(command, state);
    if (E.isRight(decided)) {
      const { events } = decided.right;
      state = applyChecked(state, events, history);
      // The decision's own state is the fold of its events (what decideAndFold promises the engine).
      expect(encodeDesk(decided.right.state)).toEqual(encodeDesk(state));
      all.push(...events);
      learn(known, events);
    }
    checkDesk(state, history);
  };
  for (const input of setupInputs(SHOP)) step(input);
  for (const op of operations) {
    if (op.kind === 'wait') {
      now += op.ms;
      continue;
    }
    step(toInput(SHOP, op, known));
  }
  return { state, events: all, now };
};

const asProjected = (events: readonly DeskEvent[]): ProjectedEvent<DeskEvent>[] =>
  events.map(
    (e, i) =>
      ({
        ...e,
        metadata: { eventId: `e${i}`, shopId: SHOP, actor: { kind: 'system' }, occurredAt: 0, correlationId: 'c', causationId: 'c' },
        stream: routingStream(SHOP),
        streamVersion: i + 1,
        globalPosition: i + 1,
      }) as ProjectedEvent<DeskEvent>,
  );

describe('routing invariants over random command sequences', () => {
  it('hold after every command: never above max by auto-assignment, one owner, pins kept, nothing lost, nothing waits beside a free slot', () => {
    fc.assert(
      fc.property(fc.array(operationArb, { minLength: 1, maxLength: 150, size: 'max' }), fc.integer(), (operations, seed) => {
        runOnDecider(operations, seed);
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('give the same board and queue in the projections as in the desk', () => {
    fc.assert(
      fc.property(fc.array(operationArb, { maxLength: 120, size: 'max' }), fc.integer(), (operations, seed) => {
        const { state, events } = runOnDecider(operations, seed);
        const projected = asProjected(events);
        const board = projected.reduce(agentBoard.apply, agentBoard.initialState());
        expect(boardRows(board, SHOP).map((r) => [r.agentId, r.status, r.load, r.maxSessions, r.overCapacity])).toEqual(
          [...state.agents.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((a) => [a.id, a.status, a.load, a.maxSessions, a.load > a.maxSessions]),
        );
        const queue = projected.reduce(queueView.apply, queueView.initialState());
        expect(new Set(waitingIn(queue, SHOP).map((w) => w.sessionId))).toEqual(new Set(state.queue.entries.keys()));
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it('decide the same on a desk restored from its snapshot as on the folded desk', () => {
    fc.assert(
      fc.property(fc.array(operationArb, { maxLength: 100, size: 'max' }), fc.array(operationArb, { minLength: 1, maxLength: 20 }), fc.integer(), (before, after, seed) => {
        const { state, now } = runOnDecider(before, seed);
        const restored = decodeDesk(JSON.parse(JSON.stringify(encodeDesk(state))));
        expect(E.isRight(restored)).toBe(true);
        let a = state;
        let b = (restored as E.Right<DeskState>).right;
        expect(encodeDesk(b)).toEqual(encodeDesk(a));
        const known = emptyKnown();
        let n = 10_000;
        for (const op of after) {
          const input = toInput(SHOP, op, known);
          if (input === undefined) continue;
          const command = toCommand(input, now, seed + n, n++)!;
          const fromFolded = E.map((d: DeskDecision) => d.events)(decideDesk(command, a));
          expect(E.map((d: DeskDecision) => d.events)(decideDesk(command, b))).toEqual(fromFolded);
          if (E.isRight(fromFolded)) {
            a = fromFolded.right.reduce(deskModule.decider.evolve, a);
            b = fromFolded.right.reduce(deskModule.decider.evolve, b);
            learn(known, fromFolded.right);
          }
        }
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});

describe('two engines writing to one store', () => {
  it('keep every invariant however their commands interleave', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operationArb, { minLength: 10, maxLength: 80, size: 'max' }), fc.integer({ min: 1, max: 1000 }), async (operations, seed) => {
        const { store, engines } = twoEnginesOnOneStore(seed);
        for (const input of setupInputs(SHOP)) right(await engines[0]!.dispatch(input));
        const known = emptyKnown();
        // Both engines dispatch at once: their reads and appends interleave on the shared store.
        const inputs = operations.map((op) => toInput(SHOP, op, known)).filter((i) => i !== undefined);
        const results = await Promise.all(inputs.map((input, i) => engines[i % 2]!.dispatch(input)));
        for (const result of results) if (E.isLeft(result)) expect(result.left._tag).toBe('DomainError');
        // Replay the whole log with the invariant checks before each event.
        const log = right(await store.readStream(routingStream(SHOP)));
        const events = log.map((e) => right(registry.decodeEvent(e))) as DeskEvent[];
        const history = emptyHistory();
        checkDesk(applyChecked(initialDeskState(), events, history), history);
        expect(log.map((e) => e.streamVersion)).toEqual(log.map((_, i) => i + 1));
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
