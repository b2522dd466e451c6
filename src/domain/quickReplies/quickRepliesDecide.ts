/**
 * Deciding a quick-replies command against its scope's stream. First who acts and
 * whether the policy lets them (quickRepliesPolicy.ts; the desk and the access
 * module read as references, never written), then the rules of Q1/Q2: the default
 * group stays, group names are unique within a scope (an import finds groups by
 * name), at most 100 groups and 1000 phrases. A command that changes nothing (sent
 * again, or to the values already there) is a no-op.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DecideContext } from '../decider.js';
import { routingStream } from '../desk/routingStream.js';
import type { DeskState } from '../desk/deskState.js';
import { authorizeBy, type Relation, type Who } from '../permissions/policy.js';
import { whoFromContext } from '../permissions/who.js';
import { DEFAULT_GROUP_ID, GROUP_LIMIT, phraseOf, PHRASE_LIMIT, samePhrase, sameName, scopeKey, type PhraseScope } from './phrases.js';
import type { QuickRepliesCommand, QuickRepliesCommandOf } from './quickRepliesCommands.js';
import { quickRepliesPolicy } from './quickRepliesPolicy.js';
import { groupById, movedPhrase, phraseById, type QuickRepliesState } from './quickRepliesState.js';
import { decideImport } from './importDecide.js';
import { refuse, type Decided } from './quickRepliesErrors.js';

/** Q1: a personal scope is its owner's own; the team scope is nobody's own (admins manage it). */
export const relationOf = (scope: PhraseScope, who: Who): Relation => (scope.kind === 'personal' && who.kind === 'staff' && who.id === scope.agentId ? 'own' : 'other');

type Of<T extends QuickRepliesCommand['type']> = QuickRepliesCommandOf<T>;

const groupUnknown = (groupId: string, field: string): Decided => refuse('quick-replies.group-unknown', `no phrase group ${groupId} here`, { field, groupId });
const phraseUnknown = (phraseId: string, field = 'data.phraseId'): Decided => refuse('quick-replies.phrase-unknown', `no phrase ${phraseId} here`, { field, phraseId });
const defaultGroupStays = (what: string): Decided => refuse('quick-replies.default-group', `the default group cannot be ${what}`, { field: 'data.groupId', groupId: DEFAULT_GROUP_ID });

const nameTaken = (s: QuickRepliesState, name: string, except?: string): Decided | undefined => {
  const other = s.groups.find((g) => g.groupId !== except && sameName(g.name, name));
  return other === undefined ? undefined : refuse('quick-replies.group-name-taken', `group ${other.groupId} is already named ${JSON.stringify(other.name)}`, { field: 'data.name', groupId: other.groupId });
};

const createGroup = (c: Of<'CreatePhraseGroup'>, s: QuickRepliesState): Decided => {
  const { scope, groupId, name } = c.data;
  const existing = groupById(s, groupId);
  if (existing !== undefined) return existing.name === name ? E.right([]) : refuse('quick-replies.group-exists', `group ${groupId} exists, named ${JSON.stringify(existing.name)}`, { field: 'data.groupId', groupId });
  const taken = nameTaken(s, name);
  if (taken !== undefined) return taken;
  if (s.groups.length >= GROUP_LIMIT) return refuse('quick-replies.group-limit-reached', `a scope holds at most ${GROUP_LIMIT} groups`, { limit: GROUP_LIMIT, field: 'data.groupId' });
  return E.right([{ type: 'PhraseGroupCreated', data: { scope, groupId, name, at: c.meta.now } }]);
};

const renameGroup = (c: Of<'RenamePhraseGroup'>, s: QuickRepliesState): Decided => {
  const { scope, groupId, name } = c.data;
  if (groupId === DEFAULT_GROUP_ID) return defaultGroupStays('renamed');
  const existing = groupById(s, groupId);
  if (existing === undefined) return groupUnknown(groupId, 'data.groupId');
  if (existing.name === name) return E.right([]);
  return nameTaken(s, name, groupId) ?? E.right([{ type: 'PhraseGroupRenamed', data: { scope, groupId, name, at: c.meta.now } }]);
};

const deleteGroup = (c: Of<'DeletePhraseGroup'>, s: QuickRepliesState): Decided => {
  const { scope, groupId } = c.data;
  if (groupId === DEFAULT_GROUP_ID) return defaultGroupStays('deleted');
  if (groupById(s, groupId) === undefined) return groupUnknown(groupId, 'data.groupId');
  const moved = s.phrases.filter((p) => p.groupId === groupId).length;
  return E.right([{ type: 'PhraseGroupDeleted', data: { scope, groupId, moved, at: c.meta.now } }]);
};

const addPhrase = (c: Of<'AddPhrase'>, s: QuickRepliesState): Decided => {
  const { scope, phraseId, groupId = DEFAULT_GROUP_ID, title, keyword, content } = c.data;
  if (groupById(s, groupId) === undefined) return groupUnknown(groupId, 'data.groupId');
  const phrase = phraseOf({ phraseId, groupId, title, keyword, content });
  const existing = phraseById(s, phraseId);
  if (existing !== undefined) return samePhrase(existing, phrase) ? E.right([]) : refuse('quick-replies.phrase-exists', `phrase ${phraseId} exists with other fields`, { field: 'data.phraseId', phraseId });
  // Q2: the 1001st phrase of a scope is refused.
  if (s.phrases.length >= PHRASE_LIMIT) return refuse('quick-replies.limit-reached', `${scopeKey(scope)} holds ${PHRASE_LIMIT} phrases, the most it may`, { limit: PHRASE_LIMIT, scope: scopeKey(scope) });
  return E.right([{ type: 'PhraseAdded', data: { scope, phrase, at: c.meta.now } }]);
};

const editPhrase = (c: Of<'EditPhrase'>, s: QuickRepliesState): Decided => {
  const { scope, phraseId, title, keyword, content } = c.data;
  const existing = phraseById(s, phraseId);
  if (existing === undefined) return phraseUnknown(phraseId);
  const phrase = phraseOf({
    ...existing,
    title: title ?? existing.title,
    keyword: keyword === null ? undefined : (keyword ?? existing.keyword),
    content: content ?? existing.content,
  });
  return samePhrase(existing, phrase) ? E.right([]) : E.right([{ type: 'PhraseEdited', data: { scope, phrase, at: c.meta.now } }]);
};

const movePhrase = (c: Of<'MovePhrase'>, s: QuickRepliesState): Decided => {
  const { scope, phraseId, groupId, beforePhraseId } = c.data;
  if (phraseById(s, phraseId) === undefined) return phraseUnknown(phraseId);
  if (groupById(s, groupId) === undefined) return groupUnknown(groupId, 'data.groupId');
  if (beforePhraseId !== undefined) {
    const before = phraseById(s, beforePhraseId);
    if (before === undefined) return phraseUnknown(beforePhraseId, 'data.beforePhraseId');
    if (before.groupId !== groupId || beforePhraseId === phraseId) {
      return refuse('quick-replies.not-in-group', `phrase ${beforePhraseId} is not another phrase of group ${groupId}`, { field: 'data.beforePhraseId', phraseId: beforePhraseId });
    }
  }
  const after = movedPhrase(s, phraseId, groupId, beforePhraseId);
  const unchanged = after.phrases.every((p, i) => p.phraseId === s.phrases[i]?.phraseId && p.groupId === s.phrases[i]?.groupId);
  if (unchanged) return E.right([]);
  return E.right([{ type: 'PhraseMoved', data: { scope, phraseId, groupId, ...(beforePhraseId === undefined ? {} : { beforePhraseId }), at: c.meta.now } }]);
};

const deletePhrase = (c: Of<'DeletePhrase'>, s: QuickRepliesState): Decided => {
  const { scope, phraseId } = c.data;
  if (phraseById(s, phraseId) === undefined) return phraseUnknown(phraseId);
  return E.right([{ type: 'PhraseDeleted', data: { scope, phraseId, at: c.meta.now } }]);
};

/** A personal scope names an agent of the shop (any status: an admin may tidy a frozen agent's phrases). */
const knownOwner = (scope: PhraseScope, context: DecideContext, shopId: string): Decided | undefined => {
  if (scope.kind === 'team') return undefined;
  const desk = context.stateOf(routingStream(shopId)) as DeskState | undefined;
  return desk?.agents.has(scope.agentId) === true ? undefined : refuse('quick-replies.agent-unknown', `${scope.agentId} is not an agent of this shop`, { field: 'data.scope.agentId', agentId: scope.agentId });
};

export const decideQuickReplies = (c: QuickRepliesCommand, s: QuickRepliesState, context: DecideContext): Decided => {
  const who = whoFromContext(context, c.meta.shopId, c.meta.actor);
  if (E.isLeft(who)) return who;
  const allowed = authorizeBy(quickRepliesPolicy, c.type, who.right, relationOf(c.data.scope, who.right));
  if (E.isLeft(allowed)) return allowed;
  const owner = knownOwner(c.data.scope, context, c.meta.shopId);
  if (owner !== undefined) return owner;
  switch (c.type) {
    case 'CreatePhraseGroup':
      return createGroup(c, s);
    case 'RenamePhraseGroup':
      return renameGroup(c, s);
    case 'DeletePhraseGroup':
      return deleteGroup(c, s);
    case 'AddPhrase':
      return addPhrase(c, s);
    case 'EditPhrase':
      return editPhrase(c, s);
    case 'MovePhrase':
      return movePhrase(c, s);
    case 'DeletePhrase':
      return deletePhrase(c, s);
    case 'ImportPhrases':
      return decideImport(c, s);
  }
};
