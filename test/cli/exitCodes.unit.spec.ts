import { describe, expect, it } from 'vitest';
import { exitCodeOf } from '../../src/cli/exitCodes.js';
import { concurrencyConflict, domainError, storeFailure, validationError } from '../../src/domain/errors.js';

describe('exit codes of the kefu command', () => {
  it('gives each kind of failure its own non-zero code', () => {
    const codes = [
      exitCodeOf(validationError('command', [{ path: 'type', reason: 'unknown' }])),
      exitCodeOf(domainError('agent.unknown', 'no agent')),
      exitCodeOf(concurrencyConflict('s', 1, 2)),
      exitCodeOf(storeFailure('append', new Error('down'))),
    ];
    expect(codes).toEqual([2, 3, 4, 5]);
  });
});
