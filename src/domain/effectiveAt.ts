/**
 * Versions with an effective time (shop settings, SLA versions): which one is in
 * force at an instant. Both keep their versions in ascending effectiveAt, so this
 * is a binary search for the last whose effectiveAt <= the instant (of two with the
 * same effectiveAt, the later one).
 */
export const inForceAt = <V extends { readonly effectiveAt: number }>(versions: readonly V[], at: number, before: V): V => {
  let low = 0;
  let high = versions.length - 1;
  let found = before;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const candidate = versions[mid]!;
    if (candidate.effectiveAt <= at) {
      found = candidate;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
};
