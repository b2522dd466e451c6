/** The stored form of the no-response events. */
import * as t from 'io-ts';
import { agentIdCodec, sessionIdCodec } from '../../ids.js';
import { intInRange, nonNegativeInt, oneOf, orNull, struct, timestamp } from '../../validation.js';
import { agentTimeoutCodec, noResponseTimeoutCodec } from '../../shopSettings/shopSettings.js';
import type { BoundTimeouts } from './noResponseTypes.js';

export const noResponseClockCodec = oneOf('NoResponseClock', ['agent', 'customer']);
const actionCodec = oneOf('AgentTimeoutAction', ['end', 'requeue']);

const withPrompt = <A extends object>(codec: t.Type<A, A, unknown>) =>
  new t.Type<A & { prompt: string }, A & { prompt: string }, unknown>(
    `${codec.name}+prompt`,
    (u): u is A & { prompt: string } => typeof u === 'object' && u !== null && typeof (u as { prompt?: unknown }).prompt === 'string' && codec.is(withoutPrompt(u)),
    (u, c) => {
      if (typeof u !== 'object' || u === null || typeof (u as { prompt?: unknown }).prompt !== 'string') return t.failure(u, c, 'expected an object with a prompt');
      const rest = codec.validate(withoutPrompt(u), c);
      return rest._tag === 'Left' ? rest : t.success({ ...rest.right, prompt: (u as { prompt: string }).prompt });
    },
    t.identity,
  );

const withoutPrompt = (u: object): object => {
  const { prompt: _prompt, ...rest } = u as { prompt?: unknown };
  return rest;
};

export const boundTimeoutsCodec: t.Type<BoundTimeouts, BoundTimeouts, unknown> = struct('BoundTimeouts', {
  settingsVersion: nonNegativeInt,
  customer: orNull(withPrompt(noResponseTimeoutCodec)),
  agent: orNull(withPrompt(agentTimeoutCodec)),
});

export const runFields = { sessionId: sessionIdCodec, clock: noResponseClockCodec, run: intInRange(1, Number.MAX_SAFE_INTEGER), since: timestamp };
const run = runFields;

export const noResponseEventDefinitions = {
  NoResponseTimeoutsBound: { schemaVersion: 1, codec: struct('NoResponseTimeoutsBound', { sessionId: sessionIdCodec, timeouts: boundTimeoutsCodec, at: timestamp }) },
  NoResponseClockStarted: { schemaVersion: 1, codec: struct('NoResponseClockStarted', { ...run, promptAt: timestamp, endAt: timestamp }) },
  NoResponseClockStopped: { schemaVersion: 1, codec: struct('NoResponseClockStopped', { ...run, at: timestamp }) },
  NoResponsePrompted: { schemaVersion: 1, codec: struct('NoResponsePrompted', { ...run, at: timestamp }) },
  NoResponseTimedOut: { schemaVersion: 1, codec: struct('NoResponseTimedOut', { ...run, action: actionCodec, at: timestamp }, { agentId: agentIdCodec }) },
};
