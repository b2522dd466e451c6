/**
 * The shops a stream name may belong to. kefu names every stream
 * `<category>-<shopId>` or `<category>-<shopId>-<id>`, and both categories
 * (`ticket-settings`) and shop ids (`acme-eu`) may contain '-', so the name alone
 * does not say where the shop starts or ends: every run of the name between two
 * '-' boundaries (or the end) that is a valid shop id is a candidate, and the shop
 * map says which candidates are real shops. A run starting at the first character
 * is never one (the category comes first).
 */
import { shopIdCodec } from '../../domain/ids.js';

/** More candidates than this (a name full of dashes) are not looked up: such a stream is searched for on every server. */
export const MAX_CANDIDATES = 256;

export const shopCandidates = (stream: string): readonly string[] => {
  const dashes: number[] = [];
  for (let i = stream.indexOf('-'); i !== -1; i = stream.indexOf('-', i + 1)) dashes.push(i);
  const ends = [...dashes, stream.length];
  const out: string[] = [];
  for (const dash of dashes) {
    for (const end of ends) {
      if (end <= dash + 1) continue;
      const candidate = stream.slice(dash + 1, end);
      if (shopIdCodec.is(candidate)) out.push(candidate);
      if (out.length > MAX_CANDIDATES) return [];
    }
  }
  return out;
};
