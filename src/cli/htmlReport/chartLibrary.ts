/**
 * Chart.js, to inline in the page: the UMD build shipped in the `chart.js`
 * package, read once per process. Resolved from this module (the package's
 * export map hides `dist/`, so the main entry is resolved and its folder used):
 * it works from the sources under tsx or vitest and from the built `dist/`, ESM
 * or CommonJS (where tsup's shims give import.meta.url).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { scriptForInline } from './htmlEscape.js';

let cached: string | undefined;

/** The library's source, safe to put between <script> and </script>. */
export const chartLibrarySource = (): string => {
  if (cached === undefined) {
    const main = createRequire(import.meta.url).resolve('chart.js');
    cached = scriptForInline(readFileSync(join(dirname(main), 'chart.umd.min.js'), 'utf8'));
  }
  return cached;
};
