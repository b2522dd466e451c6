/**
 * Ids derived from their inputs, the same on every machine and every run: a
 * reaction's command id comes from the event that caused it, so an event handled
 * twice (after a restart, or by two engines) gives the same command twice, which
 * the target's decide recognises. A 128-bit hash (four 32-bit multiply-xor lanes,
 * cyrb128-style) is plenty for ids that only need to differ between distinct
 * inputs; it is written here because the core may not import node:crypto.
 */

const hash128 = (text: string): [number, number, number, number] => {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
};

/**
 * `prefix` + 32 hex digits hashed from `parts` (joined with a separator no id
 * contains), a valid message id whatever the length of the parts.
 */
export const stableId = (prefix: string, parts: readonly string[]): string =>
  prefix + hash128(parts.join('\u0000')).map((n) => n.toString(16).padStart(8, '0')).join('');
