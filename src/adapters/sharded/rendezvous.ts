/**
 * Where a new shop goes: rendezvous (highest-random-weight) hashing. Each server's
 * weight for a key is the first 8 bytes of SHA-1(`${server}\u0000${key}`), read as
 * an unsigned big-endian integer; the heaviest server wins (a tie, which needs a
 * 64-bit collision, goes to the name that sorts first). Every process with the same
 * server names computes the same answer, with no table and no coordination, and
 * adding a server takes shops only onto the new server: a shop's weights on the old
 * servers do not change, so its winner either stays or is the newcomer.
 *
 * The hash only proposes: the shop map records the answer at the shop's first
 * append, so a shop stays where it was first written when the server list changes.
 */
import { createHash } from 'node:crypto';

/** A server's weight for a key (a shop id, or a stream name for a stream with no shop). */
export const rendezvousWeight = (server: string, key: string): bigint =>
  createHash('sha1').update(`${server}\u0000${key}`).digest().readBigUInt64BE(0);

/** The server the hash proposes for `key`; undefined only for an empty list. */
export const rendezvousServer = (key: string, servers: readonly string[]): string | undefined => {
  let best: string | undefined;
  let bestWeight = -1n;
  for (const server of servers) {
    const weight = rendezvousWeight(server, key);
    if (weight > bestWeight || (weight === bestWeight && best !== undefined && server < best)) {
      best = server;
      bestWeight = weight;
    }
  }
  return best;
};
