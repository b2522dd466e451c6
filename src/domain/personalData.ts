/**
 * S16: the fields of an event that hold what people wrote (a message's content, a
 * transfer note). An event definition declares them (module.ts, `personal`); a
 * protected store (runtime/contentProtection) seals each with a key of its
 * subject, and once the shop's retention window has passed the key is destroyed
 * and the field reads as the declared placeholder, which still decodes. Every
 * other field (ids, kinds, times, counts) stays as it was, so a report rebuilt by
 * replay gives the same figures before and after.
 *
 * Pure: this file only knows what a sealed value looks like, so the registry can
 * read one it meets without its key (a log read straight from a backup, a CLI
 * replay without the key store) as expired instead of refusing it.
 */

/** What an event definition says about its personal fields. */
export interface PersonalData<D> {
  /**
   * Whose key seals the fields, within the event's shop: `session:<sessionId>` for a
   * session's messages. Given the data as stored (the codec's output); at most 300
   * characters. The key's last write is the latest event time sealed with it.
   */
  readonly subject: (data: D) => string;
  /**
   * The sealed fields (top-level keys of the data), each with the value it reads as
   * once its key is destroyed (`undefined`: left out). The placeholder must decode
   * with the event's codec: commands keep refusing it, events accept it.
   */
  readonly fields: { readonly [K in keyof D]?: D[K] | undefined };
}

/** The subjects S16's retention window applies to: a session's contents (its messages, notes about it). */
export const SESSION_SUBJECT_PREFIX = 'session:';

/** The key owner of a session's contents, within its shop. */
export const sessionSubject = (sessionId: string): string => `${SESSION_SUBJECT_PREFIX}${sessionId}`;

/** The key a sealed value carries; no codec's output ever has it, so a sealed value cannot be mistaken for data. */
export const SEALED_MARKER = 'kefu:sealed';

/** The current format of a sealed value: AES-256-GCM, a 12-byte IV, the tag after the ciphertext. */
export const SEALED_FORMAT = 1;

export interface SealedValue {
  readonly [SEALED_MARKER]: number;
  /** The subject (within the shop) and the generation of the key that sealed it. */
  readonly s: string;
  readonly g: number;
  /** Base64 IV and ciphertext (with the GCM tag appended). */
  readonly iv: string;
  readonly ct: string;
}

export const isSealed = (value: unknown): value is SealedValue =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, SEALED_MARKER);

/**
 * The data with every declared field that is still sealed replaced by its
 * placeholder: what a reader without the key sees. Data without a sealed field is
 * returned as it is (no copy).
 */
export const withExpiredFields = (personal: PersonalData<unknown>, data: unknown): unknown => {
  if (typeof data !== 'object' || data === null) return data;
  const record = data as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const [field, placeholder] of Object.entries(personal.fields as Record<string, unknown>)) {
    if (!isSealed(record[field])) continue;
    out ??= { ...record };
    if (placeholder === undefined) delete out[field];
    else out[field] = placeholder;
  }
  return out ?? data;
};
