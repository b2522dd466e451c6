/**
 * The strict given(events).when(command).then(events | error) of kefu/testing:
 * exact events (types, data, count, order, no extra field), thenMatches for the
 * loose form, thenError by code or tag, and messages that say where a run differs.
 */
import { AssertionError } from 'node:assert/strict';
import { describe, expect, it } from 'vitest';
import { agentBusy, agentMaxSessionsChanged, onlineAgent, sessionAssigned } from '../../src/testing/deskHistory.js';
import { desk } from '../../src/testing/deskInputs.js';
import { given, givenIn } from '../../src/testing/givenWhenThen.js';
import { counterModule } from '../../src/testing/counterModule.js';

const shop = desk('shop-1');

const thrown = (run: () => unknown): AssertionError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AssertionError);
    return error as AssertionError;
  }
  return expect.fail('expected an AssertionError');
};

describe('given / when / then, strict (A1, A2)', () => {
  it('passes on exactly the events the desk emits, and answers the state after them', () => {
    const state = given(...onlineAgent('a1')).when(shop.busy('a1')).then(agentBusy('a1'));
    expect((state as { agents: Map<string, { status: string }> }).agents.get('a1')?.status).toBe('busy');
  });

  it('fails on a wrong value, naming the field and both values', () => {
    const error = thrown(() => given(...onlineAgent('a1')).when(shop.setMax('a1', 5)).then(agentMaxSessionsChanged('a1', 3, 4)));
    expect(error.message).toMatch(/event 1 \(AgentMaxSessionsChanged\)\.data\.to: expected 4, got 5/);
    expect(error.actual).toBeDefined();
  });

  it('fails on an extra field that the desk does not write', () => {
    const extra = { ...agentBusy('a1'), data: { ...agentBusy('a1').data, note: 'lunch' } };
    expect(thrown(() => given(...onlineAgent('a1')).when(shop.busy('a1')).then(extra)).message).toMatch(/data\.note: expected "lunch", but there is no note/);
  });

  it('fails on a missing or an extra event, listing both sequences', () => {
    const error = thrown(() => given(...onlineAgent('a1')).when(shop.busy('a1')).then());
    expect(error.message).toMatch(/expected 0 event\(s\) \(none\), got 1 \(AgentStatusChanged\)/);
    expect(thrown(() => given(...onlineAgent('a1')).when(shop.busy('a1')).then(agentBusy('a1'), agentBusy('a1'))).message).toMatch(/expected 2 event/);
  });

  it('matches partially only when asked: thenMatches', () => {
    const history = [...onlineAgent('a1', { maxSessions: 2 })];
    given(...history)
      .when(shop.asCustomer('c1').open({ sessionId: 's1', customerId: 'c1', channel: 'web-mall' }))
      .thenMatches({ type: 'SessionAssigned', data: { sessionId: 's1', agentId: 'a1', via: 'base-mode' } });
    expect(() => given(...history).when(shop.open({ sessionId: 's1', customerId: 'c1', channel: 'web-mall' })).thenMatches({ type: 'SessionQueued' })).toThrow(/SessionQueued/);
  });

  it('checks refusals by code, and a bad field as a ValidationError, as dispatch decodes it', () => {
    given().when(shop.busy('ghost')).thenError('agent.unknown');
    const validation = given().when(shop.setMax('a1', 0)).thenError('ValidationError');
    expect(validation._tag).toBe('ValidationError');
    expect(thrown(() => given().when(shop.busy('ghost')).thenError('session.unknown')).message).toMatch(/expected the refusal session.unknown, got/);
    expect(thrown(() => given(...onlineAgent('a1')).when(shop.busy('a1')).thenError('agent.unknown')).message).toMatch(/got 1 event\(s\) \(AgentStatusChanged\)/);
  });

  it('answers thenNothing for an accepted command that changes nothing, and fails when it changes something', () => {
    given(onlineAgent('a1'), agentBusy('a1')).when(shop.busy('a1')).thenNothing();
    expect(() => given(...onlineAgent('a1')).when(shop.busy('a1')).thenNothing()).toThrow(/expected 0 event/);
  });

  it('works over the modules given (a tester’s own module)', () => {
    givenIn([counterModule]).given().when({ type: 'Increment', data: { counterId: 'c', by: 2 } }).then({ type: 'Incremented', data: { by: 2, total: 2 } });
  });

  it('keeps the history’s assignments: a session already held is not held twice (A5)', () => {
    given(...onlineAgent('a1'), sessionAssigned('s1', 'a1')).when(shop.end({ sessionId: 's1' })).thenMatches({ type: 'SessionEnded', data: { sessionId: 's1' } });
  });
});
