/**
 * The `kefu` command: one program (commander) with a subcommand per job. Every
 * subcommand writes through a CliIo and throws CliError on failure; runCli turns
 * that into one line on stderr and an exit code (src/cli/exitCodes.ts), so the
 * bin and the tests run exactly the same code.
 */
import { Command, CommanderError } from 'commander';
import { CliError, processIo, writeLine, type CliIo } from './cliKit.js';
import { EXIT_CODES } from './exitCodes.js';
import { demoCommand } from './commands/demo.js';
import { explainCommand } from './commands/explain.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { replayCommand } from './commands/replay.js';
import { simulateCommand } from './commands/simulate.js';
import { whatifCommand } from './commands/whatif.js';

const EXIT_CODE_HELP = `
Exit codes:
  0  done
  1  an unexpected failure (a bug in kefu: please report it with the message)
  2  bad arguments or input (an unknown option, a missing file, a command that did not decode;
     with --strict, the first bad line of a log: replay and import stop there)
  3  a command was refused by the domain (its code is printed)
  4  a version conflict that retries did not resolve
  5  the store failed (cannot open, read or write)
  6  a lenient replay or import finished but passed over bad lines (their count is printed)`;

/** Applies the program's output and exit handling to a command and all its subcommands. */
const wire = (command: Command, io: CliIo): void => {
  command.exitOverride();
  // An argument too many is a mistake to name, not one to ignore.
  command.allowExcessArguments(false);
  command.configureOutput({
    writeOut: (s) => void io.stdout.write(s),
    writeErr: (s) => void io.stderr.write(s),
    // Usage errors are printed by runCli on one line, with the exit code of bad input.
    outputError: () => undefined,
  });
  for (const sub of command.commands) wire(sub, io);
};

export const buildProgram = (io: CliIo): Command => {
  const program = new Command('kefu')
    .description('kefu: an event-sourced engine for online customer service. Simulate a day, compare routing rules, explain assignments, rebuild reports from a log.')
    .version('0.1.0')
    .showSuggestionAfterError(true)
    .addCommand(demoCommand(io))
    .addCommand(simulateCommand(io))
    .addCommand(whatifCommand(io))
    .addCommand(explainCommand(io))
    .addCommand(replayCommand(io))
    .addCommand(exportCommand(io))
    .addCommand(importCommand(io))
    .addHelpText('after', `\nRun "kefu <command> --help" for a command's options and examples.\n${EXIT_CODE_HELP}\n`);
  wire(program, io);
  return program;
};

/** Runs the program on `argv` (the arguments after the executable and script); answers the exit code. */
export const runCli = async (argv: readonly string[], io: CliIo = processIo()): Promise<number> => {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_CODES.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not failures; every usage error is bad input.
      if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_CODES.ok;
      // No command named: the help went to stderr, and that is the whole message.
      if (error.code === 'commander.help') return EXIT_CODES.ValidationError;
      // A suggestion ("Did you mean --zone?") comes on a line of its own: one line is the rule.
      writeLine(io.stderr, `kefu: ${error.message.replace(/^error: /, '').split('\n').join(' ')}`);
      return EXIT_CODES.ValidationError;
    }
    if (error instanceof CliError) {
      writeLine(io.stderr, `kefu: ${error.message.split('\n').join(' ')}`);
      return error.exitCode;
    }
    writeLine(io.stderr, `kefu: unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_CODES.unexpected;
  }
};
