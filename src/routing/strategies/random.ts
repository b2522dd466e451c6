/** R5 random: a uniform pick among the eligible agents, drawn from the command's seed. */
import type { RandomStrategy } from './strategy.js';

export const random: RandomStrategy = { kind: 'random', mode: 'random' };
