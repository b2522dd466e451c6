/**
 * Bad input for every quick-replies command (DESIGN 4): a ValidationError naming
 * the field and the reason, and nothing written anywhere (the harness's `refused`
 * compares the whole log before and after). Then the refusals that depend on the
 * stream, each naming its field, and the catalogue of codes.
 */
import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../../src/domain/errors.js';
import { QUICK_REPLIES_ERROR_CODES } from '../../../src/domain/quickReplies/quickRepliesErrors.js';
import { addPhrase, admin, qr, TEAM, withStaff } from './harness.js';
import { expectValidationErrorAt } from '../../support/validationError.js';

const team = { kind: 'team' };
const long = (n: number) => 'x'.repeat(n);

const CASES: Readonly<Record<string, readonly (readonly [string, unknown])[]>> = {
  CreatePhraseGroup: [
    ['data.scope', { groupId: 'g', name: 'n' }],
    ['data.scope.kind', { scope: { kind: 'shop' }, groupId: 'g', name: 'n' }],
    ['data.scope.agentId', { scope: { kind: 'personal' }, groupId: 'g', name: 'n' }],
    ['data.scope.agentId', { scope: { kind: 'personal', agentId: 'has space' }, groupId: 'g', name: 'n' }],
    ['data.groupId', { scope: team, groupId: '', name: 'n' }],
    ['data.name', { scope: team, groupId: 'g', name: '  ' }],
    ['data.name', { scope: team, groupId: 'g', name: long(21) }],
    ['data.colour', { scope: team, groupId: 'g', name: 'n', colour: 'red' }],
  ],
  RenamePhraseGroup: [
    ['data.groupId', { scope: team, name: 'n' }],
    ['data.name', { scope: team, groupId: 'g', name: 7 }],
  ],
  DeletePhraseGroup: [
    ['data.groupId', { scope: team, groupId: '-bad' }],
    ['data.scope', { scope: 'team', groupId: 'g' }],
  ],
  AddPhrase: [
    ['data.phraseId', { scope: team, title: 't', content: 'c' }],
    ['data.title', { scope: team, phraseId: 'p', title: '', content: 'c' }],
    ['data.title', { scope: team, phraseId: 'p', title: long(51), content: 'c' }],
    ['data.keyword', { scope: team, phraseId: 'p', title: 't', keyword: long(21), content: 'c' }],
    ['data.content', { scope: team, phraseId: 'p', title: 't' }],
    ['data.content', { scope: team, phraseId: 'p', title: 't', content: long(501) }],
    ['data.groupId', { scope: team, phraseId: 'p', title: 't', content: 'c', groupId: 3 }],
  ],
  EditPhrase: [
    ['data.phraseId', { scope: team, title: 't' }],
    ['data.title', { scope: team, phraseId: 'p', title: null }],
    ['data.keyword', { scope: team, phraseId: 'p', keyword: '' }],
    ['data.content', { scope: team, phraseId: 'p', content: long(501) }],
  ],
  MovePhrase: [
    ['data.groupId', { scope: team, phraseId: 'p' }],
    ['data.beforePhraseId', { scope: team, phraseId: 'p', groupId: 'g', beforePhraseId: '' }],
  ],
  DeletePhrase: [
    ['data.phraseId', { scope: team, phraseId: 'x'.repeat(129) }],
    ['data.scope', { phraseId: 'p' }],
  ],
  ImportPhrases: [
    ['data.entries', { scope: team }],
    ['data.entries', { scope: team, entries: 'all of them' }],
    ['data.entries', { scope: team, entries: Array.from({ length: 2001 }, () => ({ title: 't', content: 'c' })) }],
    ['data.mode', { scope: team, entries: [], mode: 'some' }],
    ['data.groups.0', { scope: team, entries: [], groups: [''] }],
    ['data.groups.1', { scope: team, entries: [], groups: ['a', ' a'] }],
    ['data.entries.0.title', { scope: team, entries: [{ title: long(51), content: 'c' }] }],
    ['data.entries.1.group', { scope: team, entries: [{ title: 't', content: 'c' }, { title: 't', content: 'c', group: long(21) }] }],
  ],
};

describe.each(Object.keys(CASES))('%s: bad input is a typed error naming the field, nothing written', (type) => {
  it.each(CASES[type]!)('%s: %j', async (path, data) => {
    const h = await withStaff();
    await h.ok(addPhrase(admin, TEAM, 'p'));
    expectValidationErrorAt(await h.refused(qr(type, admin, data)), path);
  });
});

describe('refusals that depend on the stream name their field, nothing written', () => {
  it.each([
    ['RenamePhraseGroup', { scope: team, groupId: 'nope', name: 'n' }, 'quick-replies.group-unknown', 'data.groupId'],
    ['DeletePhraseGroup', { scope: team, groupId: 'nope' }, 'quick-replies.group-unknown', 'data.groupId'],
    ['AddPhrase', { scope: team, phraseId: 'p2', title: 't', content: 'c', groupId: 'nope' }, 'quick-replies.group-unknown', 'data.groupId'],
    ['EditPhrase', { scope: team, phraseId: 'nope', title: 't' }, 'quick-replies.phrase-unknown', 'data.phraseId'],
    ['MovePhrase', { scope: team, phraseId: 'nope', groupId: 'default' }, 'quick-replies.phrase-unknown', 'data.phraseId'],
    ['MovePhrase', { scope: team, phraseId: 'p', groupId: 'nope' }, 'quick-replies.group-unknown', 'data.groupId'],
    ['MovePhrase', { scope: team, phraseId: 'p', groupId: 'default', beforePhraseId: 'nope' }, 'quick-replies.phrase-unknown', 'data.beforePhraseId'],
    ['DeletePhrase', { scope: team, phraseId: 'nope' }, 'quick-replies.phrase-unknown', 'data.phraseId'],
    ['ImportPhrases', { scope: team, entries: [{ phraseId: 'p', title: 'other', content: 'c' }] }, 'quick-replies.import-rejected', 'data.entries.0.phraseId'],
  ])('%s %j: %s at %s', async (type, data, code, field) => {
    const h = await withStaff();
    await h.ok(addPhrase(admin, TEAM, 'p'));
    const error = (await h.refused(qr(type, admin, data))) as DomainError;
    expect(error).toMatchObject({ _tag: 'DomainError', code, details: { field } });
  });

  it('the group limit (100, the default group included) holds for CreatePhraseGroup and for an import', async () => {
    const h = await withStaff();
    for (let i = 1; i < 100; i++) await h.ok(qr('CreatePhraseGroup', admin, { scope: TEAM, groupId: `g${i}`, name: `group ${i}` }));
    expect(await h.code(qr('CreatePhraseGroup', admin, { scope: TEAM, groupId: 'g100', name: 'group 100' }))).toBe('quick-replies.group-limit-reached');
    expect(await h.code(qr('ImportPhrases', admin, { scope: TEAM, entries: [], groups: ['one more'] }))).toBe('quick-replies.group-limit-reached');
    const error = (await h.refused(qr('ImportPhrases', admin, { scope: TEAM, entries: [{ title: 't', content: 'c', group: 'one more' }] }))) as DomainError;
    expect(error).toMatchObject({ code: 'quick-replies.import-rejected', details: { field: 'data.entries.0.group' } });
  });

  it('every error code is in the catalogue', () => {
    expect([...QUICK_REPLIES_ERROR_CODES].sort()).toEqual([
      'actor.missing-permission',
      'actor.not-allowed',
      'actor.unknown',
      'quick-replies.agent-unknown',
      'quick-replies.default-group',
      'quick-replies.group-exists',
      'quick-replies.group-limit-reached',
      'quick-replies.group-name-taken',
      'quick-replies.group-unknown',
      'quick-replies.import-rejected',
      'quick-replies.limit-reached',
      'quick-replies.not-in-group',
      'quick-replies.phrase-exists',
      'quick-replies.phrase-unknown',
    ]);
  });
});
