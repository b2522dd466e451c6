/**
 * How the `kefu` command reports to the shell: one exit code per kind of
 * failure, so scripts can tell bad input from a refused command from a database
 * that is down, or a replay that passed over bad lines, without parsing messages.
 * The README's "The kefu command" section lists them; keep the two in step.
 */
import type { KefuError } from '../domain/errors.js';

export const EXIT_CODES = {
  ok: 0,
  /** Something kefu did not expect (a bug): the message says what. */
  unexpected: 1,
  /** Bad arguments or bad input: an unknown option, a missing file, a command that did not decode. */
  ValidationError: 2,
  DomainError: 3,
  ConcurrencyConflict: 4,
  StoreFailure: 5,
  /** A lenient replay (or import) finished, but passed over bad lines: their count is printed. */
  passedOver: 6,
} as const;

export const exitCodeOf = (error: KefuError): number => EXIT_CODES[error._tag];
