// kefu/testing: what testers import to check deciders and stores.
export { makeCommand, defaultMeta } from './commands.js';
export { scenario } from './scenario.js';
export type { Then } from './scenario.js';
export { counterModule } from './counterModule.js';
export type { CounterCommand, CounterEvent, CounterState } from './counterModule.js';
export { desk, deskInput } from './deskInputs.js';
export type { DeskInput } from './deskInputs.js';
export { followUpId, reminderKey, reminderModule, tallyStream } from './reminderModule.js';
export type { ReminderCommand, ReminderEvent, ReminderState } from './reminderModule.js';
