/**
 * A2 on the manual paths: each may take an agent above max only where the shop's
 * capacity rule for that path allows it (and the board then shows the agent over
 * capacity); otherwise it is refused with the agent's load and max. Auto-assignment
 * is not here: it only ever picks agents with a free slot (eligibility.ts).
 */
import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../../errors.js';
import type { Agent } from '../../../routing/model.js';
import type { CapacitySettings } from '../../../routing/settings.js';
import type { DeskState } from '../deskState.js';

const PATH_NAMES: Record<keyof CapacitySettings, string> = {
  manualPick: 'a pick from the queue',
  transfer: 'a transfer',
  invitation: 'an invitation',
  bargeIn: 'a barge-in',
  proactive: 'an outreach',
};

export const checkCapacity = (state: DeskState, agent: Agent, path: keyof CapacitySettings): E.Either<DomainError, void> => {
  if (agent.load < agent.maxSessions || state.settings.capacity[path] === 'allow-over') return E.right(undefined);
  return E.left(
    domainError(
      'capacity.at-max',
      `agent ${agent.id} is at max (load ${agent.load} of ${agent.maxSessions}): this shop does not let ${PATH_NAMES[path]} take an agent above max`,
      { agentId: agent.id, load: agent.load, maxSessions: agent.maxSessions, path },
    ),
  );
};
