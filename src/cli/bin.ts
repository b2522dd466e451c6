#!/usr/bin/env node
/** The `kefu` executable: runs the program on the process's arguments and exits with its code. */
import { runCli } from './main.js';

// `kefu replay ... | head` closes stdout early: the reader has what it wanted, so stop quietly
// instead of dying on an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
