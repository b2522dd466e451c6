// Placeholder until its helper lands the real command (issue 19).
import { Command } from 'commander';
import type { CliIo } from '../cliKit.js';
import { usageError } from '../cliKit.js';

export const demoCommand = (_io: CliIo): Command =>
  new Command('demo').description('(not built yet)').action(() => {
    throw usageError('demo is not built yet');
  });
