import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

// Tiers by file suffix: *.unit.spec.ts (pure, fast), *.int.spec.ts (real databases,
// real processes), *.e2e.spec.ts (the CLI, the example server, Chromium).
// `kefu` and its subpaths resolve to the sources, so tests of the examples (which
// import the package as a user would) run without a build.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^kefu\/sqlite$/, replacement: src('adapters/sqlite/index.ts') },
      { find: /^kefu\/postgres$/, replacement: src('adapters/postgres/index.ts') },
      { find: /^kefu\/sharded$/, replacement: src('adapters/sharded/index.ts') },
      { find: /^kefu\/eventstoredb$/, replacement: src('adapters/eventstoredb/index.ts') },
      { find: /^kefu\/testing$/, replacement: src('testing/index.ts') },
      { find: /^kefu$/, replacement: src('index.ts') },
    ],
  },
  test: {
    projects: [
      // Unit suites that run many small engines (permission tables, properties) take seconds
      // on a loaded 2-core machine: the limit catches a hang, not a slow machine.
      { extends: true, test: { name: 'unit', include: ['test/**/*.unit.spec.ts'], testTimeout: 30_000 } },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['test/**/*.int.spec.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Suites that share one database server run one file at a time.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/**/*.e2e.spec.ts'], testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false },
      },
    ],
  },
});
