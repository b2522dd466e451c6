/**
 * How an actor stands to a session (policy.ts's Relation), from the session's
 * conversation and the desk's agents: `own` for its customer and for the agents
 * who take part (or took part: a starred list and tags outlive a transfer),
 * `own-group` for staff sharing a group with one of them (a team lead's reach),
 * `other` otherwise. The consultation summary asks the same question.
 */
import type { ConversationState } from '../conversation/conversation.js';
import type { DeskState } from '../desk/deskState.js';
import { sharesGroupWith } from '../permissions/who.js';
import type { Relation, Who } from '../permissions/policy.js';

/** `present`: the agent and co-agents now; `ever`: everyone the session came to, even those who left. */
export type Participation = 'present' | 'ever';

export const sessionAgents = (conversation: ConversationState, participation: Participation): readonly string[] =>
  participation === 'present'
    ? [...(conversation.agentId === undefined ? [] : [conversation.agentId]), ...conversation.coAgents]
    : [...conversation.servedBy, ...conversation.coAgentsEver];

export const sessionRelation = (who: Who, conversation: ConversationState, desk: DeskState, participation: Participation): Relation => {
  if (who.kind === 'system') return 'own';
  if (who.kind === 'customer') return conversation.status !== 'none' && who.id === conversation.customerId ? 'own' : 'other';
  const agents = sessionAgents(conversation, participation);
  if (agents.includes(who.id)) return 'own';
  return agents.some((id) => sharesGroupWith(who, desk.agents.get(id)?.groups ?? [])) ? 'own-group' : 'other';
};
