/**
 * The README's permission table (P1-P3), generated from the one declaration
 * (src/domain/permissions/policyTables.ts), so the two cannot drift: a test
 * (test/domain/permissions/readmeTable.unit.spec.ts) fails when README.md's
 * section between the markers is not exactly what this renders.
 *   npm run docs:permissions            rewrites the section in README.md
 *   node --import tsx tools/permissionTable.ts --print   prints it
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CommandRule, NamedPermission, Reach } from '../src/domain/permissions/policy.js';
import { policyRows } from '../src/domain/permissions/policyTables.js';

export const START_MARKER = '<!-- permissions:start -->';
export const END_MARKER = '<!-- permissions:end -->';

/** The manual's names of the role editor's menu permissions. */
const PERMISSION_NAMES: Readonly<Record<NamedPermission, string>> = {
  'customer-service': 'customer-service (客服权限)',
  'customer-service-session': 'customer-service-session (客服会话权限)',
  'customer-service-configuration': 'customer-service-configuration (客服配置权限)',
};

const REACH: Readonly<Record<Reach, string>> = { all: 'all', 'own-groups': 'own + groups', own: 'own', none: '—' };

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const rowOf = (module: string, command: string, rule: CommandRule): readonly string[] => {
  const needs = rule.systemOnly === true ? 'system only' : rule.needs === undefined ? '—' : PERMISSION_NAMES[rule.needs];
  const reach = (r: Reach) => (rule.systemOnly === true ? '—' : REACH[r]);
  return [`\`${command}\``, module, needs, reach(rule.admin), reach(rule['team-lead']), reach(rule.agent), reach(rule.customer), cell(rule.note ?? '')];
};

const LEGEND = [
  'Generated from `src/domain/permissions/policyTables.ts` by `npm run docs:permissions`; a test fails when this',
  'section and the declaration differ. Each module checks its rule in its decide before anything else: a refusal',
  'is a `DomainError` (`actor.unknown`: no agent of this shop (P4); `actor.not-allowed`; `actor.missing-permission`:',
  "the agent's roles lack the named permission; `actor.brand-not-allowed`: P3) and writes nothing. The system (the",
  'engine, a trusted backend) may send every command. Reach: **all** whatever the command touches; **own + groups**',
  "its own and that of agents sharing one of its groups (a team lead's); **own** only its own (see the note); **—** never.",
  'An agent never given a role holds the three customer-service permissions (step 8 of the manual).',
].join('\n');

/** The section between the markers: the legend and one row per command, in policyTables' order. */
export const renderPermissionTable = (): string => {
  const header = ['command', 'module', 'needs', 'admin', 'team lead', 'agent', 'customer', 'note'];
  const lines = [header, header.map(() => '---'), ...policyRows().map(({ module, command, rule }) => rowOf(module, command, rule))].map((r) => `| ${r.join(' | ')} |`);
  return `${LEGEND}\n\n${lines.join('\n')}`;
};

/** README with the section between the markers replaced; fails when the markers are not there once each, in order. */
export const withPermissionTable = (readme: string, table = renderPermissionTable()): string => {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < start || readme.indexOf(START_MARKER, start + 1) >= 0 || readme.indexOf(END_MARKER, end + 1) >= 0) {
    throw new Error(`README.md must hold ${START_MARKER} and then ${END_MARKER}, once each`);
  }
  return `${readme.slice(0, start + START_MARKER.length)}\n${table}\n${readme.slice(end)}`;
};

/** The section as README.md has it now (what the test compares). */
export const permissionSectionOf = (readme: string): string | undefined => {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  return start < 0 || end < start ? undefined : readme.slice(start + START_MARKER.length, end).replace(/^\n/, '').replace(/\n$/, '');
};

const README = fileURLToPath(new URL('../README.md', import.meta.url));

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--print')) {
    process.stdout.write(`${renderPermissionTable()}\n`);
  } else {
    const before = readFileSync(README, 'utf8');
    const after = withPermissionTable(before);
    if (after !== before) writeFileSync(README, after);
    process.stdout.write(after === before ? 'README.md: the permission table is up to date\n' : 'README.md: the permission table rewritten\n');
  }
}
