/** The stored form of the no-response events. */
import * as t from 'io-ts';
import { agentIdCodec, sessionIdCodec } from '../../ids.js';
import { intInRange, nonNegativeInt, oneOf, orNull, struct, timestamp } from '../../validation.js';
import { agentTimeoutFields, noResponseTimeoutFields, promptBeforeEnd } from '../../shopSettings/shopSettings.js';
import type { BoundTimeouts } from './noResponseTypes.js';

export const noResponseClockCodec = oneOf('NoResponseClock', ['agent', 'customer']);

export const boundTimeoutsCodec: t.Type<BoundTimeouts, BoundTimeouts, unknown> = struct('BoundTimeouts', {
  settingsVersion: nonNegativeInt,
  customer: orNull(promptBeforeEnd(struct('BoundCustomerTimeout', { ...noResponseTimeoutFields, prompt: t.string }))),
  agent: orNull(promptBeforeEnd(struct('BoundAgentTimeout', { ...agentTimeoutFields, prompt: t.string }))),
});

/** What names a run of a clock: in its events and in the deadline commands that fire it. */
export const runFields = { sessionId: sessionIdCodec, clock: noResponseClockCodec, run: intInRange(1, Number.MAX_SAFE_INTEGER), since: timestamp };

export const noResponseEventDefinitions = {
  NoResponseTimeoutsBound: { schemaVersion: 1, codec: struct('NoResponseTimeoutsBound', { sessionId: sessionIdCodec, timeouts: boundTimeoutsCodec, at: timestamp }) },
  NoResponseClockStarted: { schemaVersion: 1, codec: struct('NoResponseClockStarted', { ...runFields, promptAt: timestamp, endAt: timestamp }) },
  NoResponseClockStopped: { schemaVersion: 1, codec: struct('NoResponseClockStopped', { ...runFields, at: timestamp }) },
  NoResponsePrompted: { schemaVersion: 1, codec: struct('NoResponsePrompted', { ...runFields, at: timestamp }) },
  NoResponseTimedOut: { schemaVersion: 1, codec: struct('NoResponseTimedOut', { ...runFields, action: agentTimeoutFields.onTimeout, at: timestamp }, { agentId: agentIdCodec }) },
};
