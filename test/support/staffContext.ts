/**
 * For decider-level tests of modules that check a staff actor (P1, P4): the
 * references a real engine would hand in, a desk on which the named agents are
 * registered (active, enabled; their role and groups as given), so an agent actor
 * resolves instead of being unknown.
 */
import type { DecideContext, Decider, DomainEvent } from '../../src/domain/decider.js';
import { routingStream } from '../../src/domain/desk/routingStream.js';
import { evolveDesk } from '../../src/domain/desk/deskEvolve.js';
import { initialDeskState, type DeskState } from '../../src/domain/desk/deskState.js';
import type { AgentRole } from '../../src/routing/model.js';
import { agentRegistered } from '../../src/testing/deskHistory.js';

export type StaffMember = string | { readonly id: string; readonly role?: AgentRole; readonly groups?: readonly string[] };

export const staffDesk = (staff: readonly StaffMember[]): DeskState =>
  staff
    .map((m) => (typeof m === 'string' ? { id: m } : m))
    .reduce((desk, m) => evolveDesk(desk, agentRegistered(m.id, { role: m.role ?? 'agent', groups: m.groups ?? [] })), initialDeskState());

/** The decider, handed the staff desk of `shopId` whenever the test passes no desk of its own. */
export const withStaff = <S, C, E extends DomainEvent>(decider: Decider<S, C, E>, shopId: string, staff: readonly StaffMember[]): Decider<S, C, E> => {
  const desk = staffDesk(staff);
  const stream = routingStream(shopId);
  const context = (given: DecideContext): DecideContext => ({ stateOf: (s) => given.stateOf(s) ?? (s === stream ? desk : undefined) });
  const { decideAndFold } = decider;
  return {
    ...decider,
    decide: (command, state, given) => decider.decide(command, state, context(given)),
    ...(decideAndFold === undefined ? {} : { decideAndFold: (command: C, state: S, given: DecideContext) => decideAndFold(command, state, context(given)) }),
  };
};
