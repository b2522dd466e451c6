/**
 * Q1 / P1: the permission table of quick replies, every command x every actor,
 * with the shared kit (test/support/permissionTable.ts).
 *
 * Twice: on personal phrases (the scope of the case's owner), where the declared
 * table applies as it stands; and on team phrases, which are nobody's own, so the
 * table read for them is the declared one with team leads' and agents' reach at
 * `none` (admins manage team phrases, everyone else only reads them).
 */
import { describe, expect, it } from 'vitest';
import { accessModule } from '../../../src/domain/access/accessModule.js';
import type { PolicyTable } from '../../../src/domain/permissions/policy.js';
import type { PhraseScope } from '../../../src/domain/quickReplies/phrases.js';
import type { QuickRepliesCommandType } from '../../../src/domain/quickReplies/quickRepliesCommands.js';
import { quickRepliesModule } from '../../../src/domain/quickReplies/quickRepliesModule.js';
import { quickRepliesPolicy } from '../../../src/domain/quickReplies/quickRepliesPolicy.js';
import { permissionTableSuite, type CaseContext, type PermissionFixture } from '../../support/permissionTable.js';

const system = { kind: 'system' } as const;

const fixtures = (scopeOf: (c: CaseContext) => PhraseScope): { readonly [K in QuickRepliesCommandType]: PermissionFixture } => {
  const input = (c: CaseContext, type: string, data: Record<string, unknown>, actor: CaseContext['actor'] = c.actor) => ({ type, shopId: c.shopId, actor, data: { scope: scopeOf(c), ...data } });
  const group = (c: CaseContext) => [input(c, 'CreatePhraseGroup', { groupId: 'g-pre', name: '售前' }, system)];
  const phrase = (c: CaseContext) => [...group(c), input(c, 'AddPhrase', { phraseId: 'p1', title: 'hello', content: 'Hello!' }, system)];
  return {
    CreatePhraseGroup: { command: (c) => input(c, 'CreatePhraseGroup', { groupId: 'g-new', name: '新' }) },
    RenamePhraseGroup: { setup: group, command: (c) => input(c, 'RenamePhraseGroup', { groupId: 'g-pre', name: '售前咨询' }) },
    DeletePhraseGroup: { setup: group, command: (c) => input(c, 'DeletePhraseGroup', { groupId: 'g-pre' }) },
    AddPhrase: { command: (c) => input(c, 'AddPhrase', { phraseId: 'p2', title: 'bye', content: 'Bye!' }) },
    EditPhrase: { setup: phrase, command: (c) => input(c, 'EditPhrase', { phraseId: 'p1', content: 'Hello there!' }) },
    MovePhrase: { setup: phrase, command: (c) => input(c, 'MovePhrase', { phraseId: 'p1', groupId: 'g-pre' }) },
    DeletePhrase: { setup: phrase, command: (c) => input(c, 'DeletePhrase', { phraseId: 'p1' }) },
    ImportPhrases: { command: (c) => input(c, 'ImportPhrases', { entries: [{ title: 'hello', content: 'Hello!' }] }) },
  };
};

const modules = [quickRepliesModule, accessModule];

permissionTableSuite('quick replies, personal phrases', {
  modules,
  table: quickRepliesPolicy,
  fixtures: fixtures((c) => ({ kind: 'personal', agentId: c.owner })),
});

/** Team phrases as the declared rules work out for them: nobody's own, so only an admin's `all` reaches. */
const teamTable = Object.fromEntries(
  Object.entries(quickRepliesPolicy).map(([type, rule]) => [type, { ...rule, 'team-lead': 'none', agent: 'none' }]),
) as unknown as PolicyTable<QuickRepliesCommandType>;

permissionTableSuite('quick replies, team phrases', {
  modules,
  table: teamTable,
  fixtures: fixtures(() => ({ kind: 'team' })),
});

describe('quick replies: the declared table', () => {
  it('Q1: one rule for every command: admins everything, team leads and agents their own, with the customer-service permission; customers never', () => {
    for (const rule of Object.values(quickRepliesPolicy)) {
      expect(rule).toMatchObject({ needs: 'customer-service', admin: 'all', 'team-lead': 'own', agent: 'own', customer: 'none' });
      expect(rule.systemOnly).toBeUndefined();
    }
    expect(Object.keys(quickRepliesPolicy).sort()).toEqual(Object.keys(quickRepliesModule.commands).sort());
  });
});
