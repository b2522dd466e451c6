// Placeholder until its helper lands the real command (issue 19).
import { Command } from 'commander';
import type { CliIo } from '../cliKit.js';
import { usageError } from '../cliKit.js';

export const explainCommand = (_io: CliIo): Command =>
  new Command('explain').description('(not built yet)').action(() => {
    throw usageError('explain is not built yet');
  });
