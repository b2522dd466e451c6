/**
 * P1-P3, docs that cannot drift: README.md's permission section is exactly what
 * tools/permissionTable.ts renders from policyTables (rewrite it with
 * `npm run docs:permissions`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { policyRows } from '../../../src/domain/permissions/policyTables.js';
import { END_MARKER, permissionSectionOf, renderPermissionTable, START_MARKER, withPermissionTable } from '../../../tools/permissionTable.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('P1-P3: the README permission table is generated from the declaration', () => {
  it('README.md holds exactly the generated table between the markers (npm run docs:permissions rewrites it)', () => {
    expect(permissionSectionOf(readme), 'run npm run docs:permissions').toBe(renderPermissionTable());
  });

  it('the table has one row per declared command, under the heading "## Permissions (P1-P3)"', () => {
    const rows = renderPermissionTable()
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    expect(rows).toHaveLength(policyRows().length);
    expect(readme.indexOf('## Permissions (P1-P3)')).toBeGreaterThanOrEqual(0);
    expect(readme.indexOf('## Permissions (P1-P3)')).toBeLessThan(readme.indexOf(START_MARKER));
  });

  it('rewriting replaces only the section, and a rewritten README is stable', () => {
    const stale = `intro\n${START_MARKER}\nold table\n${END_MARKER}\noutro\n`;
    const fresh = withPermissionTable(stale);
    expect(fresh.startsWith(`intro\n${START_MARKER}\n`)).toBe(true);
    expect(fresh.endsWith(`\n${END_MARKER}\noutro\n`)).toBe(true);
    expect(permissionSectionOf(fresh)).toBe(renderPermissionTable());
    expect(withPermissionTable(fresh)).toBe(fresh);
    expect(() => withPermissionTable('no markers here')).toThrow(/permissions:start/);
  });
});
