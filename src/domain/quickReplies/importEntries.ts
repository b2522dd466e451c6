/**
 * Q4: decoding an import's entries one by one, so that every bad entry is
 * reported by its position and field, not only the first.
 *
 * An entry is what an export writes for a phrase (phraseExport.ts): its title,
 * content, optional keyword, optional phrase id (kept across an export and an
 * import; derived from the command when absent) and the name of its group
 * (absent: the default group). Groups go by name, not id, because an export is
 * meant to be handed to other agents ("分发给其他小二导入"), whose groups have
 * ids of their own.
 *
 * In `all-or-nothing` mode (the default) one bad entry makes the whole command a
 * ValidationError naming `data.entries.<i>.<field>` for every bad entry: nothing
 * is decided, nothing written. In `good-only` mode the command decodes, carrying
 * each bad entry's issues, and the decider writes the good ones and reports the
 * rest in the event. What depends on the stream (an id already taken, the limit)
 * is the decider's (importDecide.ts).
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { ValidationIssue } from '../errors.js';
import { decodeWith, describedAs, oneOf, struct } from '../validation.js';
import { contentCodec, GROUP_LIMIT, groupNameCodec, keywordCodec, phraseIdCodec, PHRASE_LIMIT, scopeCodec, titleCodec, type PhraseScope } from './phrases.js';

export const IMPORT_MODES = ['all-or-nothing', 'good-only'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** Entries per import: twice the limit, so a good-only import of a file with many bad entries still fits. */
export const IMPORT_MAX_ENTRIES = 2 * PHRASE_LIMIT;

export interface PhraseEntry {
  readonly phraseId?: string;
  /** The group's name; absent (or the default group's name): the default group. */
  readonly group?: string;
  readonly title: string;
  readonly keyword?: string;
  readonly content: string;
}

export const phraseEntryCodec = struct('PhraseEntry', { title: titleCodec, content: contentCodec }, { phraseId: phraseIdCodec, group: groupNameCodec, keyword: keywordCodec });

/** An entry as decoded: good, or bad with the reasons (paths from `data`, e.g. `data.entries.3.title`). */
export type DecodedEntry =
  | { readonly position: number; readonly ok: true; readonly entry: PhraseEntry }
  | { readonly position: number; readonly ok: false; readonly issues: readonly ValidationIssue[] };

export interface ImportPhrasesData {
  readonly scope: PhraseScope;
  readonly mode: ImportMode;
  /** Groups to have besides those the entries name (an export lists its empty groups too). */
  readonly groups: readonly string[];
  readonly entries: readonly DecodedEntry[];
}

/** An array of at most `max` items of `codec`. */
export const boundedArray = <A>(codec: t.Type<A, unknown, unknown>, max: number, name: string) => {
  const base = t.readonlyArray(codec);
  return describedAs(
    new t.Type<readonly A[], unknown, unknown>(
      name,
      (u): u is readonly A[] => base.is(u) && u.length <= max,
      (u, c) => (Array.isArray(u) && u.length > max ? t.failure(u, c, `must hold at most ${max} items, got ${u.length}`) : base.validate(u, c)),
      t.identity,
    ),
    `a list of at most ${max} items`,
  );
};

const outerCodec = struct(
  'ImportPhrases',
  { scope: scopeCodec, entries: boundedArray(t.unknown, IMPORT_MAX_ENTRIES, 'ImportEntries') },
  { mode: oneOf('ImportMode', IMPORT_MODES), groups: boundedArray(groupNameCodec, GROUP_LIMIT, 'ImportGroups') },
);

const decodeEntry = decodeWith(phraseEntryCodec, 'import entry');

const prefixed = (position: number, issues: readonly ValidationIssue[]): readonly ValidationIssue[] =>
  issues.map((i) => ({ path: i.path === '' ? `data.entries.${position}` : `data.entries.${position}.${i.path}`, reason: i.reason }));

/** Every entry decoded on its own; a phrase id repeated within the import is bad from its second entry on. */
export const decodeEntries = (raw: readonly unknown[]): readonly DecodedEntry[] => {
  const firstWithId = new Map<string, number>();
  return raw.map((value, position): DecodedEntry => {
    const decoded = decodeEntry(value);
    if (E.isLeft(decoded)) return { position, ok: false, issues: prefixed(position, decoded.left.issues) };
    const entry = decoded.right;
    if (entry.phraseId !== undefined) {
      const first = firstWithId.get(entry.phraseId);
      if (first !== undefined) return { position, ok: false, issues: prefixed(position, [{ path: 'phraseId', reason: `repeats the phrase id of entry ${first}` }]) };
      firstWithId.set(entry.phraseId, position);
    }
    return { position, ok: true, entry };
  });
};

const repeatedGroups = (groups: readonly string[]): readonly ValidationIssue[] =>
  groups.flatMap((name, i) => {
    const first = groups.findIndex((other) => other.trim() === name.trim());
    return first < i ? [{ path: `groups.${i}`, reason: `repeats group ${first}` }] : [];
  });

/** An io-ts error whose path is `path` (dot-separated, from `data`) under the context `c`. */
const errorAt = (c: t.Context, path: string, reason: string, value: unknown): t.ValidationError => ({
  value,
  context: [...c, ...path.split('.').map((key) => ({ key, type: t.unknown, actual: undefined }))],
  message: reason,
});

const withoutData = (path: string) => (path.startsWith('data.') ? path.slice('data.'.length) : path);

export const importPhrasesCodec = new t.Type<ImportPhrasesData, unknown, unknown>(
  'ImportPhrases',
  // Decoded entries carry their positions and verdicts: no raw input is one already, so always decode.
  (_u): _u is ImportPhrasesData => false,
  (u, c) => {
    const outer = outerCodec.validate(u, c);
    if (E.isLeft(outer)) return outer;
    const { scope, entries: raw, mode = 'all-or-nothing', groups = [] } = outer.right;
    const groupIssues = repeatedGroups(groups);
    if (groupIssues.length > 0) return t.failures(groupIssues.map((i) => errorAt(c, i.path, i.reason, undefined)));
    const entries = decodeEntries(raw);
    if (mode === 'all-or-nothing') {
      const bad = entries.flatMap((e) => (e.ok ? [] : e.issues.map((i) => errorAt(c, withoutData(i.path), i.reason, raw[e.position]))));
      if (bad.length > 0) return t.failures(bad);
    }
    return t.success({ scope, mode, groups, entries });
  },
  t.identity,
);
