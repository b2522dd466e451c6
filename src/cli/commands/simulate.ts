// Placeholder until its helper lands the real command (issue 19).
import { Command } from 'commander';
import type { CliIo } from '../cliKit.js';
import { usageError } from '../cliKit.js';

export const simulateCommand = (_io: CliIo): Command =>
  new Command('simulate').description('(not built yet)').action(() => {
    throw usageError('simulate is not built yet');
  });
