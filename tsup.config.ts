import { defineConfig } from 'tsup';

// One entry per subpath export, so that `kefu/postgres` never loads better-sqlite3
// and `kefu` alone loads no driver at all.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    sqlite: 'src/adapters/sqlite/index.ts',
    postgres: 'src/adapters/postgres/index.ts',
    eventstoredb: 'src/adapters/eventstoredb/index.ts',
    testing: 'src/testing/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
});
