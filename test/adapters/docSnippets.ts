/**
 * A doc page's example and the doc-example spec that runs it must be the same
 * code: the spec holds it between `// --- snippet start` and `// --- snippet end`,
 * the page in its first ```ts block, after the imports (the spec imports from the
 * source paths instead of `kefu`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The snippet of the spec at `specUrl` (its `import.meta.url`), dedented. */
export const snippetOfSpec = (specUrl: string): string => {
  const text = readFileSync(fileURLToPath(specUrl), 'utf8');
  const start = text.indexOf('// --- snippet start\n');
  const end = text.indexOf('// --- snippet end');
  if (start < 0 || end < start) throw new Error(`${specUrl} has no snippet markers`);
  const lines = text.slice(start + '// --- snippet start\n'.length, end).split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n').trim();
};

/** The first ```ts block of `page` (a path from the repository root), without its import lines. */
export const exampleOfPage = (page: string): string => {
  const text = readFileSync(`${root}${page}`, 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(text);
  if (block === null) throw new Error(`${page} has no ts block`);
  return block[1]!
    .split('\n')
    .filter((line) => !line.startsWith('import '))
    .join('\n')
    .trim();
};
