/**
 * S15 in the conversation's events: what moderation did to a message, recorded on
 * the message itself (optional fields, absent when moderation did nothing, so
 * events written before it read as they did).
 *
 * - `masked`: the stored text had sensitive words masked, with the version of the
 *   word list it was checked against and how many spans were masked;
 * - `throttle`: the customer's message took a token of the anti-spam bucket, at
 *   this rate. The bucket is folded from these (tokenBucket.ts): replaying the log
 *   gives the very bucket the live decisions saw, whatever the settings are now.
 */
import type * as t from 'io-ts';
import { intInRange, nonNegativeInt, struct } from '../../validation.js';
import { burstCodec, refillCodec } from '../../moderation/moderationCommands.js';
import type { BucketRate } from '../../moderation/tokenBucket.js';

export interface MaskRecord {
  readonly listVersion: number;
  readonly spans: number;
}

export type ModerationRecords = { readonly masked?: MaskRecord; readonly throttle?: BucketRate };

export const maskRecordCodec: t.Type<MaskRecord, MaskRecord, unknown> = struct('MaskRecord', { listVersion: nonNegativeInt, spans: intInRange(1, Number.MAX_SAFE_INTEGER) });
export const bucketRateCodec: t.Type<BucketRate, BucketRate, unknown> = struct('BucketRate', { capacity: burstCodec, refillPerMinute: refillCodec });

/** The optional fields, for the codecs of MessageSent and ConversationContinued. */
export const moderationRecordFields = { masked: maskRecordCodec, throttle: bucketRateCodec };
