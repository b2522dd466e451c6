/**
 * Who sends a command. A real server takes it from authentication (a session
 * cookie, a JWT verified in an `onRequest` hook, mTLS for the order system) and
 * never from the request body: a customer must not be able to write as an agent.
 * This example stands in for that with one header, so curl can play every part:
 *
 *   x-kefu-actor: system          the shop's own back office / integrations
 *   x-kefu-actor: agent:a1        agent a1
 *   x-kefu-actor: customer:c42    customer c42
 *
 * Replace `actorFromHeaders` with your authentication; nothing else changes.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Actor, ValidationIssue } from 'kefu';

export const ACTOR_HEADER = 'x-kefu-actor';

export type ActorResult = E.Either<{ readonly missing: boolean; readonly issue: ValidationIssue }, Actor>;

export const actorFromHeaders = (headers: Readonly<Record<string, string | string[] | undefined>>): ActorResult => {
  const raw = headers[ACTOR_HEADER];
  const path = `headers.${ACTOR_HEADER}`;
  if (raw === undefined) return E.left({ missing: true, issue: { path, reason: 'who sends the command: system, agent:<id> or customer:<id>' } });
  const value = Array.isArray(raw) ? raw[0] ?? '' : raw;
  if (value === 'system') return E.right({ kind: 'system' });
  const match = /^(agent|customer):(.+)$/.exec(value);
  // The id itself is checked by kefu's actor codec when the command is decoded.
  if (match !== null) return E.right({ kind: match[1] as 'agent' | 'customer', id: match[2] as string });
  return E.left({ missing: false, issue: { path, reason: `expected system, agent:<id> or customer:<id>, got ${JSON.stringify(value)}` } });
};
