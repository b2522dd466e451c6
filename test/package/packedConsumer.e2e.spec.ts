/**
 * kefu as a backend team gets it: the package packed (`npm pack`), installed in a
 * fresh strict project with `skipLibCheck: false`, type-checked and run there.
 *
 * - `kefu` and `kefu/testing` (with its peer fast-check) type-check with no driver type package installed;
 * - `kefu/sqlite` needs `@types/better-sqlite3` (and `kefu/postgres` `@types/pg`),
 *   as the README says: without it the consumer's check fails on exactly that;
 * - with them, the README's snippet (examples/using-it.ts, copied as it is)
 *   compiles and runs twice in a row, the second run carrying on from the first's log;
 * - the CommonJS build loads with `require`.
 *
 * The package's dependencies come from npm's cache (`npm ci` filled it) or the
 * registry; better-sqlite3 is copied from this checkout, already compiled.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const tsc = join(repo, 'node_modules/typescript/bin/tsc');
const versionIn = (name: string): string => (JSON.parse(readFileSync(join(repo, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

const newestUnder = (dir: string): number => {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs);
  }
  return newest;
};

/** The tests pack what the build made: build first when dist is missing or older than the sources. */
const ensureBuilt = () => {
  const built = join(repo, 'dist/index.js');
  if (existsSync(built) && statSync(built).mtimeMs >= newestUnder(join(repo, 'src'))) return;
  execFileSync(process.execPath, [join(repo, 'node_modules/tsup/dist/cli-default.js')], { cwd: repo, stdio: 'pipe' });
};

const npm = (cwd: string, args: readonly string[]) => {
  const run = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${run.status}):\n${run.stderr}`);
  return run.stdout;
};

/** Runs the consumer's type check; returns its exit status and output. */
const typeCheck = (cwd: string, project: string) => {
  const run = spawnSync(process.execPath, [tsc, '-p', project], { cwd, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
};

const strictOptions = {
  target: 'ES2022',
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: false,
  types: ['node'],
  outDir: 'out',
};

let consumer = '';

/** The driver, already compiled in this checkout (npm would build it again: minutes); npm install prunes it, so copied after each. */
const copyDriver = () => {
  for (const name of ['better-sqlite3', 'bindings', 'file-uri-to-path']) cpSync(join(repo, 'node_modules', name), join(consumer, 'node_modules', name), { recursive: true });
};

beforeAll(() => {
  ensureBuilt();
  consumer = mkdtempSync(join(tmpdir(), 'kefu-consumer-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', consumer], { cwd: repo, encoding: 'utf8' })) as { filename: string }[];
  const tarball = join(consumer, packed[0]!.filename);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'kefu-consumer', private: true, type: 'module' }, null, 2));
  // fast-check: kefu/testing's optional peer, which a team using the kit installs.
  npm(consumer, ['install', tarball, `@types/node@${versionIn('@types/node')}`, `fast-check@${versionIn('fast-check')}`]);
  writeFileSync(
    join(consumer, 'core.ts'),
    [
      "import { createEngine, deskModule, virtualClock, type CommandInputOf } from 'kefu';",
      "import { commandArbitrary } from 'kefu/testing';",
      "const engine = createEngine({ modules: [deskModule], clock: virtualClock(0) });",
      "const command: CommandInputOf<typeof deskModule> = { type: 'CreateGroup', shopId: 's', actor: { kind: 'system' }, data: { groupId: 'g', name: 'G' } };",
      'export const answered = engine.dispatch(command);',
      'export const arbitrary = commandArbitrary;',
      '',
    ].join('\n'),
  );
  writeFileSync(join(consumer, 'tsconfig.core.json'), JSON.stringify({ compilerOptions: { ...strictOptions, noEmit: true }, files: ['core.ts'] }, null, 2));
  cpSync(join(repo, 'examples/using-it.ts'), join(consumer, 'using-it.ts'));
  writeFileSync(join(consumer, 'postgres.ts'), "import { createPostgresEventStore, type PostgresEventStoreOptions } from 'kefu/postgres';\nexport const open = (options: PostgresEventStoreOptions) => createPostgresEventStore(options);\n");
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions: strictOptions, files: ['using-it.ts', 'postgres.ts'] }, null, 2));
}, 240_000);

afterAll(() => {
  if (consumer !== '') rmSync(consumer, { recursive: true, force: true });
});

describe('the packed package in a fresh strict project (skipLibCheck: false)', () => {
  it('type-checks kefu and kefu/testing with no driver type package installed', () => {
    const checked = typeCheck(consumer, 'tsconfig.core.json');
    expect(checked.output).toBe('');
    expect(checked.status).toBe(0);
  });

  it('asks for @types/better-sqlite3 when kefu/sqlite is used with the driver but without its types, as the README says', () => {
    copyDriver();
    const checked = typeCheck(consumer, 'tsconfig.json');
    expect(checked.status).not.toBe(0);
    expect(checked.output).toMatch(/TS7016: Could not find a declaration file for module 'better-sqlite3'/);
  });

  it('compiles the README snippet and a kefu/postgres user once the driver types are there, and runs the snippet twice: the second run carries on', () => {
    npm(consumer, ['install', `@types/better-sqlite3@${versionIn('@types/better-sqlite3')}`, `@types/pg@${versionIn('@types/pg')}`]);
    copyDriver();
    const checked = typeCheck(consumer, 'tsconfig.json');
    expect(checked.output).toBe('');
    expect(checked.status).toBe(0);

    const run = () => {
      const result = spawnSync(process.execPath, ['out/using-it.js'], { cwd: consumer, encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      return result.stdout.trim().split('\n');
    };
    const first = run();
    expect(first[0]).toBe('Lin registered');
    expect(first[1]).toMatch(/^s-[0-9a-f]{8} assigned to lin \(base-mode\)$/);
    expect(first[2]).toMatch(/^s-[0-9a-f]{8} ended; the routing stream is at version 4$/);
    const second = run();
    expect(second[0]).toBe('Lin not registered again: agent.exists: agent lin is already registered');
    expect(second[1]).toMatch(/^s-[0-9a-f]{8} assigned to lin \(sticky\)$/);
    expect(second[2]).toMatch(/^s-[0-9a-f]{8} ended; the routing stream is at version 6$/);
    expect(existsSync(join(consumer, 'kefu.sqlite'))).toBe(true);
  });

  it('loads the CommonJS build with require', () => {
    const loaded = spawnSync(process.execPath, ['-e', "const k = require('kefu'); const s = require('kefu/sqlite'); console.log(typeof k.createEngine, typeof s.createSqliteEventStore)"], { cwd: consumer, encoding: 'utf8' });
    expect(loaded.stderr).toBe('');
    expect(loaded.stdout.trim()).toBe('function function');
  });
});

describe('the README quotes the snippet as it is', () => {
  it('has examples/using-it.ts, word for word, under "Using it"', () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Using it'));
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(readFileSync(join(repo, 'examples/using-it.ts'), 'utf8'));
  });
});
