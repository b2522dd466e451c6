/**
 * Sealing one field: its JSON text encrypted with AES-256-GCM under the subject's
 * key, a fresh random 96-bit IV each time (GCM's recommended size; with random IVs
 * NIST bounds a key to 2^32 encryptions, far above a session's messages). The
 * additional data binds the ciphertext to where it was written (shop, subject,
 * generation, event type, field, event id): moved to another event or field, it
 * no longer opens.
 */
import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { SEALED_FORMAT, SEALED_MARKER, type SealedValue } from '../../domain/personalData.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Where a sealed field sits: what its additional data binds it to. */
export interface SealedPlace {
  readonly shopId: string;
  readonly subject: string;
  readonly generation: number;
  readonly type: string;
  readonly field: string;
  readonly eventId: string;
}

/**
 * IVs drawn from a pool of random bytes refilled 1,024 IVs at a time: one call to
 * the system's generator per 1,024 seals instead of one each (measured here: 16 µs
 * of a 30 µs seal). The bytes are the same CSPRNG's; each IV is used once.
 */
const ivPool = Buffer.alloc(IV_BYTES * 1024);
let ivOffset = ivPool.length;
const nextIv = (): Buffer => {
  if (ivOffset + IV_BYTES > ivPool.length) {
    randomFillSync(ivPool);
    ivOffset = 0;
  }
  const iv = Buffer.from(ivPool.subarray(ivOffset, ivOffset + IV_BYTES));
  ivOffset += IV_BYTES;
  return iv;
};

const additionalData = (place: SealedPlace): Buffer =>
  Buffer.from(JSON.stringify([SEALED_FORMAT, place.shopId, place.subject, place.generation, place.type, place.field, place.eventId]), 'utf8');

export const seal = (material: Uint8Array, place: SealedPlace, value: unknown): SealedValue => {
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', material, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(place));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { [SEALED_MARKER]: SEALED_FORMAT, s: place.subject, g: place.generation, iv: iv.toString('base64'), ct: body.toString('base64') };
};

/** The value sealed, or why it does not open (a damaged or moved ciphertext, another key). */
export const open = (material: Uint8Array, place: SealedPlace, sealed: SealedValue): E.Either<string, unknown> => {
  if (sealed[SEALED_MARKER] !== SEALED_FORMAT) return E.left(`sealed in format ${String(sealed[SEALED_MARKER])}, this version of kefu reads ${SEALED_FORMAT}`);
  if (typeof sealed.iv !== 'string' || typeof sealed.ct !== 'string') return E.left('the sealed value has no iv or ciphertext');
  const iv = Buffer.from(sealed.iv, 'base64');
  const body = Buffer.from(sealed.ct, 'base64');
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) return E.left('the sealed value is truncated');
  try {
    const decipher = createDecipheriv('aes-256-gcm', material, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(place));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    const text = Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    return E.right(JSON.parse(text) as unknown);
  } catch {
    return E.left('the ciphertext does not open with its key: it was changed, or moved from another event or field');
  }
};
