/**
 * The model-based harness of kefu/testing: random desk operations on a real
 * engine on a virtual clock, the desk's invariants and the tester's property at
 * every step, with what the step caused (reactions, deadlines) in its events.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { deskModule, routingStream } from '../../src/domain/desk/deskModule.js';
import { encodeDesk } from '../../src/domain/desk/deskSnapshot.js';
import type { DeskState } from '../../src/domain/desk/deskState.js';
import { AGENTS, CUSTOMERS, operationArb } from '../../src/testing/deskArbitraries.js';
import { checkRoutingProperty, routingModel, routingOperations } from '../../src/testing/routingModel.js';

describe('routingModel', () => {
  it('hands the property the engine’s own desk after each step', async () => {
    await fc.assert(
      fc.asyncProperty(routingOperations({ maxLength: 30 }), async (operations) => {
        const model = routingModel({ shopId: 'shop-m' });
        const run = await model.start();
        for (const operation of operations) {
          const step = await run.step(operation);
          const loaded = await run.engine.load(deskModule, routingStream('shop-m'));
          expect(E.isRight(loaded)).toBe(true);
          if (E.isRight(loaded)) expect(encodeDesk(step.after)).toEqual(encodeDesk(loaded.right.state as DeskState));
        }
        await run.close();
      }),
      { numRuns: 10 },
    );
  });

  it('carries deadlines on waits: a transfer not answered expires (R-transfer acceptance)', async () => {
    const model = routingModel({ settings: { transferNeedsAcceptance: true, transferAcceptSeconds: 30 }, agents: [{ id: 'a0', online: true }, { id: 'a1', online: true }] });
    const run = await model.start();
    await run.step({ kind: 'open', customer: 'c0', channel: 'web-mall', vip: false });
    const owner = [...run.state().sessions.values()][0]!.owner;
    const requested = await run.step({ kind: 'transfer', session: 0, toAgent: owner === 'a0' ? 'a1' : 'a0' });
    expect(requested.events.map((e) => e.type)).toEqual(['TransferRequested']);
    const waited = await run.step({ kind: 'wait', ms: 31_000 });
    expect(waited.events.map((e) => e.type)).toContain('TransferExpired');
    await run.close();
  });

  it('sets up the agents and settings given (A1, R2)', async () => {
    const run = await routingModel({ settings: { baseMode: 'round-robin' }, agents: [{ id: 'x', maxSessions: 4, online: true, groups: ['g9'] }] }).start();
    const agent = run.state().agents.get('x');
    expect([agent?.status, agent?.maxSessions, agent?.groups]).toEqual(['online', 4, ['g9']]);
    expect(run.state().settings.baseMode).toBe('round-robin');
    await run.close();
  });

  it('reports a broken property with the operation and the events of the step', async () => {
    const failure = checkRoutingProperty(
      fc.constant([{ kind: 'open', customer: 'c0', channel: 'web-mall', vip: false } as const]),
      ({ events }) => events.every((e) => e.type !== 'SessionAssigned'),
      { agents: [{ id: 'a0', online: true }], numRuns: 1 },
    );
    await expect(failure).rejects.toThrow(/the property answered false[\s\S]*at operation \{"kind":"open"[\s\S]*events: SessionAssigned/);
  });

  it('R7: a pinned customer is only ever assigned to its agent, written as a property', async () => {
    // More pins than the default mix, so that pinned customers arrive and wait often.
    const pin = fc.record({ kind: fc.constant('pin' as const), customer: fc.constantFrom(...CUSTOMERS), agent: fc.constantFrom(...AGENTS) });
    const operations = fc.array(fc.oneof({ weight: 4, arbitrary: operationArb.filter((o) => o.kind !== 'configure') }, { weight: 1, arbitrary: pin }), { minLength: 1, maxLength: 40, size: 'max' });
    let pinnedAssignments = 0;
    await checkRoutingProperty(
      operations,
      // The pin as the step leaves it: a step that re-pins a waiting customer assigns it to the new agent.
      ({ after, events }) =>
        events.every((e) => {
          if (e.type !== 'SessionAssigned' || !['base-mode', 'customer-pin', 'queue'].includes(e.data.via)) return true;
          const pinned = after.pins.get(e.data.customerId);
          if (pinned === undefined || !after.settings.pinningEnabled || !after.agents.has(pinned)) return true;
          pinnedAssignments++;
          return pinned === e.data.agentId;
        }),
      { settings: { pinningEnabled: true }, numRuns: 100, fcSeed: 7 },
    );
    expect(pinnedAssignments).toBeGreaterThan(5);
  });
});
