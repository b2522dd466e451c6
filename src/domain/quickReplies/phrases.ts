/**
 * Q1/Q2: what a quick-reply phrase is, where it lives and how big it may be.
 *
 * A phrase belongs to the team (the shop's team phrases, which admins manage) or
 * to one agent (personal phrases, which their owner manages): its `scope`. Each
 * scope has its own stream, its own groups and its own limit (1000 phrases: the
 * manual's "团队快捷最多支持 1000 条；每个人的个人快捷短语最多 1000 条").
 *
 * Field limits: the manual shows the content box counting down from 500 ("还可以
 * 输入471字" after a 29-character text), so content is at most 500 characters.
 * It gives none for the title, the keyword or a group's name; the limits below are
 * readings (short labels that fit a list row), written down in the README.
 */
import * as t from 'io-ts';
import { agentIdCodec } from '../ids.js';
import { identifier, nonEmptyString, struct } from '../validation.js';
import { taggedUnion } from '../conversation/messages.js';

/** Q2: phrases per scope (the team's; each agent's). */
export const PHRASE_LIMIT = 1000;
/** Groups per scope, the default group included (a reading: the manual gives no number). */
export const GROUP_LIMIT = 100;
export const TITLE_MAX_CHARS = 50;
export const KEYWORD_MAX_CHARS = 20;
/** The manual's content box: 500 characters. */
export const CONTENT_MAX_CHARS = 500;
export const GROUP_NAME_MAX_CHARS = 20;

/** Q1: the group the system creates in every scope; it cannot be renamed or deleted ([默认分组]). */
export const DEFAULT_GROUP_ID = 'default';
export const DEFAULT_GROUP_NAME = '默认分组';

export type PhraseScope = { readonly kind: 'team' } | { readonly kind: 'personal'; readonly agentId: string };

export interface PhraseGroup {
  readonly groupId: string;
  readonly name: string;
}

export interface Phrase {
  readonly phraseId: string;
  readonly groupId: string;
  readonly title: string;
  /** Shown to the agent to find the phrase (and matched by input suggestions); never sent to the customer. */
  readonly keyword?: string;
  readonly content: string;
}

/** The same id shape as a message's quick-reply content (conversation/messages.ts), so a use names its phrase. */
export const phraseIdCodec = identifier('phrase id');
export const phraseGroupIdCodec = identifier('phrase group id');
export const titleCodec = nonEmptyString(TITLE_MAX_CHARS);
export const keywordCodec = nonEmptyString(KEYWORD_MAX_CHARS);
export const contentCodec = nonEmptyString(CONTENT_MAX_CHARS);
export const groupNameCodec = nonEmptyString(GROUP_NAME_MAX_CHARS);

export const scopeCodec = taggedUnion<PhraseScope>('PhraseScope', {
  team: struct('TeamScope', { kind: t.literal('team') }),
  personal: struct('PersonalScope', { kind: t.literal('personal'), agentId: agentIdCodec }),
});

export const phraseGroupCodec = struct('PhraseGroup', { groupId: phraseGroupIdCodec, name: groupNameCodec });

export const phraseCodec = struct(
  'Phrase',
  { phraseId: phraseIdCodec, groupId: phraseGroupIdCodec, title: titleCodec, content: contentCodec },
  { keyword: keywordCodec },
);

/** How a scope is named in messages and ids: `team`, or `agent:<agentId>`. */
export const scopeKey = (scope: PhraseScope): string => (scope.kind === 'team' ? 'team' : `agent:${scope.agentId}`);

/** Group names are compared as the agent reads them: without surrounding blanks. */
export const sameName = (a: string, b: string): boolean => a.trim() === b.trim();

/** The phrase with `keyword` absent when empty, so a phrase has one written form. */
export const phraseOf = (fields: { readonly phraseId: string; readonly groupId: string; readonly title: string; readonly keyword?: string | undefined; readonly content: string }): Phrase => ({
  phraseId: fields.phraseId,
  groupId: fields.groupId,
  title: fields.title,
  ...(fields.keyword === undefined ? {} : { keyword: fields.keyword }),
  content: fields.content,
});

export const samePhrase = (a: Phrase, b: Phrase): boolean =>
  a.phraseId === b.phraseId && a.groupId === b.groupId && a.title === b.title && a.keyword === b.keyword && a.content === b.content;
