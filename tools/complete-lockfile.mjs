#!/usr/bin/env node
// Completes package-lock.json with the platform-specific optional packages (rollup's
// and unrs-resolver's native bindings for other systems) that the npm mirror of
// these machines does not serve: `npm install` then leaves them out of the lock, and
// npm 11's `npm ci` refuses a lock that misses an optional dependency. Each added
// entry names only its platform (os, cpu, libc), so `npm ci` skips it on any other
// platform without fetching it. Run after `npm install` changes the lock:
//   node tools/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;

// What a binding's name says about the platform it is built for.
const platformOf = (name) => {
  const tail = name.split('/').pop().replace(/^(rollup|resolver-binding)-/, '');
  const [os, cpu, abi] = tail.split('-');
  const entry = { os: [os], cpu: [cpu === 'arm' || cpu === 'armv7' ? 'arm' : cpu] };
  if (abi === 'musl' || abi === 'musleabihf') entry.libc = ['musl'];
  if (abi === 'gnu' || abi === 'gnueabihf') entry.libc = ['glibc'];
  return entry;
};

let added = 0;
for (const [path, meta] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    if (!/^@(rollup\/rollup|unrs\/resolver-binding)-/.test(dep)) continue;
    const nested = `${path}/node_modules/${dep}`;
    const hoisted = `node_modules/${dep}`;
    if (packages[nested] || packages[hoisted]) continue;
    packages[hoisted] = { version, ...(meta.dev ? { dev: true } : {}), optional: true, ...platformOf(dep) };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform-specific optional entr${added === 1 ? 'y' : 'ies'} added`);
