/**
 * Q4: the export document of one scope's phrases, and the ImportPhrases input
 * read back from one ("批量导出：将配置好的常用语导出，可用于备份或分发给其他小二导入").
 *
 * The document is plain JSON, versioned so that a later kefu can still read it:
 *
 *   { "format": "kefu.quick-replies", "version": 1,
 *     "groups": ["售前", ...],                      // every group but the default, in order
 *     "phrases": [{ "phraseId": "p1", "group": "售前", "title": "发货问题",
 *                   "keyword": "安抚", "content": "亲~..." }, ...] }   // in order
 *
 * A phrase of the default group has no `group`; a phrase without a keyword no
 * `keyword`. Groups go by name, so the document can be imported into another
 * agent's phrases or the team's. Each phrase is exactly an import entry
 * (importEntries.ts): `phrases[i]` is checked as `data.entries.i`.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { ValidationError } from '../errors.js';
import { decodeWith, intInRange, struct } from '../validation.js';
import { DEFAULT_GROUP_ID, type PhraseScope } from './phrases.js';
import type { ImportMode, PhraseEntry } from './importEntries.js';
import type { QuickRepliesState } from './quickRepliesState.js';

export const EXPORT_FORMAT = 'kefu.quick-replies';
export const EXPORT_VERSION = 1;

export interface PhraseExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: number;
  readonly groups: readonly string[];
  readonly phrases: readonly PhraseEntry[];
}

/** What `engine.dispatch` takes as the data of ImportPhrases. */
export interface ImportPhrasesInput {
  readonly scope: PhraseScope;
  readonly mode: ImportMode;
  readonly groups: readonly unknown[];
  readonly entries: readonly unknown[];
}

/** A pure function of the stream's state: the same phrases give the same document. */
export const exportPhrases = (state: QuickRepliesState): PhraseExport => {
  const names = new Map(state.groups.map((g) => [g.groupId, g.name]));
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    groups: state.groups.filter((g) => g.groupId !== DEFAULT_GROUP_ID).map((g) => g.name),
    phrases: state.phrases.map((p) => {
      const group = p.groupId === DEFAULT_GROUP_ID ? undefined : names.get(p.groupId);
      return {
        phraseId: p.phraseId,
        ...(group === undefined ? {} : { group }),
        title: p.title,
        ...(p.keyword === undefined ? {} : { keyword: p.keyword }),
        content: p.content,
      };
    }),
  };
};

// Only the envelope is checked here; the groups and phrases are the command's to check, one by one.
const documentCodec = struct('PhraseExport', {
  format: t.literal(EXPORT_FORMAT),
  version: intInRange(1, EXPORT_VERSION),
  groups: t.readonlyArray(t.unknown),
  phrases: t.readonlyArray(t.unknown),
});
const decodeDocument = decodeWith(documentCodec, 'quick-replies export');

/** The ImportPhrases data for a document, into `scope`; a document of another format or a later version is refused, naming the field. */
export const importInputOf = (document: unknown, scope: PhraseScope, mode: ImportMode = 'all-or-nothing'): E.Either<ValidationError, ImportPhrasesInput> =>
  E.map((d: t.TypeOf<typeof documentCodec>): ImportPhrasesInput => ({ scope, mode, groups: d.groups, entries: d.phrases }))(decodeDocument(document));
