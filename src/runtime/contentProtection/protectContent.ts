/**
 * S16: an EventStore that seals what people wrote. On append, every field an event
 * definition declares personal (module.ts `personal`: a message's content, a
 * transfer note) is encrypted with the data key of its subject (the session),
 * fetched or created in the key store; on every read (readStream, readAll,
 * subscribe, and the SQL read models, which read through store layers) it is
 * opened again, or, once the key is destroyed, replaced by the declared
 * placeholder (`{ kind: 'expired' }`), which still decodes. Everything else in the
 * event (type, ids, kinds, times, metadata) is stored as it is, so the adapter
 * underneath, its indexes and its conformance are untouched, and every report that
 * folds only those gives the same figures before and after.
 *
 * Snapshots and projection states pass through unsealed: they are states, not
 * events, and no module's state holds a personal field (the conversation keeps
 * ids and positions, the desk no notes). A module whose snapshot held one would
 * keep it past the window: its personal fields must stay out of its state.
 *
 * Keys held in memory, and why it is safe:
 * - for writing, a subject's key is reused without asking the key store while the
 *   write is less than LAST_WRITE_STEP_MS after the last write recorded for it;
 *   the sweep adds that step to its cut-off, so such a write is never in a window
 *   that has passed;
 * - for reading, a key (or its absence) is kept at most `keyCacheMs` (default 5 s):
 *   a reader in another process may open a destroyed key's content for that long
 *   after the sweep; the process that sweeps forgets them at once (`forget`).
 */
import * as E from 'fp-ts/lib/Either.js';
import { LRUCache } from 'lru-cache';
import type { EventToAppend, RecordedEvent } from '../../domain/envelope.js';
import { validationError } from '../../domain/errors.js';
import type { AnyModule, EventDefinition } from '../../domain/module.js';
import { isSealed, type PersonalData, type SealedValue } from '../../domain/personalData.js';
import { validateAppend } from '../../adapters/appendValidation.js';
import type { AppendError, EventStore, ReadError, Subscription } from '../../adapters/eventStore.js';
import { keyId, LAST_WRITE_STEP_MS, MAX_SUBJECT_CHARS, type ContentKey, type KeyRef, type KeyStore, type KeyStoreError } from '../../adapters/keyStore.js';
import { layerOf, registerLayer } from '../../adapters/storeLayers.js';
import { open, seal, type SealedPlace } from './sealing.js';

export interface ContentProtectionOptions {
  readonly keys: KeyStore;
  /** The modules whose event definitions declare personal fields (the engine's modules). */
  readonly modules: readonly AnyModule[];
  /** How long a key read from the key store is kept in memory, in ms (default 5,000; 0: not kept). */
  readonly keyCacheMs?: number;
  /** How many keys are kept in memory, for writing and for reading each (default 10,000). */
  readonly cachedKeys?: number;
}

/** What a protected store tells the code that shares its process (the sweep). */
export interface ContentProtection {
  readonly keys: KeyStore;
  /** Drops these keys from memory: the sweep destroyed them. */
  readonly forget: (refs: readonly KeyRef[]) => void;
}

/** Thrown by protectContent for wiring that cannot work (a programming error, not input). */
export class ContentProtectionConfigurationError extends Error {
  override readonly name = 'ContentProtectionConfigurationError';
}

type Personal = PersonalData<unknown>;

/** Event type -> its personal fields, from the modules' definitions. */
const personalTable = (modules: readonly AnyModule[]): ReadonlyMap<string, Personal> => {
  const table = new Map<string, Personal>();
  for (const module of modules) {
    for (const [type, definition] of Object.entries(module.events as Record<string, EventDefinition<unknown>>)) {
      if (definition.personal !== undefined) table.set(type, definition.personal);
    }
  }
  return table;
};

const protections = new WeakMap<object, ContentProtection>();

/** The protection of a store made by protectContent (looking through any layer above it). */
export const protectionOf = (store: EventStore): ContentProtection | undefined => {
  for (let current: EventStore | undefined = store; current !== undefined; current = layerOf(current)?.inner) {
    const found = protections.get(current);
    if (found !== undefined) return found;
  }
  return undefined;
};

const subjectKey = (shopId: string, subject: string) => `${shopId}\u0000${subject}`;

const typeOf = (event: unknown): unknown => {
  try {
    return typeof event === 'object' && event !== null ? (event as { type?: unknown }).type : undefined;
  } catch {
    return undefined;
  }
};

const sealedRef = (shopId: string, value: SealedValue): KeyRef | undefined =>
  typeof value.s === 'string' && Number.isSafeInteger(value.g) && value.g >= 1 ? { shopId, subject: value.s, generation: value.g } : undefined;

export const protectContent = <S extends EventStore>(store: S, options: ContentProtectionOptions): S => {
  if (protectionOf(store) !== undefined) throw new ContentProtectionConfigurationError('the store is protected already: sealing twice would need both key stores to read');
  const { keys } = options;
  if (typeof keys?.keyForWrite !== 'function') throw new ContentProtectionConfigurationError('keys must be a key store (createInMemoryKeyStore, createSqliteKeyStore, createPostgresKeyStore)');
  const keyCacheMs = options.keyCacheMs ?? 5000;
  const cachedKeys = options.cachedKeys ?? 10_000;
  if (!Number.isSafeInteger(keyCacheMs) || keyCacheMs < 0) throw new ContentProtectionConfigurationError(`keyCacheMs must be an integer >= 0, got ${String(keyCacheMs)}`);
  if (!Number.isSafeInteger(cachedKeys) || cachedKeys < 1) throw new ContentProtectionConfigurationError(`cachedKeys must be an integer >= 1, got ${String(cachedKeys)}`);
  const personal = personalTable(options.modules);

  const writeKeys = new LRUCache<string, ContentKey>({ max: cachedKeys });
  // `material` undefined: the key is destroyed or unknown (read as expired).
  const readKeys = keyCacheMs === 0 ? undefined : new LRUCache<string, { readonly material: Uint8Array | undefined }>({ max: cachedKeys, ttl: keyCacheMs });

  const keyForWrite = async (shopId: string, subject: string, at: number): Promise<E.Either<KeyStoreError, ContentKey>> => {
    const cached = writeKeys.get(subjectKey(shopId, subject));
    if (cached !== undefined && at < cached.lastWriteAt + LAST_WRITE_STEP_MS) return E.right(cached);
    const fetched = await keys.keyForWrite({ shopId, subject }, at);
    if (E.isRight(fetched)) {
      writeKeys.set(subjectKey(shopId, subject), fetched.right);
      readKeys?.set(keyId(fetched.right), { material: fetched.right.material });
    }
    return fetched;
  };

  /** The batch with its personal fields sealed; `copies` are the validated events. */
  const sealBatch = async (copies: readonly EventToAppend[]): Promise<E.Either<AppendError, readonly EventToAppend[]>> => {
    // One key per subject in the batch, at the latest time written with it.
    const wanted = new Map<string, { shopId: string; subject: string; at: number }>();
    const subjects: (string | undefined)[] = new Array(copies.length);
    for (let i = 0; i < copies.length; i++) {
      const event = copies[i] as EventToAppend;
      const declared = personal.get(event.type);
      const data = event.data as Record<string, unknown>;
      if (declared === undefined || typeof data !== 'object' || data === null || Array.isArray(data)) continue;
      if (!Object.keys(declared.fields).some((field) => data[field] !== undefined)) continue;
      let subject: unknown;
      try {
        subject = declared.subject(data);
      } catch (cause) {
        subject = cause instanceof Error ? cause : undefined;
      }
      if (typeof subject !== 'string' || subject.trim().length === 0 || subject.length > MAX_SUBJECT_CHARS) {
        return E.left(validationError('event to append', [{ path: `events.${i}.data`, reason: `its personal fields have no subject to seal them with (${event.type} names none)` }]));
      }
      subjects[i] = subject;
      const id = subjectKey(event.metadata.shopId, subject);
      const seen = wanted.get(id);
      wanted.set(id, { shopId: event.metadata.shopId, subject, at: Math.max(seen?.at ?? 0, event.metadata.occurredAt) });
    }
    if (wanted.size === 0) return E.right(copies);
    const keyFor = new Map<string, ContentKey>();
    for (const [id, { shopId, subject, at }] of wanted) {
      const key = await keyForWrite(shopId, subject, at);
      if (E.isLeft(key)) return key;
      keyFor.set(id, key.right);
    }
    return E.right(
      copies.map((event, i) => {
        const subject = subjects[i];
        if (subject === undefined) return event;
        const key = keyFor.get(subjectKey(event.metadata.shopId, subject)) as ContentKey;
        const data = { ...(event.data as Record<string, unknown>) };
        for (const field of Object.keys((personal.get(event.type) as Personal).fields)) {
          if (data[field] === undefined) continue;
          const place: SealedPlace = { shopId: key.shopId, subject, generation: key.generation, type: event.type, field, eventId: event.metadata.eventId };
          data[field] = seal(key.material, place, data[field]);
        }
        return { ...event, data };
      }),
    );
  };

  const append: EventStore['append'] = async (stream, events, expected) => {
    let sealing = false;
    try {
      sealing = Array.isArray(events) && events.some((e) => personal.has(typeOf(e) as string));
    } catch {
      sealing = false;
    }
    // Nothing personal in the batch: the adapter checks and stores it as it is.
    if (!sealing) return store.append(stream, events, expected);
    const checked = validateAppend(stream, events, expected);
    if (E.isLeft(checked)) return checked;
    const sealed = await sealBatch(checked.right.events);
    if (E.isLeft(sealed)) return sealed;
    const appended = await store.append(checked.right.stream, sealed.right, checked.right.expected);
    if (E.isLeft(appended)) return appended;
    // The caller gets back what it wrote, opened.
    return E.right({ ...appended.right, events: appended.right.events.map((e, i) => ({ ...e, data: (checked.right.events[i] as EventToAppend).data })) });
  };

  const sealedFieldsOf = (event: RecordedEvent, declared: Personal): readonly string[] => {
    const data = event.data as Record<string, unknown> | null;
    if (typeof data !== 'object' || data === null) return [];
    return Object.keys(declared.fields).filter((field) => isSealed(data[field]));
  };

  /** The materials of the keys `events` were sealed with, from memory or in one call to the key store. */
  const materialsFor = async (events: readonly RecordedEvent[]): Promise<E.Either<ReadError, ReadonlyMap<string, Uint8Array | undefined>>> => {
    const found = new Map<string, Uint8Array | undefined>();
    const missing = new Map<string, KeyRef>();
    for (const event of events) {
      const declared = personal.get(event.type);
      if (declared === undefined) continue;
      for (const field of sealedFieldsOf(event, declared)) {
        const ref = sealedRef(event.metadata.shopId, (event.data as Record<string, SealedValue>)[field] as SealedValue);
        if (ref === undefined) continue;
        const id = keyId(ref);
        if (found.has(id) || missing.has(id)) continue;
        const cached = readKeys?.get(id);
        if (cached === undefined) missing.set(id, ref);
        else found.set(id, cached.material);
      }
    }
    if (missing.size === 0) return E.right(found);
    const fetched = await keys.keysForRead([...missing.values()]);
    if (E.isLeft(fetched)) return fetched;
    for (const id of missing.keys()) {
      const material = fetched.right.get(id);
      found.set(id, material);
      readKeys?.set(id, { material });
    }
    return E.right(found);
  };

  const openEvent = (event: RecordedEvent, materials: ReadonlyMap<string, Uint8Array | undefined>): E.Either<ReadError, RecordedEvent> => {
    const declared = personal.get(event.type);
    if (declared === undefined) return E.right(event);
    const fields = sealedFieldsOf(event, declared);
    if (fields.length === 0) return E.right(event);
    const data = { ...(event.data as Record<string, unknown>) };
    const source = `event ${event.stream}@${event.streamVersion}`;
    for (const field of fields) {
      const sealed = data[field] as SealedValue;
      const ref = sealedRef(event.metadata.shopId, sealed);
      if (ref === undefined) return E.left(validationError(source, [{ path: `data.${field}`, reason: 'a sealed value without its subject or key generation' }]));
      const material = materials.get(keyId(ref));
      const placeholder = (declared.fields as Record<string, unknown>)[field];
      if (material === undefined) {
        // The key is destroyed (the retention window passed) or was never in this key store.
        if (placeholder === undefined) delete data[field];
        else data[field] = placeholder;
        continue;
      }
      const place: SealedPlace = { shopId: ref.shopId, subject: ref.subject, generation: ref.generation, type: event.type, field, eventId: event.metadata.eventId };
      const opened = open(material, place, sealed);
      if (E.isLeft(opened)) return E.left(validationError(source, [{ path: `data.${field}`, reason: opened.left }]));
      data[field] = opened.right;
    }
    return E.right({ ...event, data });
  };

  const readPage = async (events: readonly RecordedEvent[]): Promise<E.Either<ReadError, readonly RecordedEvent[]>> => {
    if (!events.some((e) => personal.has(e.type))) return E.right(events);
    const materials = await materialsFor(events);
    if (E.isLeft(materials)) return materials;
    const out: RecordedEvent[] = new Array(events.length);
    for (let i = 0; i < events.length; i++) {
      const opened = openEvent(events[i] as RecordedEvent, materials.right);
      if (E.isLeft(opened)) return opened;
      out[i] = opened.right;
    }
    return E.right(out);
  };

  const afterRead = async (read: E.Either<ReadError, readonly RecordedEvent[]>) => (E.isLeft(read) ? read : readPage(read.right));

  const subscribe: EventStore['subscribe'] = (subscribeOptions): Subscription => {
    const { handler } = subscribeOptions;
    return store.subscribe({
      ...subscribeOptions,
      // Only an event with personal fields waits for its key; the others go through in the same turn.
      handler: (event) => {
        if (!personal.has(event.type)) return handler(event);
        return readPage([event]).then((opened) => {
          if (E.isLeft(opened)) throw new Error(`cannot open ${event.stream}@${event.streamVersion}: ${JSON.stringify(opened.left)}`);
          return handler(opened.right[0] as RecordedEvent);
        });
      },
    });
  };

  const protectedStore: S = {
    ...store,
    append,
    readStream: async (stream, readOptions) => afterRead(await store.readStream(stream, readOptions)),
    readAll: async (readOptions) => afterRead(await store.readAll(readOptions)),
    subscribe,
  };
  registerLayer(protectedStore, { inner: store, readPage });
  protections.set(protectedStore, {
    keys,
    forget: (refs) => {
      for (const ref of refs) {
        readKeys?.delete(keyId(ref));
        const held = writeKeys.get(subjectKey(ref.shopId, ref.subject));
        if (held?.generation === ref.generation) writeKeys.delete(subjectKey(ref.shopId, ref.subject));
      }
    },
  });
  return protectedStore;
};
