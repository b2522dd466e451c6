/**
 * The routing invariants of kefu/testing are plain checks (no test runner): here
 * each kind fails on a desk that breaks it, with its message, and passes on one
 * that keeps it. Broken desks are made by folding events the decider would never
 * produce (the builders bypass decide).
 */
import { AssertionError } from 'node:assert/strict';
import { describe, expect, it } from 'vitest';
import type { DeskEvent } from '../../src/domain/desk/deskEvents.js';
import { evolveDesk } from '../../src/domain/desk/deskEvolve.js';
import { initialDeskState } from '../../src/domain/desk/deskState.js';
import { agentBusy, customerPinned, onlineAgent, routingConfigured, sessionAssigned, sessionEnded, sessionQueued } from '../../src/testing/deskHistory.js';
import { applyChecked, checkDesk, emptyHistory } from '../../src/testing/deskInvariants.js';

const fold = (...events: readonly DeskEvent[]) => events.reduce(evolveDesk, initialDeskState());
const checked = (...events: readonly DeskEvent[]) => () => {
  const history = emptyHistory();
  checkDesk(applyChecked(initialDeskState(), events, history), history);
};

describe('applyChecked, before each event', () => {
  it('passes a desk that keeps the rules', () => {
    expect(checked(...onlineAgent('a1', { maxSessions: 1 }), sessionAssigned('s1', 'a1'), sessionQueued('s2'))).not.toThrow();
  });

  it('refuses an automatic assignment above max, to an agent not online, or to an unknown agent', () => {
    expect(checked(...onlineAgent('a1', { maxSessions: 1 }), sessionAssigned('s1', 'a1'), sessionAssigned('s2', 'a1'))).toThrow(
      'auto-assignment (base-mode) of s2 to a1 at max',
    );
    expect(checked(...onlineAgent('a1'), agentBusy('a1'), sessionAssigned('s1', 'a1', { via: 'sticky' }))).toThrow(/status of a1 .*expected "online", got "busy"/);
    expect(checked(sessionAssigned('s1', 'ghost'))).toThrow('assigned to unknown agent ghost');
    // A person's act (a manual pick) may exceed max: not checked as automatic.
    expect(checked(...onlineAgent('a1', { maxSessions: 1 }), sessionAssigned('s1', 'a1'), sessionAssigned('s2', 'a1', { via: 'manual-pick' }))).not.toThrow();
  });

  it("refuses a pinned customer's session given to another agent", () => {
    const events = [...onlineAgent('mine'), ...onlineAgent('other'), routingConfigured({ pinningEnabled: true }), customerPinned('lucy', 'mine')];
    const waiting = sessionQueued('s1', { customerId: 'lucy', target: { kind: 'agent', agentId: 'mine' }, via: 'customer-pin' });
    expect(checked(...events, waiting, sessionAssigned('s1', 'other', { customerId: 'lucy', via: 'manual-pick' }))).toThrow(
      /pinned session s1 given to another agent: expected "mine", got "other"/,
    );
  });
});

describe('checkDesk, at rest', () => {
  it('finds a session waiting beside a free slot', () => {
    // Queued while nobody was there, then the agent came online without taking it (decide would have).
    expect(() => checkDesk(fold(sessionQueued('s1'), ...onlineAgent('a1')))).toThrow('session s1 waits while a1 has a free slot');
  });

  it('finds a session lost from the history', () => {
    const history = emptyHistory();
    const state = applyChecked(initialDeskState(), [...onlineAgent('a1'), sessionAssigned('s1', 'a1')], history);
    history.opened.add('s2');
    expect(() => checkDesk(state, history)).toThrow('session s2 is lost');
    history.ended.add('s1');
    history.opened.delete('s2');
    expect(() => checkDesk(state, history)).toThrow('session s1 is both at the desk and ended');
  });

  it('finds a load that does not match the sessions', () => {
    // An end that names no agent frees no slot: the agent keeps a load with no session.
    expect(() => checkDesk(fold(...onlineAgent('a1'), sessionAssigned('s1', 'a1'), sessionEnded('s1', [])))).toThrow('load of a1: expected 0, got 1');
  });

  it('throws an AssertionError, which every runner reports', () => {
    expect(() => checkDesk(fold(sessionQueued('s1'), ...onlineAgent('a1')))).toThrow(AssertionError);
  });
});
