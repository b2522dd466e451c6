/**
 * The model-based harness for routing rules: random desk operations
 * (deskArbitraries.ts) run on a real engine on a virtual clock, and after every
 * step the tester's property over (state before, operation, events, state after),
 * on top of the desk's own invariants (deskInvariants.ts: no automatic assignment
 * at max or to an agent not online (A2), one owner per session and loads that
 * add up, pinned sessions kept to their agent (R7), nothing waiting beside a free
 * slot, nothing stranded or lost). The invariants are those of deskInvariants,
 * called here, not restated.
 *
 * Steps include what the command caused: reactions and deadlines are carried
 * (engine.advanceTo) before the state after is taken, and a `wait` operation moves
 * the clock, firing what falls due (a transfer that expires).
 */
import { AssertionError } from 'node:assert/strict';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type { DeskEvent } from '../domain/desk/deskEvents.js';
import { deskModule, routingStream } from '../domain/desk/deskModule.js';
import { initialDeskState, type DeskState } from '../domain/desk/deskState.js';
import { describeError, type KefuError } from '../domain/errors.js';
import { createRegistry } from '../domain/registry.js';
import { createEngine, type Engine } from '../engine.js';
import { seededRandom } from '../runtime/seededRandom.js';
import { virtualClock } from '../runtime/virtualClock.js';
import { emptyKnown, learn, operationArb, setupInputs, toInput, type Known, type Operation } from './deskArbitraries.js';
import { desk, type DeskInput } from './deskInputs.js';
import { applyChecked, checkDesk, emptyHistory, type History } from './deskInvariants.js';

/** Routing settings as ConfigureRouting takes them (any subset; the rest keep their defaults). */
export type RoutingSettingsPatch = Readonly<Record<string, unknown>>;

export interface ModelAgent {
  readonly id: string;
  readonly maxSessions?: number;
  readonly role?: 'admin' | 'team-lead' | 'agent';
  readonly groups?: readonly string[];
  /** Brought online during setup (default: offline, as the operations bring agents on). */
  readonly online?: boolean;
}

export interface RoutingModelOptions {
  readonly shopId?: string;
  /** Set once before the run (ConfigureRouting). */
  readonly settings?: RoutingSettingsPatch;
  /** The shop's agents; by default the six of deskArbitraries (AGENTS, in groups GROUPS, all offline). */
  readonly agents?: readonly ModelAgent[];
  /** Groups created during setup; by default deskArbitraries' GROUPS (with the default agents). */
  readonly groups?: readonly string[];
  /** The virtual clock's start (epoch ms); default 2026-01-05 09:00 UTC. */
  readonly start?: number;
  readonly seed?: number;
}

/** One step of a run, as a property sees it. */
export interface RoutingStep {
  readonly operation: Operation;
  /** The command sent, or undefined for a clock wait. */
  readonly input: DeskInput | undefined;
  /** Why the desk refused the command, if it did (the step's events are then only what time caused). */
  readonly refusal: KefuError | undefined;
  readonly before: DeskState;
  /** Every routing event the step wrote: the command's, then what its reactions and deadlines caused. */
  readonly events: readonly DeskEvent[];
  readonly after: DeskState;
  /** The clock after the step. */
  readonly now: number;
}

/** Answers false (or throws) when the step breaks the rule under test. */
export type RoutingProperty = (step: RoutingStep) => boolean | void;

const DEFAULT_START = Date.UTC(2026, 0, 5, 9, 0, 0);
const registry = createRegistry([deskModule]);

const setupOf = (shopId: string, options: RoutingModelOptions): DeskInput[] => {
  const d = desk(shopId);
  const configure = options.settings === undefined ? [] : [d.configure(options.settings)];
  if (options.agents === undefined) return [...configure, ...(options.groups ?? []).map((groupId) => d.createGroup({ groupId, name: groupId })), ...setupInputs(shopId)];
  const groups = options.groups ?? [...new Set(options.agents.flatMap((a) => a.groups ?? []))];
  return [
    ...configure,
    ...groups.map((groupId) => d.createGroup({ groupId, name: groupId })),
    ...options.agents.map((a) => d.registerAgent({ agentId: a.id, name: a.id, maxSessions: a.maxSessions ?? 2, role: a.role ?? 'agent', groups: a.groups ?? [] })),
    ...options.agents.filter((a) => a.online === true).map((a) => d.online(a.id)),
  ];
};

const stepFailure = (step: RoutingStep, cause: unknown): AssertionError =>
  new AssertionError({
    message: `${cause instanceof Error ? cause.message : String(cause)}\n  at operation ${JSON.stringify(step.operation)}${step.refusal === undefined ? '' : ` (refused: ${describeError(step.refusal)})`}\n  events: ${step.events.map((e) => e.type).join(', ') || 'none'}`,
    actual: step.events,
    expected: 'the property to hold',
    operator: 'routingProperty',
  });

/** A desk on a real engine and a virtual clock, stepping through operations. */
export const routingModel = (options: RoutingModelOptions = {}) => {
  const shopId = options.shopId ?? 'shop-model';
  const stream = routingStream(shopId);

  const start = async () => {
    const clock = virtualClock(options.start ?? DEFAULT_START);
    const engine: Engine = createEngine({ modules: [deskModule], clock, random: seededRandom(options.seed ?? 19), reactor: { mode: 'manual' } });
    const history: History = emptyHistory();
    const known: Known = emptyKnown();
    let state = initialDeskState();
    let version = 0;

    /** Reads what the stream gained since the last step, checked event by event, then the desk at rest. */
    const catchUp = async (): Promise<readonly DeskEvent[]> => {
      const read = await engine.store.readStream(stream, { fromVersion: version + 1 });
      if (E.isLeft(read)) throw new Error(`reading ${stream}: ${JSON.stringify(read.left)}`);
      const events = read.right.map((recorded) => {
        const decoded = registry.decodeEvent(recorded);
        if (E.isLeft(decoded)) throw new Error(`the desk wrote an unreadable event: ${describeError(decoded.left)}`);
        return decoded.right as DeskEvent;
      });
      version += read.right.length;
      state = applyChecked(state, events, history);
      checkDesk(state, history);
      learn(known, events);
      return events;
    };

    const settle = async (at: number) => {
      const advanced = await engine.advanceTo(at);
      if (E.isLeft(advanced)) throw new Error(`advancing the clock: ${describeError(advanced.left)}`);
    };

    for (const input of setupOf(shopId, options)) {
      const result = await engine.dispatch(input);
      if (E.isLeft(result)) throw new Error(`setup ${input.type} refused: ${describeError(result.left)}`);
      await settle(clock.now());
    }
    await catchUp();

    const step = async (operation: Operation): Promise<RoutingStep> => {
      const before = state;
      const input = toInput(shopId, operation, known);
      let refusal: KefuError | undefined;
      if (input === undefined) await settle(clock.now() + (operation.kind === 'wait' ? operation.ms : 0));
      else {
        const result = await engine.dispatch(input);
        if (E.isLeft(result)) refusal = result.left;
        await settle(clock.now());
      }
      const events = await catchUp();
      return { operation, input, refusal, before, events, after: state, now: clock.now() };
    };

    return { engine, clock, step, state: () => state, close: () => engine.close() };
  };

  /** Runs `operations` from a fresh desk, checking the invariants and `property` after every step. */
  const run = async (operations: readonly Operation[], property: RoutingProperty = () => true): Promise<void> => {
    const model = await start();
    try {
      for (const operation of operations) {
        const step = await model.step(operation);
        let holds: boolean | void;
        try {
          holds = property(step);
        } catch (cause) {
          throw stepFailure(step, cause);
        }
        if (holds === false) throw stepFailure(step, new Error('the property answered false'));
      }
    } finally {
      await model.close();
    }
  };

  return { shopId, setup: () => setupOf(shopId, options), start, run };
};

/** Random operation sequences, without the kinds named (e.g. `configure`, to keep the settings under test). */
export const routingOperations = (options: { readonly without?: readonly Operation['kind'][]; readonly maxLength?: number } = {}): fc.Arbitrary<Operation[]> => {
  const without = new Set(options.without ?? []);
  const operation = without.size === 0 ? operationArb : operationArb.filter((op) => !without.has(op.kind));
  return fc.array(operation, { minLength: 1, maxLength: options.maxLength ?? 40, size: 'max' });
};

export interface CheckRoutingOptions extends RoutingModelOptions {
  /** fast-check runs (default 25: each run is a real engine). */
  readonly numRuns?: number;
  /** fast-check's seed, for a repeatable run. */
  readonly fcSeed?: number;
}

/**
 * fast-check asserts that `property`, and the desk's invariants, hold at every
 * step of every sequence `operations` draws. Throws (fast-check's report, with the
 * shrunk sequence) when one does not.
 */
export const checkRoutingProperty = async (operations: fc.Arbitrary<readonly Operation[]>, property: RoutingProperty, options: CheckRoutingOptions = {}): Promise<void> => {
  const model = routingModel(options);
  await fc.assert(
    fc.asyncProperty(operations, (ops) => model.run(ops, property)),
    // The broken rule and the step it broke at go in the report's message, beside the shrunk sequence.
    { numRuns: options.numRuns ?? 25, includeErrorInReport: true, ...(options.fcSeed === undefined ? {} : { seed: options.fcSeed }) },
  );
};
