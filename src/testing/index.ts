// kefu/testing: what testers import to check deciders and stores.
export { makeCommand, defaultMeta } from './commands.js';
export { scenario } from './scenario.js';
export type { EventMatch, Then } from './scenario.js';
export type { DeepPartial } from './match.js';
export { check, same } from './check.js';
export { counterModule } from './counterModule.js';
export type { CounterCommand, CounterEvent, CounterState } from './counterModule.js';
export { desk, deskInput } from './deskInputs.js';
export type { DeskInput } from './deskInputs.js';
export { deskCommand } from './deskCommand.js';
// Desk events and decisions for given/then histories.
export {
  T0,
  agentBusy,
  agentCapabilityChanged,
  agentEnabledChanged,
  agentGroupsChanged,
  agentLifecycleChanged,
  agentMaxSessionsChanged,
  agentOffline,
  agentOnline,
  agentRegistered,
  agentRoleChanged,
  agentStatusChanged,
  channelRuleSet,
  coAgentAdded,
  coAgentLeft,
  customerBlacklisted,
  customerPinned,
  customerUnpinned,
  groupCreated,
  onlineAgent,
  queueTargetChanged,
  routingConfigured,
  sessionAssigned,
  sessionDiverted,
  sessionEnded,
  sessionQueued,
  sessionRequeued,
  sessionTransferred,
  transferDeclined,
  transferExpired,
  transferRequested,
} from './deskHistory.js';
export type { AgentOptions, AssignedOptions, QueuedOptions, RequestOptions } from './deskHistory.js';
export { designated, filterCounts, groupScope, namedScope, picked, shopScope, standing, waiting } from './deskDecisions.js';
export type { PickOptions, StandingOptions } from './deskDecisions.js';
// Random desk operations and the routing invariants (these need fast-check, an optional peer dependency).
export { AGENTS, CHANNELS, CUSTOMERS, GROUPS, emptyKnown, learn, operationArb, setupInputs, toInput } from './deskArbitraries.js';
export type { Known, Operation } from './deskArbitraries.js';
export { AUTOMATIC, applyChecked, checkDesk, covers, emptyHistory } from './deskInvariants.js';
export type { History } from './deskInvariants.js';
export { followUpId, reminderKey, reminderModule, tallyStream } from './reminderModule.js';
export type { ReminderCommand, ReminderEvent, ReminderState } from './reminderModule.js';
// Command inputs for every module, derived from the modules' codecs (fast-check).
export { codecArbitrary, DEFAULT_POOLS, GENERATED_T0, NAMED_GENERATORS, NoGeneratorError } from './codecArbitrary.js';
export type { CodecArbitraryOptions, IdPools, NamedGenerator, WalkContext } from './codecArbitrary.js';
export { actorArbitrary, anyCommandArbitrary, commandArbitrary, commandTypesOf } from './commandArbitraries.js';
export type { CommandArbitraryOptions, CommandInputOf } from './commandArbitraries.js';
export { KEFU_MODULES } from '../kefuModules.js';
// The strict given(events).when(command).then(events | error) over kefu's modules.
export { given, givenIn } from './givenWhenThen.js';
export type { GivenHistory, StrictThen, WhenCommand, WhenOptions } from './givenWhenThen.js';
// The model-based harness for routing rules: a real engine on a virtual clock, the desk's invariants at every step.
export { checkRoutingProperty, routingModel, routingOperations } from './routingModel.js';
export type { CheckRoutingOptions, ModelAgent, RoutingModelOptions, RoutingProperty, RoutingSettingsPatch, RoutingStep } from './routingModel.js';
// Realistic days (desk and conversation inputs with times) and their run on a virtual clock.
export { dayArbitrary, runDay } from './dayArbitraries.js';
export type { Day, DayOptions, DayRun, DayStep } from './dayArbitraries.js';
// The simulator as a function on a virtual clock (src/simulation), and simulated days as arbitraries built on its spec.
export {
  DEFAULT_SIMULATION_SPEC,
  decodeSimulationSpec,
  erlangC,
  generateWorkload,
  parseStrategies,
  parseStrategy,
  playWorkload,
  decodeForRecordedDay,
  recordedDay,
  SimulationFailure,
  simulationSpecCodec,
  strategyOf,
  summarize,
} from '../simulation/index.js';
export type {
  AgentOutcome,
  ErlangC,
  ErlangCInput,
  PlayOptions,
  QueueSample,
  RecordedCommand,
  RecordedDay,
  RecordedDayOptions,
  SessionOutcome,
  SimulationResult,
  SimulationSpec,
  Strategy,
  StrategySummary,
  SummaryOptions,
  Workload,
} from '../simulation/index.js';
export { SMALL_SIMULATION_SPEC, workloadArbitrary } from './workloadArbitrary.js';
export type { GeneratedWorkload, WorkloadArbitraryOptions } from './workloadArbitrary.js';
