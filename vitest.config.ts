import { defineConfig } from 'vitest/config';

// Tiers by file suffix: *.unit.spec.ts (pure, fast), *.int.spec.ts (real databases,
// real processes), *.e2e.spec.ts (the CLI and the example server).
export default defineConfig({
  test: {
    projects: [
      // Unit suites that run many small engines (permission tables, properties) take seconds
      // on a loaded 2-core machine: the limit catches a hang, not a slow machine.
      { test: { name: 'unit', include: ['test/**/*.unit.spec.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'int',
          include: ['test/**/*.int.spec.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Suites that share one database server run one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
