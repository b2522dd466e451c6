/**
 * Quick replies Q1, Q2, Q4 through the engine: team and personal phrases, groups
 * with the default group, the limits, export and import.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { DomainError, ValidationError } from '../../../src/domain/errors.js';
import { exportPhrases, importInputOf } from '../../../src/domain/quickReplies/phraseExport.js';
import { DEFAULT_GROUP_ID, DEFAULT_GROUP_NAME, PHRASE_LIMIT } from '../../../src/domain/quickReplies/phrases.js';
import { decodeQuickReplies, encodeQuickReplies } from '../../../src/domain/quickReplies/quickRepliesState.js';
import { addPhrase, admin, agent, personal, qr, system, TEAM, withStaff } from './harness.js';

const entries = (n: number, prefix = 'e') => Array.from({ length: n }, (_, i) => ({ phraseId: `${prefix}${i}`, title: `t${i}`, content: `c${i}` }));

describe('Q1: team phrases and personal phrases', () => {
  it('Q1: an admin manages the team phrases; agents and team leads only read them', async () => {
    const h = await withStaff();
    await h.ok(addPhrase(admin, TEAM, 'p1', { title: '发货问题', keyword: '安抚', content: '亲~不好意思，这个确实会稍微晚一点，我帮您催一下吧[微笑]' }));
    expect(await h.code(addPhrase(agent('amy'), TEAM, 'p2'))).toBe('actor.not-allowed');
    expect(await h.code(addPhrase(agent('lead'), TEAM, 'p2'))).toBe('actor.not-allowed');
    expect(await h.code(qr('EditPhrase', agent('amy'), { scope: TEAM, phraseId: 'p1', title: 'mine now' }))).toBe('actor.not-allowed');
    expect((await h.state(TEAM)).phrases).toEqual([{ phraseId: 'p1', groupId: DEFAULT_GROUP_ID, title: '发货问题', keyword: '安抚', content: '亲~不好意思，这个确实会稍微晚一点，我帮您催一下吧[微笑]' }]);
  });

  it("Q1: every agent manages its own personal phrases, not another agent's", async () => {
    const h = await withStaff();
    await h.ok(addPhrase(agent('amy'), personal('amy'), 'p1'));
    await h.ok(addPhrase(agent('lead'), personal('lead'), 'p1'));
    expect(await h.code(addPhrase(agent('amy'), personal('bob'), 'p2'))).toBe('actor.not-allowed');
    expect(await h.code(qr('DeletePhrase', agent('bob'), { scope: personal('amy'), phraseId: 'p1' }))).toBe('actor.not-allowed');
    // A team lead's reach over its group's sessions does not extend to their phrases.
    expect(await h.code(qr('DeletePhrase', agent('lead'), { scope: personal('amy'), phraseId: 'p1' }))).toBe('actor.not-allowed');
    expect((await h.state(personal('amy'))).phrases.map((p) => p.phraseId)).toEqual(['p1']);
    expect((await h.state(personal('bob'))).phrases).toEqual([]);
  });

  it('Q1: a personal scope names an agent of the shop', async () => {
    const h = await withStaff();
    const error = (await h.refused(addPhrase(admin, personal('nobody'), 'p1'))) as DomainError;
    expect(error).toMatchObject({ code: 'quick-replies.agent-unknown', details: { field: 'data.scope.agentId' } });
  });

  it('Q1: a phrase has a title, an optional keyword and content; an edit changes the fields given, `keyword: null` removes it', async () => {
    const h = await withStaff();
    await h.ok(addPhrase(agent('amy'), personal('amy'), 'p1', { title: 'hello', keyword: 'hi', content: 'Hello!' }));
    const edited = await h.ok(qr('EditPhrase', agent('amy'), { scope: personal('amy'), phraseId: 'p1', content: 'Hello there!' }));
    expect(edited).toEqual([{ type: 'PhraseEdited', data: { scope: personal('amy'), phrase: { phraseId: 'p1', groupId: DEFAULT_GROUP_ID, title: 'hello', keyword: 'hi', content: 'Hello there!' }, at: expect.any(Number) } }]);
    await h.ok(qr('EditPhrase', agent('amy'), { scope: personal('amy'), phraseId: 'p1', keyword: null }));
    expect((await h.state(personal('amy'))).phrases[0]).toEqual({ phraseId: 'p1', groupId: DEFAULT_GROUP_ID, title: 'hello', content: 'Hello there!' });
    // The same values again: nothing to write.
    expect(await h.ok(qr('EditPhrase', agent('amy'), { scope: personal('amy'), phraseId: 'p1', title: 'hello' }))).toEqual([]);
  });

  it('Q1: a command sent again is a no-op; the same id with other fields is refused', async () => {
    const h = await withStaff();
    await h.ok(qr('CreatePhraseGroup', admin, { scope: TEAM, groupId: 'g-pre', name: '售前' }));
    expect(await h.ok(qr('CreatePhraseGroup', admin, { scope: TEAM, groupId: 'g-pre', name: '售前' }))).toEqual([]);
    expect(await h.code(qr('CreatePhraseGroup', admin, { scope: TEAM, groupId: 'g-pre', name: '售后' }))).toBe('quick-replies.group-exists');
    await h.ok(addPhrase(admin, TEAM, 'p1'));
    expect(await h.ok(addPhrase(admin, TEAM, 'p1'))).toEqual([]);
    expect(await h.code(addPhrase(admin, TEAM, 'p1', { title: 'other' }))).toBe('quick-replies.phrase-exists');
  });
});

describe('Q1: groups and the default group', () => {
  it('Q1: every scope has the default group, which cannot be renamed or deleted', async () => {
    const h = await withStaff();
    expect((await h.state(TEAM)).groups).toEqual([{ groupId: DEFAULT_GROUP_ID, name: DEFAULT_GROUP_NAME }]);
    expect((await h.state(personal('amy'))).groups).toEqual([{ groupId: DEFAULT_GROUP_ID, name: DEFAULT_GROUP_NAME }]);
    for (const input of [
      qr('RenamePhraseGroup', admin, { scope: TEAM, groupId: DEFAULT_GROUP_ID, name: '其他' }),
      qr('DeletePhraseGroup', admin, { scope: TEAM, groupId: DEFAULT_GROUP_ID }),
      qr('DeletePhraseGroup', agent('amy'), { scope: personal('amy'), groupId: DEFAULT_GROUP_ID }),
    ]) {
      const error = (await h.refused(input)) as DomainError;
      expect(error).toMatchObject({ code: 'quick-replies.default-group', details: { field: 'data.groupId' } });
    }
    // Nor can another group take its name, or its id.
    expect(await h.code(qr('CreatePhraseGroup', admin, { scope: TEAM, groupId: 'g2', name: DEFAULT_GROUP_NAME }))).toBe('quick-replies.group-name-taken');
    expect(await h.code(qr('CreatePhraseGroup', admin, { scope: TEAM, groupId: DEFAULT_GROUP_ID, name: '其他' }))).toBe('quick-replies.group-exists');
  });

  it("Q1: a deleted group's phrases move to the default group, in their order", async () => {
    const h = await withStaff();
    const amy = agent('amy');
    const mine = personal('amy');
    await h.ok(qr('CreatePhraseGroup', amy, { scope: mine, groupId: 'g-ship', name: '发货' }));
    await h.ok(addPhrase(amy, mine, 'p1'));
    await h.ok(addPhrase(amy, mine, 'p2', { groupId: 'g-ship' }));
    await h.ok(addPhrase(amy, mine, 'p3', { groupId: 'g-ship' }));
    const deleted = await h.ok(qr('DeletePhraseGroup', amy, { scope: mine, groupId: 'g-ship' }));
    expect(deleted).toEqual([{ type: 'PhraseGroupDeleted', data: { scope: mine, groupId: 'g-ship', moved: 2, at: expect.any(Number) } }]);
    const s = await h.state(mine);
    expect(s.groups.map((g) => g.groupId)).toEqual([DEFAULT_GROUP_ID]);
    expect(s.phrases.map((p) => [p.phraseId, p.groupId])).toEqual([
      ['p1', DEFAULT_GROUP_ID],
      ['p2', DEFAULT_GROUP_ID],
      ['p3', DEFAULT_GROUP_ID],
    ]);
    expect(await h.code(addPhrase(amy, mine, 'p4', { groupId: 'g-ship' }))).toBe('quick-replies.group-unknown');
  });

  it('Q1: group names are unique within a scope (trimmed), not across scopes; a rename keeps the id', async () => {
    const h = await withStaff();
    await h.ok(qr('CreatePhraseGroup', admin, { scope: TEAM, groupId: 'g1', name: '售前' }));
    expect(await h.code(qr('CreatePhraseGroup', admin, { scope: TEAM, groupId: 'g2', name: ' 售前 ' }))).toBe('quick-replies.group-name-taken');
    await h.ok(qr('CreatePhraseGroup', agent('amy'), { scope: personal('amy'), groupId: 'g1', name: '售前' }));
    await h.ok(qr('CreatePhraseGroup', admin, { scope: TEAM, groupId: 'g2', name: '售后' }));
    expect(await h.code(qr('RenamePhraseGroup', admin, { scope: TEAM, groupId: 'g2', name: '售前' }))).toBe('quick-replies.group-name-taken');
    await h.ok(qr('RenamePhraseGroup', admin, { scope: TEAM, groupId: 'g2', name: '售后服务' }));
    expect((await h.state(TEAM)).groups.map((g) => `${g.groupId}=${g.name}`)).toEqual([`${DEFAULT_GROUP_ID}=${DEFAULT_GROUP_NAME}`, 'g1=售前', 'g2=售后服务']);
  });

  it('Q1: a phrase moves into another group, before a phrase of it or at its end (the manual: 排序)', async () => {
    const h = await withStaff();
    await h.ok(qr('CreatePhraseGroup', admin, { scope: TEAM, groupId: 'g1', name: '售前' }));
    for (const id of ['a', 'b', 'c']) await h.ok(addPhrase(admin, TEAM, id, { groupId: 'g1' }));
    await h.ok(addPhrase(admin, TEAM, 'd'));
    await h.ok(qr('MovePhrase', admin, { scope: TEAM, phraseId: 'c', groupId: 'g1', beforePhraseId: 'a' }));
    await h.ok(qr('MovePhrase', admin, { scope: TEAM, phraseId: 'd', groupId: 'g1', beforePhraseId: 'b' }));
    const order = async () => (await h.state(TEAM)).phrases.filter((p) => p.groupId === 'g1').map((p) => p.phraseId);
    expect(await order()).toEqual(['c', 'a', 'd', 'b']);
    // Already there: nothing to write. Before itself, or before a phrase of another group: refused.
    expect(await h.ok(qr('MovePhrase', admin, { scope: TEAM, phraseId: 'c', groupId: 'g1', beforePhraseId: 'a' }))).toEqual([]);
    expect(await h.code(qr('MovePhrase', admin, { scope: TEAM, phraseId: 'a', groupId: 'g1', beforePhraseId: 'a' }))).toBe('quick-replies.not-in-group');
    await h.ok(qr('MovePhrase', admin, { scope: TEAM, phraseId: 'b', groupId: DEFAULT_GROUP_ID }));
    expect(await h.code(qr('MovePhrase', admin, { scope: TEAM, phraseId: 'a', groupId: 'g1', beforePhraseId: 'b' }))).toBe('quick-replies.not-in-group');
    await h.ok(qr('MovePhrase', admin, { scope: TEAM, phraseId: 'c', groupId: 'g1' }));
    expect(await order()).toEqual(['a', 'd', 'c']);
  });
});

describe('Q2: at most 1000 team phrases, and 1000 personal phrases per agent', () => {
  it('Q2: the 1001st team phrase is refused, nothing written; after a deletion there is room again', async () => {
    const h = await withStaff();
    for (let i = 0; i < PHRASE_LIMIT; i++) await h.ok(addPhrase(admin, TEAM, `p${i}`));
    const error = (await h.refused(addPhrase(admin, TEAM, 'one-too-many'))) as DomainError;
    expect(error).toMatchObject({ _tag: 'DomainError', code: 'quick-replies.limit-reached', details: { limit: 1000 } });
    expect((await h.state(TEAM)).phrases).toHaveLength(PHRASE_LIMIT);
    // The team's limit is not an agent's: amy still adds her own.
    await h.ok(addPhrase(agent('amy'), personal('amy'), 'mine'));
    await h.ok(qr('DeletePhrase', admin, { scope: TEAM, phraseId: 'p0' }));
    await h.ok(addPhrase(admin, TEAM, 'one-too-many'));
  });

  it("Q2: each agent's personal phrases stop at 1000, whoever's phrases fill up first", async () => {
    const h = await withStaff();
    await h.ok(qr('ImportPhrases', agent('amy'), { scope: personal('amy'), entries: entries(PHRASE_LIMIT) }));
    expect(await h.code(addPhrase(agent('amy'), personal('amy'), 'x'))).toBe('quick-replies.limit-reached');
    await h.ok(addPhrase(agent('bob'), personal('bob'), 'x'));
  });

  it('Q2: an import over the limit is refused as a whole; in good-only mode the entries past the limit are reported by position', async () => {
    const h = await withStaff();
    await h.ok(qr('ImportPhrases', admin, { scope: TEAM, entries: entries(998, 'old') }));
    const error = (await h.refused(qr('ImportPhrases', admin, { scope: TEAM, entries: entries(4) }))) as DomainError;
    expect(error.code).toBe('quick-replies.limit-reached');
    expect(error.details?.['rejected']).toEqual([
      { position: 2, issues: [{ path: 'data.entries.2', reason: 'over the limit of 1000 phrases' }] },
      { position: 3, issues: [{ path: 'data.entries.3', reason: 'over the limit of 1000 phrases' }] },
    ]);
    const [imported] = await h.ok(qr('ImportPhrases', admin, { scope: TEAM, entries: entries(4), mode: 'good-only' }));
    expect(imported?.data['phrases']).toHaveLength(2);
    expect((imported?.data['rejected'] as { position: number }[]).map((r) => r.position)).toEqual([2, 3]);
    expect((await h.state(TEAM)).phrases).toHaveLength(PHRASE_LIMIT);
  });
});

describe('Q4: export and import', () => {
  it('Q4: an export imported into another scope gives the same phrases, groups and order (a round trip)', async () => {
    const h = await withStaff();
    await h.ok(qr('CreatePhraseGroup', admin, { scope: TEAM, groupId: 'g-pre', name: '售前' }));
    await h.ok(qr('CreatePhraseGroup', admin, { scope: TEAM, groupId: 'g-empty', name: '空' }));
    await h.ok(addPhrase(admin, TEAM, 'p1', { groupId: 'g-pre', keyword: '安抚' }));
    await h.ok(addPhrase(admin, TEAM, 'p2'));
    await h.ok(addPhrase(admin, TEAM, 'p3', { groupId: 'g-pre' }));
    const document = exportPhrases(await h.state(TEAM));
    expect(document).toEqual({
      format: 'kefu.quick-replies',
      version: 1,
      groups: ['售前', '空'],
      phrases: [
        { phraseId: 'p1', group: '售前', title: 'title p1', keyword: '安抚', content: 'content of p1' },
        { phraseId: 'p2', title: 'title p2', content: 'content of p2' },
        { phraseId: 'p3', group: '售前', title: 'title p3', content: 'content of p3' },
      ],
    });
    // Through JSON, as a file would carry it, into amy's own phrases.
    const data = importInputOf(JSON.parse(JSON.stringify(document)), personal('amy'));
    if (E.isLeft(data)) throw new Error(JSON.stringify(data.left));
    await h.ok(qr('ImportPhrases', agent('amy'), data.right));
    expect(exportPhrases(await h.state(personal('amy')))).toEqual(document);
    // Imported again: every phrase is there as it is, nothing to write.
    expect(await h.ok(qr('ImportPhrases', agent('amy'), data.right))).toEqual([]);
  });

  it('Q4: an import checks every entry, reports each bad one by position and field, and writes nothing', async () => {
    const h = await withStaff();
    const bad = [
      { title: 'ok', content: 'fine' },
      { title: '', content: 'no title' },
      { title: 'ok too', content: 'fine' },
      { title: 'long', content: 'x'.repeat(501), keyword: 'k'.repeat(21) },
      'not an entry',
      { title: 'dup', content: 'a', phraseId: 'same' },
      { title: 'dup', content: 'b', phraseId: 'same', colour: 'red' },
    ];
    const error = (await h.refused(qr('ImportPhrases', admin, { scope: TEAM, entries: bad }))) as ValidationError;
    expect(error._tag).toBe('ValidationError');
    expect(error.issues.map((i) => i.path)).toEqual(['data.entries.1.title', 'data.entries.3.content', 'data.entries.3.keyword', 'data.entries.4', 'data.entries.6.colour']);
    expect(error.issues.every((i) => i.reason.length > 0)).toBe(true);
    // The duplicate id is reported too once the entry is otherwise well formed.
    const dup = (await h.refused(qr('ImportPhrases', admin, { scope: TEAM, entries: [bad[5], { title: 'dup', content: 'b', phraseId: 'same' }] }))) as ValidationError;
    expect(dup.issues).toEqual([{ path: 'data.entries.1.phraseId', reason: 'repeats the phrase id of entry 0' }]);
  });

  it('Q4: with mode good-only, the good entries are written and the bad ones reported in the event', async () => {
    const h = await withStaff();
    await h.ok(addPhrase(admin, TEAM, 'taken'));
    const events = await h.ok(
      qr('ImportPhrases', admin, {
        scope: TEAM,
        mode: 'good-only',
        entries: [{ title: 'a', content: 'A', group: '售前' }, { title: '' }, { phraseId: 'taken', title: 'b', content: 'B' }, { phraseId: 'new', title: 'c', content: 'C' }],
      }),
    );
    expect(events).toHaveLength(1);
    const data = events[0]!.data as { phrases: { position: number; phrase: { phraseId: string; groupId: string } }[]; rejected: unknown; groups: { name: string }[] };
    expect(data.phrases.map((p) => p.position)).toEqual([0, 3]);
    expect(data.groups.map((g) => g.name)).toEqual(['售前']);
    expect(data.rejected).toEqual([
      { position: 1, issues: [{ path: 'data.entries.1.title', reason: 'must not be empty' }, { path: 'data.entries.1.content', reason: expect.any(String) }] },
      { position: 2, issues: [{ path: 'data.entries.2.phraseId', reason: 'phrase taken exists with other fields' }] },
    ]);
    const s = await h.state(TEAM);
    expect(s.phrases.map((p) => p.title)).toEqual(['title taken', 'a', 'c']);
    expect(s.groups.map((g) => g.name)).toEqual([DEFAULT_GROUP_NAME, '售前']);
    // A phrase without an id got one derived from the command.
    expect(data.phrases[0]!.phrase.phraseId).toMatch(/^phrase-[0-9a-f]{32}$/);
  });

  it('Q4: all-or-nothing refuses an import that conflicts with the stream, naming every entry; good-only with nothing good is refused too', async () => {
    const h = await withStaff();
    await h.ok(addPhrase(admin, TEAM, 'taken'));
    const conflicting = [{ phraseId: 'taken', title: 'b', content: 'B' }, { title: 'ok', content: 'fine' }];
    const error = (await h.refused(qr('ImportPhrases', admin, { scope: TEAM, entries: conflicting }))) as DomainError;
    expect(error).toMatchObject({ code: 'quick-replies.import-rejected', details: { field: 'data.entries.0.phraseId' } });
    const none = (await h.refused(qr('ImportPhrases', admin, { scope: TEAM, mode: 'good-only', entries: [conflicting[0], { title: 1 }] }))) as DomainError;
    expect(none.code).toBe('quick-replies.import-rejected');
    expect((none.details?.['rejected'] as { position: number }[]).map((r) => r.position)).toEqual([0, 1]);
  });

  it('Q4: a document of another format or a later version is refused, naming the field', () => {
    const bad = importInputOf({ format: 'kefu.quick-replies', version: 2, groups: [], phrases: [] }, TEAM);
    expect(E.isLeft(bad) && bad.left.issues.map((i) => i.path)).toEqual(['version']);
    const other = importInputOf({ format: 'csv', version: 1, groups: [], phrases: {} }, TEAM);
    expect(E.isLeft(other) && other.left.issues.map((i) => i.path)).toEqual(['format', 'phrases']);
  });

  it('Q4: the system (a trusted backend) may import for anyone', async () => {
    const h = await withStaff();
    await h.ok(qr('ImportPhrases', system, { scope: personal('bob'), entries: entries(3) }));
    expect((await h.state(personal('bob'))).phrases).toHaveLength(3);
  });
});

describe('the snapshot of a scope', () => {
  it('encodes and decodes back to the same state; a snapshot without the default group first is refused', async () => {
    const h = await withStaff();
    await h.ok(qr('CreatePhraseGroup', admin, { scope: TEAM, groupId: 'g-pre', name: '售前' }));
    await h.ok(addPhrase(admin, TEAM, 'p1', { groupId: 'g-pre', keyword: 'k' }));
    await h.ok(addPhrase(admin, TEAM, 'p2'));
    const s = await h.state(TEAM);
    expect(decodeQuickReplies(JSON.parse(JSON.stringify(encodeQuickReplies(s))))).toEqual(E.right(s));
    const bad = decodeQuickReplies({ groups: [{ groupId: 'g-pre', name: '售前' }], phrases: [] });
    expect(E.isLeft(bad) && bad.left.issues.map((i) => i.path)).toEqual(['groups.0']);
    expect(E.isLeft(decodeQuickReplies({ groups: [], phrases: [{ phraseId: 'p', title: '' }] }))).toBe(true);
  });
});
