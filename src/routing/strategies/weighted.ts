/**
 * R4 weighted capability (能者多劳): shares proportional to each agent's weight, by
 * stride scheduling. Every agent has a pass; the smallest pass is picked, and the
 * picked agent's pass grows by 1 / weight. Over many arrivals each agent's share of
 * the picks converges to weight / sum of weights, with an error of at most about
 * one pick per competing agent (Waldspurger & Weihl, 1995). An agent coming back (online again, or under max again)
 * restarts from the desk's current pass, so it is not flooded to catch up.
 *
 * The weight: capability (A4, 0..100) times an efficiency factor built from the
 * agent's ended sessions (R4's "historical efficiency"):
 *   efficiency = replyRate x speed,  speed = clamp(TARGET / firstResponseSec, 0.5, 2)
 *   weight     = max(capability, 1) / 100 x efficiency
 * replyRate and firstResponseSec are exponential moving averages (alpha = 0.1, about
 * the last 20 sessions) of "did the agent reply" and of the first response time of
 * replied sessions; a new agent starts at replyRate 1 and firstResponseSec = TARGET
 * (efficiency 1). TARGET is 30 s (the manuals' 30-second answer rate, M14).
 */
import type { Agent, Efficiency } from '../model.js';
import { compareValues, type OrderKey, type OrderedStrategy } from './strategy.js';

export const TARGET_FIRST_RESPONSE_SEC = 30;
export const EFFICIENCY_ALPHA = 0.1;
export const NEW_AGENT_EFFICIENCY: Efficiency = { replyRate: 1, firstResponseSec: TARGET_FIRST_RESPONSE_SEC };

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export const efficiencyFactor = (e: Efficiency): number =>
  e.replyRate * clamp(TARGET_FIRST_RESPONSE_SEC / Math.max(e.firstResponseSec, 0.001), 0.5, 2);

/** Never zero, so every eligible agent is eventually picked. */
export const weightOf = (agent: Agent): number => Math.max(1e-3, (Math.max(agent.capability, 1) / 100) * efficiencyFactor(agent.efficiency));

/** Folds one ended session into an agent's efficiency. */
export const recordSession = (e: Efficiency, replied: boolean, firstResponseSec: number | undefined): Efficiency => ({
  replyRate: e.replyRate + EFFICIENCY_ALPHA * ((replied ? 1 : 0) - e.replyRate),
  firstResponseSec:
    replied && firstResponseSec !== undefined
      ? e.firstResponseSec + EFFICIENCY_ALPHA * (firstResponseSec - e.firstResponseSec)
      : e.firstResponseSec,
});

const key = (agent: Agent): OrderKey => [agent.pass, agent.id];

const compare = (a: OrderKey, b: OrderKey): number => (a[0] as number) - (b[0] as number) || compareValues(a[1], b[1]);

export const weighted: OrderedStrategy = {
  kind: 'ordered',
  mode: 'weighted',
  key,
  compare,
  // Stride scheduling: the picked agent moves on by 1 / weight.
  assigned: (agent) => ({ pass: agent.pass + 1 / weightOf(agent) }),
  // Back in the pool: not behind the pool's virtual time (its smallest pass), so no flood to catch up.
  rejoining: (agent, smallest) => (smallest !== undefined && agent.pass < (smallest[0] as number) ? { pass: smallest[0] as number } : {}),
  // Switched to weighted: everyone starts level.
  activated: () => ({ pass: 0 }),
};
