/** Database files in a temp folder of their own, removed (with their -wal and -shm files) afterwards. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const tempFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'kefu-sqlite-'));
  let next = 0;
  return {
    folder,
    /** A path for a new database file in the folder. */
    file: (name = 'store') => join(folder, `${name}-${next++}.db`),
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
};
