/** The simulator as a library: a shop's spec made into a workload, played on the engine under routing strategies, and summarised. */
export type {
  AgentOutcome,
  CustomerPin,
  QueueSample,
  SessionFate,
  SessionOutcome,
  Shift,
  SimAgent,
  SimArrival,
  SimulationResult,
  Strategy,
  StrategySummary,
  SummaryOptions,
  Workload,
} from './workload.js';
export { draws, exponential, logNormal, normal, poissonArrivals, weighted, type ArrivalProcess, type Burst, type Draws } from './distributions.js';
export { DEFAULT_SIMULATION_SPEC, decodeSimulationSpec, simulationSpecCodec, withSpecOverrides, type ShiftSpec, type SimulationSpec, type TimeDistribution } from './simulationSpec.js';
export { generateWorkload } from './generateWorkload.js';
export { playWorkload, SimulationFailure, type ConversationOptions, type PlayOptions, type RecordedCommand } from './playWorkload.js';
export { DEFAULT_FIRST_RESPONSE_SLA_MS, DEFAULT_SERVICE_LEVEL_MS, summarize, timeWeightedQuantile } from './summarize.js';
export { erlangC, type ErlangC, type ErlangCInput } from './erlangC.js';
export { BASE_MODES, DEFAULT_STRATEGIES, KNOWN_STRATEGIES_TEXT, parseStrategies, parseStrategy, STRATEGY_MODIFIERS, strategyOf, type StrategyModifier } from './strategies.js';
// A recorded day read back from a log as a workload, with what really happened beside it (kefu whatif).
export { recordedDay, recordedStrategyName, type RecordedDay, type RecordedDayOptions, type RecordedRouting } from './recordedDay.js';
export { decodeForRecordedDay, RECORDED_DAY_MODULES, recordedDayRegistry } from './recordedRegistry.js';
export { assumptionsOf, type DayFacts } from './recordedAssumptions.js';
export { agentComparisonRows, comparisonRows, type AgentComparisonRow, type ComparisonRow } from './recordedComparison.js';
