/**
 * What a quick-replies stream records. Every event names its scope, so a reader of
 * the log (the suggestions projection) knows whose phrase it is without parsing
 * stream names; phrases are written whole (after an edit too), so a reader never
 * merges.
 *
 * PhrasesImported is also the import's report: the positions written, those
 * already there as they are (an export imported again), and, in good-only mode,
 * those refused with their reasons.
 */
import * as t from 'io-ts';
import type { DomainEvent } from '../decider.js';
import type { ValidationIssue } from '../errors.js';
import type { EventDefinitions } from '../module.js';
import { nonEmptyString, nonNegativeInt, oneOf, struct, timestamp } from '../validation.js';
import { boundedArray, IMPORT_MAX_ENTRIES, IMPORT_MODES, type ImportMode } from './importEntries.js';
import { GROUP_LIMIT, phraseCodec, phraseGroupCodec, phraseGroupIdCodec, phraseIdCodec, groupNameCodec, PHRASE_LIMIT, scopeCodec, type Phrase, type PhraseGroup, type PhraseScope } from './phrases.js';

type At = { readonly scope: PhraseScope; readonly at: number };

export interface ImportedPhrase {
  readonly position: number;
  readonly phrase: Phrase;
}

export interface RejectedEntry {
  readonly position: number;
  readonly issues: readonly ValidationIssue[];
}

export type QuickRepliesEvent =
  | DomainEvent<'PhraseGroupCreated', At & PhraseGroup>
  | DomainEvent<'PhraseGroupRenamed', At & PhraseGroup>
  /** Its phrases (`moved` of them) now belong to the default group. */
  | DomainEvent<'PhraseGroupDeleted', At & { readonly groupId: string; readonly moved: number }>
  | DomainEvent<'PhraseAdded', At & { readonly phrase: Phrase }>
  | DomainEvent<'PhraseEdited', At & { readonly phrase: Phrase }>
  | DomainEvent<'PhraseMoved', At & { readonly phraseId: string; readonly groupId: string; readonly beforePhraseId?: string }>
  | DomainEvent<'PhraseDeleted', At & { readonly phraseId: string }>
  | DomainEvent<
      'PhrasesImported',
      At & {
        readonly mode: ImportMode;
        /** Groups the import created, in order (named by the entries or the import's group list). */
        readonly groups: readonly PhraseGroup[];
        readonly phrases: readonly ImportedPhrase[];
        /** Entries equal to a phrase already there: nothing to write. */
        readonly unchanged: readonly number[];
        readonly rejected: readonly RejectedEntry[];
      }
    >;

export type QuickRepliesEventType = QuickRepliesEvent['type'];
export type QuickRepliesEventOf<T extends QuickRepliesEventType> = Extract<QuickRepliesEvent, { type: T }>;

const at = { scope: scopeCodec, at: timestamp };
const position = nonNegativeInt;
const issueCodec = struct('ImportIssue', { path: nonEmptyString(300), reason: nonEmptyString(1000) });

export const quickRepliesEventDefinitions = {
  PhraseGroupCreated: { schemaVersion: 1, codec: struct('PhraseGroupCreated', { ...at, groupId: phraseGroupIdCodec, name: groupNameCodec }) },
  PhraseGroupRenamed: { schemaVersion: 1, codec: struct('PhraseGroupRenamed', { ...at, groupId: phraseGroupIdCodec, name: groupNameCodec }) },
  PhraseGroupDeleted: { schemaVersion: 1, codec: struct('PhraseGroupDeleted', { ...at, groupId: phraseGroupIdCodec, moved: nonNegativeInt }) },
  PhraseAdded: { schemaVersion: 1, codec: struct('PhraseAdded', { ...at, phrase: phraseCodec }) },
  PhraseEdited: { schemaVersion: 1, codec: struct('PhraseEdited', { ...at, phrase: phraseCodec }) },
  PhraseMoved: { schemaVersion: 1, codec: struct('PhraseMoved', { ...at, phraseId: phraseIdCodec, groupId: phraseGroupIdCodec }, { beforePhraseId: phraseIdCodec }) },
  PhraseDeleted: { schemaVersion: 1, codec: struct('PhraseDeleted', { ...at, phraseId: phraseIdCodec }) },
  PhrasesImported: {
    schemaVersion: 1,
    codec: struct('PhrasesImported', {
      ...at,
      mode: oneOf('ImportMode', IMPORT_MODES),
      groups: boundedArray(phraseGroupCodec, GROUP_LIMIT, 'ImportedGroups'),
      phrases: boundedArray(struct('ImportedPhrase', { position, phrase: phraseCodec }), PHRASE_LIMIT, 'ImportedPhrases'),
      unchanged: boundedArray(position, IMPORT_MAX_ENTRIES, 'UnchangedEntries'),
      rejected: boundedArray(struct('RejectedEntry', { position, issues: t.readonlyArray(issueCodec) }), IMPORT_MAX_ENTRIES, 'RejectedEntries'),
    }),
  },
} satisfies EventDefinitions<QuickRepliesEvent>;
