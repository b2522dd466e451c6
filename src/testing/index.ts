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
