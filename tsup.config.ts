import { defineConfig } from 'tsup';

// One entry per subpath export, so that `kefu/postgres` never loads better-sqlite3
// and `kefu` alone loads no driver at all.
const library = {
  entry: {
    index: 'src/index.ts',
    sqlite: 'src/adapters/sqlite/index.ts',
    postgres: 'src/adapters/postgres/index.ts',
    sharded: 'src/adapters/sharded/index.ts',
    eventstoredb: 'src/adapters/eventstoredb/index.ts',
    testing: 'src/testing/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  // The two builds run side by side: the library's clean must leave the bin alone.
  clean: ['!cli.js', '!cli.js.map'],
  target: 'node20',
  // import.meta.url in the CommonJS build (the HTML report finds Chart.js from its own module).
  shims: true,
  splitting: true,
  treeshake: true,
} as const;

// The `kefu` bin (package.json "bin": ./dist/cli.js): ESM only (no CJS copy, no
// types), one file (no shared chunks for the library's clean to remove), its
// `#!/usr/bin/env node` line kept by tsup, which also makes the file executable.
// The database drivers stay external and are loaded only when a source names them.
const bin = {
  entry: { cli: 'src/cli/bin.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: false,
  target: 'node20',
  splitting: false,
  treeshake: true,
} as const;

export default defineConfig([
  { ...library, format: [...library.format], clean: [...library.clean] },
  { ...bin, format: [...bin.format] },
]);
