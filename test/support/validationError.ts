/**
 * The bad-input check every module's badInput spec makes: the refusal is a
 * ValidationError, one of its issues names `path`, and every issue gives a reason.
 */
import { expect } from 'vitest';
import type { KefuError, ValidationError } from '../../src/domain/errors.js';

export const expectValidationErrorAt = (refusal: KefuError, path: string): void => {
  const error = refusal as ValidationError;
  expect(error._tag).toBe('ValidationError');
  expect(error.issues.map((i) => i.path)).toContain(path);
  expect(error.issues.every((i) => i.reason.length > 0)).toBe(true);
};
