/**
 * Q4: deciding an import against the scope's stream, entry by entry in order, so
 * that the report names every entry that cannot go in and why:
 *
 * - bad in shape (the codec's issues, importEntries.ts; only in good-only mode do
 *   they reach here);
 * - a phrase id already taken by another phrase (an entry equal to the phrase
 *   there is `unchanged`: importing an export again writes nothing);
 * - over the limit of 1000 phrases (Q2) or of 100 groups: the entries past it.
 *
 * All-or-nothing: any such entry refuses the whole import (`limit-reached` when
 * the limit is the only reason, else `import-rejected`), nothing written.
 * Good-only: the good entries go in, in one event that lists the rest; an import
 * with no good entry at all is refused (there is nothing to write).
 *
 * A phrase without an id gets one derived from the command and the position, so
 * the same command sent again (same command id) finds its phrases `unchanged`.
 */
import * as E from 'fp-ts/lib/Either.js';
import { stableId } from '../stableId.js';
import type { PhraseEntry } from './importEntries.js';
import { DEFAULT_GROUP_NAME, GROUP_LIMIT, phraseOf, PHRASE_LIMIT, sameName, samePhrase, type Phrase, type PhraseGroup } from './phrases.js';
import type { QuickRepliesCommandOf } from './quickRepliesCommands.js';
import type { ImportedPhrase, RejectedEntry } from './quickRepliesEvents.js';
import { refuse, type Decided } from './quickRepliesErrors.js';
import type { QuickRepliesState } from './quickRepliesState.js';

export const importedPhraseId = (commandId: string, position: number): string => stableId('phrase-', [commandId, String(position)]);
export const importedGroupId = (commandId: string, name: string): string => stableId('group-', [commandId, name.trim()]);

/** The groups as the import goes: those of the stream, then those it creates. */
const groupBook = (state: QuickRepliesState, commandId: string) => {
  const groups = [...state.groups];
  const created: PhraseGroup[] = [];
  const find = (name: string | undefined): PhraseGroup | undefined =>
    name === undefined || sameName(name, DEFAULT_GROUP_NAME) ? groups[0] : groups.find((g) => sameName(g.name, name));
  const create = (name: string): PhraseGroup | undefined => {
    if (groups.length >= GROUP_LIMIT) return undefined;
    const group = { groupId: importedGroupId(commandId, name), name: name.trim() };
    groups.push(group);
    created.push(group);
    return group;
  };
  return { find, create, created };
};

const issue = (position: number, field: string | undefined, reason: string): RejectedEntry => ({
  position,
  issues: [{ path: field === undefined ? `data.entries.${position}` : `data.entries.${position}.${field}`, reason }],
});

const OVER_PHRASE_LIMIT = `over the limit of ${PHRASE_LIMIT} phrases`;

export const decideImport = (c: QuickRepliesCommandOf<'ImportPhrases'>, s: QuickRepliesState): Decided => {
  const { scope, mode, groups: wanted, entries } = c.data;
  const book = groupBook(s, c.meta.commandId);
  for (const [i, name] of wanted.entries()) {
    if (book.find(name) === undefined && book.create(name) === undefined) {
      return refuse('quick-replies.group-limit-reached', `a scope holds at most ${GROUP_LIMIT} groups`, { limit: GROUP_LIMIT, field: `data.groups.${i}` });
    }
  }
  const phrases: ImportedPhrase[] = [];
  const unchanged: number[] = [];
  const rejected: RejectedEntry[] = [];
  let count = s.phrases.length;
  const there = new Map(s.phrases.map((p) => [p.phraseId, p]));
  const place = (position: number, entry: PhraseEntry) => {
    const phraseId = entry.phraseId ?? importedPhraseId(c.meta.commandId, position);
    const existing = there.get(phraseId);
    if (existing !== undefined) {
      const groupId = book.find(entry.group)?.groupId;
      const same = groupId !== undefined && samePhrase(existing, phraseOf({ ...entry, phraseId, groupId }));
      if (same) unchanged.push(position);
      else rejected.push(issue(position, 'phraseId', `phrase ${phraseId} exists with other fields`));
      return;
    }
    if (count >= PHRASE_LIMIT) return void rejected.push(issue(position, undefined, OVER_PHRASE_LIMIT));
    const group = book.find(entry.group) ?? (entry.group === undefined ? undefined : book.create(entry.group));
    if (group === undefined) return void rejected.push(issue(position, 'group', `over the limit of ${GROUP_LIMIT} groups`));
    const phrase: Phrase = phraseOf({ ...entry, phraseId, groupId: group.groupId });
    phrases.push({ position, phrase });
    count += 1;
  };
  for (const decoded of entries) {
    if (decoded.ok) place(decoded.position, decoded.entry);
    else rejected.push({ position: decoded.position, issues: decoded.issues });
  }
  // A group is created only with the import's list or with the phrase that goes into it.
  const nothingToWrite = phrases.length === 0 && book.created.length === 0;
  if (rejected.length > 0 && (mode === 'all-or-nothing' || nothingToWrite)) {
    const overLimitOnly = rejected.every((r) => r.issues.every((i) => i.reason === OVER_PHRASE_LIMIT));
    return refuse(
      overLimitOnly ? 'quick-replies.limit-reached' : 'quick-replies.import-rejected',
      `${rejected.length} of ${entries.length} entries cannot be imported${mode === 'good-only' ? ' and nothing else is new' : ''}; nothing was written`,
      { field: rejected[0]?.issues[0]?.path, limit: PHRASE_LIMIT, rejected },
    );
  }
  if (nothingToWrite) return E.right([]);
  return E.right([{ type: 'PhrasesImported', data: { scope, mode, groups: book.created, phrases, unchanged, rejected, at: c.meta.now } }]);
};
