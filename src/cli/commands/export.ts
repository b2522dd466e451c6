// Placeholder until its helper lands the real command (issue 19).
import { Command } from 'commander';
import type { CliIo } from '../cliKit.js';
import { usageError } from '../cliKit.js';

export const exportCommand = (_io: CliIo): Command =>
  new Command('export').description('(not built yet)').action(() => {
    throw usageError('export is not built yet');
  });
