/**
 * Q1-Q4: the quick-replies commands. Every one names its `scope`, the team's
 * phrases or one agent's (phrases.ts): the scope picks the stream and who may
 * send it (quickRepliesPolicy.ts). Ids come from the caller, as message ids do, so
 * a command sent again with the same content is a no-op.
 */
import type { Command } from '../command.js';
import type { CommandCodecs } from '../module.js';
import { orNull, struct } from '../validation.js';
import { importPhrasesCodec, type ImportPhrasesData } from './importEntries.js';
import { contentCodec, groupNameCodec, keywordCodec, phraseGroupIdCodec, phraseIdCodec, scopeCodec, titleCodec, type PhraseScope } from './phrases.js';

type Scoped = { readonly scope: PhraseScope };
type GroupRef = Scoped & { readonly groupId: string };
type PhraseRef = Scoped & { readonly phraseId: string };

export type QuickRepliesCommand =
  | Command<'CreatePhraseGroup', GroupRef & { readonly name: string }>
  /** The default group cannot be renamed. */
  | Command<'RenamePhraseGroup', GroupRef & { readonly name: string }>
  /** The default group cannot be deleted; a deleted group's phrases move to the default group. */
  | Command<'DeletePhraseGroup', GroupRef>
  /** Into `groupId` (default: the default group), at its end; refused at the limit (Q2). */
  | Command<'AddPhrase', PhraseRef & { readonly groupId?: string; readonly title: string; readonly keyword?: string; readonly content: string }>
  /** The fields given change; `keyword: null` removes the keyword. */
  | Command<'EditPhrase', PhraseRef & { readonly title?: string; readonly keyword?: string | null; readonly content?: string }>
  /** Into `groupId`, before `beforePhraseId` (a phrase of that group) or at the group's end: the manual's 排序. */
  | Command<'MovePhrase', PhraseRef & { readonly groupId: string; readonly beforePhraseId?: string }>
  | Command<'DeletePhrase', PhraseRef>
  /** Q4: entries as an export writes them (phraseExport.ts), checked one by one (importEntries.ts). */
  | Command<'ImportPhrases', ImportPhrasesData>;

export type QuickRepliesCommandType = QuickRepliesCommand['type'];
export type QuickRepliesCommandOf<T extends QuickRepliesCommandType> = Extract<QuickRepliesCommand, { type: T }>;

const group = { scope: scopeCodec, groupId: phraseGroupIdCodec };
const phrase = { scope: scopeCodec, phraseId: phraseIdCodec };

export const quickRepliesCommandCodecs = {
  CreatePhraseGroup: struct('CreatePhraseGroup', { ...group, name: groupNameCodec }),
  RenamePhraseGroup: struct('RenamePhraseGroup', { ...group, name: groupNameCodec }),
  DeletePhraseGroup: struct('DeletePhraseGroup', group),
  AddPhrase: struct('AddPhrase', { ...phrase, title: titleCodec, content: contentCodec }, { groupId: phraseGroupIdCodec, keyword: keywordCodec }),
  EditPhrase: struct('EditPhrase', phrase, { title: titleCodec, keyword: orNull(keywordCodec), content: contentCodec }),
  MovePhrase: struct('MovePhrase', { ...phrase, groupId: phraseGroupIdCodec }, { beforePhraseId: phraseIdCodec }),
  DeletePhrase: struct('DeletePhrase', phrase),
  ImportPhrases: importPhrasesCodec,
} satisfies CommandCodecs<QuickRepliesCommand>;
