/**
 * Advisory lock keys. PostgreSQL's two-int form takes a class and an object: the
 * class says what the lock is for, the object is a hash of the schema, so stores in
 * different schemas do not wait for each other (a hash collision only makes two
 * schemas share a lock: slower, never wrong).
 */

/** 'kefo': orders position reservations (see the append function). */
export const ORDER_LOCK_CLASS = 0x6b65666f;
/** 'kefm': serialises migrations of one schema. */
export const MIGRATION_LOCK_CLASS = 0x6b65666d;

/** FNV-1a over the UTF-16 code units, as a signed 32-bit integer (PostgreSQL's int4). */
export const schemaLockKey = (schema: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < schema.length; i++) {
    hash ^= schema.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
};
