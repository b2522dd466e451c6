/**
 * One scope's phrases and groups (the team's, or one agent's), in the order the
 * sidebar shows them: groups in creation order after the default group, phrases in
 * their order (a group lists its phrases in that order). Bounded by the limits
 * (1000 phrases, 100 groups), so plain arrays do: a decision or an event costs
 * O(phrases) at most, about a microsecond per phrase.
 */
import * as E from 'fp-ts/lib/Either.js';
import { validationError, type ValidationError } from '../errors.js';
import { decodeWith, struct } from '../validation.js';
import { boundedArray } from './importEntries.js';
import { DEFAULT_GROUP_ID, DEFAULT_GROUP_NAME, GROUP_LIMIT, phraseCodec, phraseGroupCodec, PHRASE_LIMIT, type Phrase, type PhraseGroup } from './phrases.js';
import type { QuickRepliesEvent } from './quickRepliesEvents.js';

export interface QuickRepliesState {
  /** The default group first, always there. */
  readonly groups: readonly PhraseGroup[];
  readonly phrases: readonly Phrase[];
}

export const defaultGroup: PhraseGroup = { groupId: DEFAULT_GROUP_ID, name: DEFAULT_GROUP_NAME };

export const initialQuickRepliesState = (): QuickRepliesState => ({ groups: [defaultGroup], phrases: [] });

export const groupById = (s: QuickRepliesState, groupId: string): PhraseGroup | undefined => s.groups.find((g) => g.groupId === groupId);
export const groupByName = (s: QuickRepliesState, name: string): PhraseGroup | undefined => s.groups.find((g) => g.name.trim() === name.trim());
export const phraseById = (s: QuickRepliesState, phraseId: string): Phrase | undefined => s.phrases.find((p) => p.phraseId === phraseId);

/** A group's phrases, in order. */
export const phrasesOf = (s: QuickRepliesState, groupId: string): readonly Phrase[] => s.phrases.filter((p) => p.groupId === groupId);

const replace = (s: QuickRepliesState, phrase: Phrase): QuickRepliesState => ({ ...s, phrases: s.phrases.map((p) => (p.phraseId === phrase.phraseId ? phrase : p)) });

/** `phraseId` taken out and put into `groupId`, before `beforeId` or after the last phrase. */
export const movedPhrase = (s: QuickRepliesState, phraseId: string, groupId: string, beforeId: string | undefined): QuickRepliesState => {
  const phrase = phraseById(s, phraseId);
  if (phrase === undefined) return s;
  const rest = s.phrases.filter((p) => p.phraseId !== phraseId);
  const at = beforeId === undefined ? -1 : rest.findIndex((p) => p.phraseId === beforeId);
  const placed = { ...phrase, groupId };
  return { ...s, phrases: at < 0 ? [...rest, placed] : [...rest.slice(0, at), placed, ...rest.slice(at)] };
};

export const evolveQuickReplies = (s: QuickRepliesState, event: QuickRepliesEvent): QuickRepliesState => {
  switch (event.type) {
    case 'PhraseGroupCreated':
      return { ...s, groups: [...s.groups, { groupId: event.data.groupId, name: event.data.name }] };
    case 'PhraseGroupRenamed':
      return { ...s, groups: s.groups.map((g) => (g.groupId === event.data.groupId ? { ...g, name: event.data.name } : g)) };
    case 'PhraseGroupDeleted': {
      const { groupId } = event.data;
      return {
        groups: s.groups.filter((g) => g.groupId !== groupId),
        phrases: s.phrases.map((p) => (p.groupId === groupId ? { ...p, groupId: DEFAULT_GROUP_ID } : p)),
      };
    }
    case 'PhraseAdded':
      return { ...s, phrases: [...s.phrases, event.data.phrase] };
    case 'PhraseEdited':
      return replace(s, event.data.phrase);
    case 'PhraseMoved':
      return movedPhrase(s, event.data.phraseId, event.data.groupId, event.data.beforePhraseId);
    case 'PhraseDeleted':
      return { ...s, phrases: s.phrases.filter((p) => p.phraseId !== event.data.phraseId) };
    case 'PhrasesImported':
      return { groups: [...s.groups, ...event.data.groups], phrases: [...s.phrases, ...event.data.phrases.map((p) => p.phrase)] };
  }
};

const snapshotCodec = struct('QuickRepliesSnapshot', {
  groups: boundedArray(phraseGroupCodec, GROUP_LIMIT, 'Groups'),
  phrases: boundedArray(phraseCodec, PHRASE_LIMIT, 'Phrases'),
});
const decodeSnapshot = decodeWith(snapshotCodec, 'quick-replies snapshot');

export const encodeQuickReplies = (s: QuickRepliesState): unknown => snapshotCodec.encode(s);

export const decodeQuickReplies = (encoded: unknown): E.Either<ValidationError, QuickRepliesState> => {
  const decoded = decodeSnapshot(encoded);
  if (E.isLeft(decoded)) return decoded;
  // A snapshot without the default group is not one this module wrote.
  return decoded.right.groups[0]?.groupId === DEFAULT_GROUP_ID
    ? E.right(decoded.right)
    : E.left(validationError('quick-replies snapshot', [{ path: 'groups.0', reason: `must be the default group ${DEFAULT_GROUP_ID}` }]));
};
