/** The refusals of the quick-replies module, by stable code (the README lists them). */
import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../errors.js';
import type { QuickRepliesEvent } from './quickRepliesEvents.js';

export const QUICK_REPLIES_ERROR_CODES = [
  'actor.not-allowed',
  'actor.missing-permission',
  'actor.unknown',
  'quick-replies.agent-unknown',
  'quick-replies.default-group',
  'quick-replies.group-exists',
  'quick-replies.group-name-taken',
  'quick-replies.group-unknown',
  'quick-replies.group-limit-reached',
  'quick-replies.phrase-exists',
  'quick-replies.phrase-unknown',
  'quick-replies.not-in-group',
  'quick-replies.limit-reached',
  'quick-replies.import-rejected',
] as const;
export type QuickRepliesErrorCode = (typeof QUICK_REPLIES_ERROR_CODES)[number];

export type Decided = E.Either<DomainError, readonly QuickRepliesEvent[]>;

export const refuse = (code: QuickRepliesErrorCode, message: string, details: Readonly<Record<string, unknown>>): Decided => E.left(domainError(code, message, details));
