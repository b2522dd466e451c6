// Placeholder until its helper lands the real command (issue 19).
import { Command } from 'commander';
import type { CliIo } from '../cliKit.js';
import { usageError } from '../cliKit.js';

export const replayCommand = (_io: CliIo): Command =>
  new Command('replay').description('(not built yet)').action(() => {
    throw usageError('replay is not built yet');
  });
