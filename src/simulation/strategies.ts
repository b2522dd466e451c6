/**
 * Named routing strategies to compare: a base mode (R2 least load, R3 round
 * robin, R4 weighted, random), optionally with stickiness to the last agent (R1)
 * and pinning (R6/R7). A name is the mode and its modifiers joined by `+`
 * (`least-load+sticky+pinning`); without `+sticky`, stickiness is off (the
 * engine's default has it on), so each name says everything it does.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { BaseMode } from '../routing/model.js';
import type { Strategy } from './workload.js';

export const BASE_MODES: readonly BaseMode[] = ['least-load', 'round-robin', 'weighted', 'random'];
export const STRATEGY_MODIFIERS = ['sticky', 'pinning'] as const;
export type StrategyModifier = (typeof STRATEGY_MODIFIERS)[number];

/** What `kefu simulate` compares when no strategies are named. */
export const DEFAULT_STRATEGIES: readonly string[] = ['least-load', 'round-robin', 'weighted', 'least-load+sticky', 'round-robin+sticky+pinning'];

export const KNOWN_STRATEGIES_TEXT = `${BASE_MODES.join(', ')}, each optionally followed by ${STRATEGY_MODIFIERS.map((m) => `+${m}`).join(' and/or ')}`;

export const strategyOf = (mode: BaseMode, modifiers: readonly StrategyModifier[] = []): Strategy => ({
  name: [mode, ...STRATEGY_MODIFIERS.filter((m) => modifiers.includes(m))].join('+'),
  routing: { baseMode: mode, stickyRecentContact: modifiers.includes('sticky'), pinningEnabled: modifiers.includes('pinning') },
});

/** One strategy from its name; the error says what names there are. */
export const parseStrategy = (name: string): E.Either<string, Strategy> => {
  const [mode, ...modifiers] = name.trim().split('+');
  if (!(BASE_MODES as readonly string[]).includes(mode ?? '')) return E.left(`unknown strategy ${JSON.stringify(name)}: known are ${KNOWN_STRATEGIES_TEXT}`);
  const unknown = modifiers.filter((m) => !(STRATEGY_MODIFIERS as readonly string[]).includes(m));
  if (unknown.length > 0) return E.left(`unknown strategy ${JSON.stringify(name)} (modifier ${unknown.join(', ')}): known are ${KNOWN_STRATEGIES_TEXT}`);
  if (new Set(modifiers).size !== modifiers.length) return E.left(`strategy ${JSON.stringify(name)} names a modifier twice`);
  return E.right(strategyOf(mode as BaseMode, modifiers as StrategyModifier[]));
};

/** A comma-separated list of names (`least-load,round-robin+sticky`), each parsed; the first bad one is the error. */
export const parseStrategies = (list: string): E.Either<string, Strategy[]> => {
  const names = list.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (names.length === 0) return E.left(`no strategy named: known are ${KNOWN_STRATEGIES_TEXT}`);
  const out: Strategy[] = [];
  for (const name of names) {
    const parsed = parseStrategy(name);
    if (E.isLeft(parsed)) return parsed;
    if (out.some((s) => s.name === parsed.right.name)) return E.left(`strategy ${parsed.right.name} is named twice`);
    out.push(parsed.right);
  }
  return E.right(out);
};
