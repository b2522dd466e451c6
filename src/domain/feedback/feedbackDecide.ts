/**
 * Deciding a feedback command (C5). In order: who acts and how it stands to the
 * item (P1, the policy table), the brand (P3), the agent it acts as, then the
 * status rules. A step out of order is refused with a code naming why; a
 * submission repeated by its customer with the same content (a client's retry) and
 * a processing start repeated by its handler are no-ops.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DecideContext } from '../decider.js';
import { initialDeskState, type DeskState } from '../desk/deskState.js';
import { routingStream } from '../desk/routingStream.js';
import type { ConversationState } from '../conversation/conversation.js';
import { domainError, type DomainError } from '../errors.js';
import { authorizeBy, requireBrand, type Relation, type Who } from '../permissions/policy.js';
import { relationToAgent, whoFromContext } from '../permissions/who.js';
import type { FeedbackCommand, FeedbackCommandOf } from './feedbackCommands.js';
import type { FeedbackEvent } from './feedbackEvents.js';
import { feedbackPolicy } from './feedbackPolicy.js';
import type { FeedbackState } from './feedbackState.js';

export const FEEDBACK_ERROR_CODES = [
  'actor.not-allowed',
  'actor.missing-permission',
  'actor.unknown',
  'actor.brand-not-allowed',
  'feedback.exists',
  'feedback.unknown',
  'feedback.already-processing',
  'feedback.done',
  'feedback.session-unknown',
  'feedback.session-mismatch',
] as const;
export type FeedbackErrorCode = (typeof FEEDBACK_ERROR_CODES)[number];

type Decided = E.Either<DomainError, readonly FeedbackEvent[]>;

const refuse = (code: FeedbackErrorCode, message: string, field: string): E.Either<DomainError, never> => E.left(domainError(code, message, { field }));

/** The conversation a submission names, when the conversation module is registered (an optional reference). */
export interface FeedbackStreams {
  readonly conversation?: string;
}

/**
 * How the actor stands to the item: a customer to its own; staff to the agent
 * handling it (unclaimed: anyone's own, so whoever answers first may).
 */
const relationOf = (command: FeedbackCommand, state: FeedbackState, who: Who, desk: DeskState): Relation => {
  if (who.kind === 'customer') return (command.type === 'SubmitFeedback' ? command.data.customerId : state.customerId) === who.id ? 'own' : 'other';
  if (command.type === 'SubmitFeedback' || command.type === 'StartProcessingFeedback') return 'other';
  if (state.handler === undefined) return 'own';
  return relationToAgent(who, state.handler, desk.agents.get(state.handler)?.groups ?? []);
};

/** The agent a staff step is taken as: the acting agent (never another), or the one the system names (or none). */
const actingAgent = (who: Who, agentId: string | undefined): E.Either<DomainError, string | undefined> => {
  if (who.kind === 'staff') return agentId === undefined || agentId === who.id ? E.right(who.id) : E.left(domainError('actor.not-allowed', `agent ${who.id} acts as ${agentId}`, { field: 'data.agentId' }));
  return E.right(agentId);
};

const by = (agentId: string | undefined) => (agentId === undefined ? {} : { agentId });

const submit = (c: FeedbackCommandOf<'SubmitFeedback'>, s: FeedbackState, who: Who, context: DecideContext, streams: FeedbackStreams): Decided => {
  const d = c.data;
  if (s.status !== 'none') {
    return s.customerId === d.customerId && s.content === d.content ? E.right([]) : refuse('feedback.exists', `feedback ${d.feedbackId} exists already`, 'data.feedbackId');
  }
  if (d.sessionId !== undefined && streams.conversation !== undefined) {
    const conversation = context.stateOf(streams.conversation) as ConversationState | undefined;
    // Undefined: the conversation module is not registered here, so the session cannot be checked.
    if (conversation !== undefined && conversation.status === 'none') return refuse('feedback.session-unknown', `no session ${d.sessionId}`, 'data.sessionId');
    if (conversation !== undefined && conversation.customerId !== d.customerId) return refuse('feedback.session-mismatch', `session ${d.sessionId} is not customer ${d.customerId}'s`, 'data.sessionId');
  }
  const agentId = who.kind === 'staff' ? who.id : undefined;
  return E.right([{ type: 'FeedbackSubmitted', data: { ...d, ...by(agentId), at: c.meta.now } }]);
};

const open = (s: FeedbackState, feedbackId: string): E.Either<DomainError, void> => {
  if (s.status === 'none') return refuse('feedback.unknown', `no feedback ${feedbackId}`, 'data.feedbackId');
  if (s.status === 'done') return refuse('feedback.done', `feedback ${feedbackId} is done already`, 'data.feedbackId');
  return E.right(undefined);
};

const step = (c: Exclude<FeedbackCommand, FeedbackCommandOf<'SubmitFeedback'>>, s: FeedbackState, agentId: string | undefined): Decided => {
  const { feedbackId } = c.data;
  const ok = open(s, feedbackId);
  if (E.isLeft(ok)) return ok;
  const at = c.meta.now;
  switch (c.type) {
    case 'StartProcessingFeedback':
      if (s.status === 'processing') {
        return s.handler === agentId ? E.right([]) : refuse('feedback.already-processing', `feedback ${feedbackId} is being processed${s.handler === undefined ? '' : ` by ${s.handler}`}`, 'data.feedbackId');
      }
      return E.right([{ type: 'FeedbackProcessingStarted', data: { feedbackId, ...by(agentId), at } }]);
    case 'ReplyToFeedback':
      return E.right([{ type: 'FeedbackReplied', data: { feedbackId, reply: c.data.reply, ...by(agentId), at } }]);
    case 'CompleteFeedback':
      return E.right([{ type: 'FeedbackCompleted', data: { feedbackId, ...by(agentId), at } }]);
  }
};

export const decideFeedback = (command: FeedbackCommand, state: FeedbackState, context: DecideContext, streams: FeedbackStreams): Decided => {
  const { shopId, actor } = command.meta;
  const who = whoFromContext(context, shopId, actor);
  if (E.isLeft(who)) return who;
  const desk = (context.stateOf(routingStream(shopId)) as DeskState | undefined) ?? initialDeskState();
  const allowed = authorizeBy(feedbackPolicy, command.type, who.right, relationOf(command, state, who.right, desk));
  if (E.isLeft(allowed)) return allowed;
  const brandId = command.type === 'SubmitFeedback' ? command.data.brandId : state.brandId;
  if (brandId !== undefined) {
    const brand = requireBrand(who.right, brandId);
    if (E.isLeft(brand)) return brand;
  }
  if (command.type === 'SubmitFeedback') return submit(command, state, who.right, context, streams);
  const agentId = actingAgent(who.right, command.data.agentId);
  if (E.isLeft(agentId)) return agentId;
  return step(command, state, agentId.right);
};
