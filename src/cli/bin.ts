#!/usr/bin/env node
/** The `kefu` executable: runs the program on the process's arguments and exits with its code. */
import { runCli } from './main.js';

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
