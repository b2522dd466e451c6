// kefu/testing: what testers import to check deciders and stores.
export { makeCommand, defaultMeta } from './commands.js';
export { scenario } from './scenario.js';
export type { Then } from './scenario.js';
export { check, same } from './check.js';
export { counterModule } from './counterModule.js';
export type { CounterCommand, CounterEvent, CounterState } from './counterModule.js';
export { desk, deskInput } from './deskInputs.js';
export type { DeskInput } from './deskInputs.js';
// Random desk operations and the routing invariants (these need fast-check, an optional peer dependency).
export { AGENTS, CHANNELS, CUSTOMERS, GROUPS, emptyKnown, learn, operationArb, setupInputs, toInput } from './deskArbitraries.js';
export type { Known, Operation } from './deskArbitraries.js';
export { AUTOMATIC, applyChecked, checkDesk, covers, emptyHistory } from './deskInvariants.js';
export type { History } from './deskInvariants.js';
export { followUpId, reminderKey, reminderModule, tallyStream } from './reminderModule.js';
export type { ReminderCommand, ReminderEvent, ReminderState } from './reminderModule.js';
