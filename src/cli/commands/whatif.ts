// Placeholder until its helper lands the real command (issue 19).
import { Command } from 'commander';
import type { CliIo } from '../cliKit.js';
import { usageError } from '../cliKit.js';

export const whatifCommand = (_io: CliIo): Command =>
  new Command('whatif').description('(not built yet)').action(() => {
    throw usageError('whatif is not built yet');
  });
