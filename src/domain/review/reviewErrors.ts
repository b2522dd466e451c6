/** The session review's refusals: stable codes, and where a field is to blame, `details.field` naming it. */
import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../errors.js';
import { PERMISSION_ERROR_CODES } from '../permissions/policy.js';
import type { ReviewEvent } from './reviewEvents.js';

export const REVIEW_ERROR_CODES = [
  ...PERMISSION_ERROR_CODES,
  'conversation.unknown',
  'review.session-ended',
  'review.not-served',
  'review.agent-required',
  'review.agent-mismatch',
  'review.invitation-exists',
  'review.invitation-unknown',
  'review.invitation-answered',
  'review.too-many-invitations',
  'review.already-rated',
  'review.too-many-tags',
] as const;
export type ReviewErrorCode = (typeof REVIEW_ERROR_CODES)[number];

export type Decided = E.Either<DomainError, readonly ReviewEvent[]>;

export const refuse = (code: ReviewErrorCode, message: string, details: Record<string, unknown>): E.Either<DomainError, never> => E.left(domainError(code, message, details));

export const nothing: Decided = E.right([]);
