/**
 * R3 round robin / equal share (人人平等): the agent whose last assignment is the
 * oldest goes next (never assigned counts as oldest; ties by agent id). Agents
 * online and under max the whole time therefore receive counts within one of each
 * other, and an agent joining late is not flooded to "catch up".
 */
import type { Agent } from '../model.js';
import { compareValues, type OrderKey, type OrderedStrategy } from './strategy.js';

const key = (agent: Agent): OrderKey => [agent.lastAssignedSeq, agent.id];

const compare = (a: OrderKey, b: OrderKey): number => (a[0] as number) - (b[0] as number) || compareValues(a[1], b[1]);

export const roundRobin: OrderedStrategy = { kind: 'ordered', mode: 'round-robin', key, compare };
