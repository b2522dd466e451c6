/**
 * R2 least load (接待余量): the smallest load ratio, active sessions / max sessions.
 * Ties go to the agent idle longest (the one whose last assignment is oldest; never
 * assigned counts as oldest), then to the smallest agent id, so the choice is
 * deterministic. Ratios are compared by cross-multiplication: exact, no floats.
 */
import type { Agent } from '../model.js';
import { compareValues, type OrderKey, type OrderedStrategy } from './strategy.js';

const key = (agent: Agent): OrderKey => [agent.load, agent.maxSessions, agent.lastAssignedSeq, agent.id];

const compare = (a: OrderKey, b: OrderKey): number => {
  const byRatio = (a[0] as number) * (b[1] as number) - (b[0] as number) * (a[1] as number);
  if (byRatio !== 0) return byRatio;
  return (a[2] as number) - (b[2] as number) || compareValues(a[3], b[3]);
};

export const leastLoad: OrderedStrategy = { kind: 'ordered', mode: 'least-load', key, compare };
