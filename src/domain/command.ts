/**
 * Commands: what callers ask for. A caller sends `{ type, shopId, actor, data }`
 * (plus optional ids and an expected version); the engine decodes it, then adds
 * what the core must not produce itself: the time and a random seed. A decider
 * therefore sees everything it depends on in the command.
 */
import * as t from 'io-ts';
import type { Actor } from './envelope.js';
import { actorCodec } from './envelope.js';
import { messageIdCodec, shopIdCodec, type ShopId } from './ids.js';
import { nonEmptyString, nonNegativeInt, struct } from './validation.js';

export interface CommandMeta {
  readonly shopId: ShopId;
  readonly actor: Actor;
  /** Epoch milliseconds from the engine's clock at dispatch. */
  readonly now: number;
  /** A 32-bit seed drawn from the engine's random source; deciders draw from it, never from Math.random. */
  readonly seed: number;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** When the caller pins a version, a conflict is returned instead of retried. */
  readonly expectedVersion?: number;
}

export interface Command<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
  readonly meta: CommandMeta;
}

/** The outer shape of a command as a caller sends it; `data` is decoded by the command's own codec. */
export const commandInputCodec = struct(
  'CommandInput',
  { type: nonEmptyString(200), shopId: shopIdCodec, actor: actorCodec, data: t.unknown },
  {
    commandId: messageIdCodec,
    correlationId: messageIdCodec,
    causationId: messageIdCodec,
    expectedVersion: nonNegativeInt,
  },
);

export type CommandInput = t.TypeOf<typeof commandInputCodec>;
