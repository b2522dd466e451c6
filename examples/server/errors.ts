/**
 * KefuError -> HTTP. kefu answers every failure as a value with a category; the
 * server only chooses a status and a JSON body for it, the same shape for every
 * 4xx so a client has one thing to parse:
 *
 *   { error: 'ValidationError', issues: [{ path, reason }] }      400
 *   { error: 'DomainError', code, message, details? }            409 | 422
 *   { error: 'ConcurrencyConflict', stream, expected, actual }    409
 *   { error: 'StoreFailure', message }                            503
 *
 * A domain refusal is 409 when the request collides with something that already
 * exists or is already under way (the code says so: `*.exists`, `*-exists`,
 * `*.already-*`, `*-taken`, `*.pending`): sending it again will not help, and
 * the client should read the state first. Every other refusal (unknown ids, an
 * ended session, no agent available, an actor not allowed) is 422: the request
 * was understood and is refused by a rule. A real server behind authentication
 * may answer `actor.*` codes with 403 instead.
 */
import type { KefuError, ValidationIssue } from 'kefu';

export interface HttpError {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
}

const CONFLICT_CODE = /(\.|-)exists$|\.already-|-taken$|\.pending$/;

/** 409 or 422 for a DomainError's code (see the header). */
export const statusOfRefusal = (code: string): 409 | 422 => (CONFLICT_CODE.test(code) ? 409 : 422);

export const badRequest = (issues: readonly ValidationIssue[]): HttpError => ({ status: 400, body: { error: 'ValidationError', issues } });

export const httpErrorOf = (error: KefuError): HttpError => {
  switch (error._tag) {
    case 'ValidationError':
      return badRequest(error.issues);
    case 'DomainError':
      return {
        status: statusOfRefusal(error.code),
        body: { error: 'DomainError', code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) },
      };
    case 'ConcurrencyConflict':
      // The engine already retried (`attempts`): the client may retry the whole request.
      return { status: 409, body: { error: 'ConcurrencyConflict', stream: error.stream, expected: error.expected, actual: error.actual, attempts: error.attempts } };
    case 'StoreFailure':
      // The database is down or full: the request may succeed later. The store's message stays in the server's log.
      return { status: 503, body: { error: 'StoreFailure', message: `the store failed during ${error.operation}` } };
  }
};
