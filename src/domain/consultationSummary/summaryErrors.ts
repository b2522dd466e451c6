/** The consultation summary's refusals: stable codes, `details.field` naming the field to blame. */
import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../errors.js';
import { PERMISSION_ERROR_CODES } from '../permissions/policy.js';
import type { SummaryEvent } from './summaryEvents.js';

export const CONSULTATION_SUMMARY_ERROR_CODES = [
  ...PERMISSION_ERROR_CODES,
  'conversation.unknown',
  'summary.category-exists',
  'summary.category-unknown',
  'summary.parent-unknown',
  'summary.name-taken',
  'summary.too-deep',
  'summary.too-many-categories',
  'summary.move-into-itself',
  'summary.order-mismatch',
  'summary.category-has-children',
  'summary.category-in-use',
  'summary.not-a-leaf',
  'summary.tree-not-empty',
] as const;
export type ConsultationSummaryErrorCode = (typeof CONSULTATION_SUMMARY_ERROR_CODES)[number];

export type Decided = E.Either<DomainError, readonly SummaryEvent[]>;

export const refuse = (code: ConsultationSummaryErrorCode, message: string, details: Record<string, unknown>): E.Either<DomainError, never> => E.left(domainError(code, message, details));

export const nothing: Decided = E.right([]);
