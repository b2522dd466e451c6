/**
 * R14 smart switch (智能切换): which of my sessions to answer next. VIP customers
 * first; then the one waiting longest for a reply (the wait starts with a
 * customer message and stops with an agent reply); then the one with most
 * unreplied messages; then a draw among the sessions still tied.
 */
import type { Draws } from '../domain/seededDraws.js';
import type { SessionId } from '../domain/ids.js';

export interface SwitchCandidate {
  readonly sessionId: SessionId;
  readonly vip: boolean;
  /** When the customer started waiting for a reply (epoch ms); absent when nothing is unanswered. */
  readonly waitingSince?: number;
  readonly unreplied: number;
}

const compare = (a: SwitchCandidate, b: SwitchCandidate): number =>
  Number(b.vip) - Number(a.vip) ||
  (a.waitingSince ?? Number.POSITIVE_INFINITY) - (b.waitingSince ?? Number.POSITIVE_INFINITY) ||
  b.unreplied - a.unreplied;

export const smartSwitch = (sessions: readonly SwitchCandidate[], draws: Draws): SessionId | undefined => {
  if (sessions.length === 0) return undefined;
  let best: SwitchCandidate[] = [];
  for (const s of sessions) {
    const order = best.length === 0 ? -1 : compare(s, best[0] as SwitchCandidate);
    if (order < 0) best = [s];
    else if (order === 0) best.push(s);
  }
  return best[draws.below(best.length)]?.sessionId;
};
