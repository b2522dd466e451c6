// Placeholder until its helper lands the real command (issue 19).
import { Command } from 'commander';
import type { CliIo } from '../cliKit.js';
import { usageError } from '../cliKit.js';

export const importCommand = (_io: CliIo): Command =>
  new Command('import').description('(not built yet)').action(() => {
    throw usageError('import is not built yet');
  });
