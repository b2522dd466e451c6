/**
 * How the `kefu` command will report a failure to the shell: one exit code per
 * kind of KefuError, so scripts can tell bad input from a refused command from a
 * database that is down without parsing messages.
 */
import type { KefuError } from '../domain/errors.js';

export const EXIT_CODES = {
  ok: 0,
  ValidationError: 2,
  DomainError: 3,
  ConcurrencyConflict: 4,
  StoreFailure: 5,
} as const;

export const exitCodeOf = (error: KefuError): number => EXIT_CODES[error._tag];
