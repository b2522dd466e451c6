// kefu: the engine, the kernel types and the in-memory store. Optional parts have
// their own entry points: kefu/sqlite, kefu/postgres, kefu/eventstoredb, kefu/testing.
export { createEngine, EngineConfigurationError } from './engine.js';
export type { AdvanceSummary, DispatchResult, Engine, EngineOptions, ReactorSettings, ReactorView } from './engine.js';

export type { Command, CommandInput, CommandMeta } from './domain/command.js';
export { commandInputCodec } from './domain/command.js';
export type { DecideContext, Decider, DomainEvent } from './domain/decider.js';
export { fold } from './domain/decider.js';
export type { Actor, EventMetadata, EventToAppend, RecordedEvent } from './domain/envelope.js';
export { actorCodec, eventMetadataCodec, recordedEventCodec } from './domain/envelope.js';
export type {
  ConcurrencyConflict,
  DomainError,
  ExpectedVersion,
  KefuError,
  StoreFailure,
  ValidationError,
  ValidationIssue,
} from './domain/errors.js';
export {
  concurrencyConflict,
  describeError,
  domainError,
  isConcurrencyConflict,
  isDomainError,
  isStoreFailure,
  isValidationError,
  storeFailure,
  validationError,
} from './domain/errors.js';
export type { AnyModule, DomainModule, EventDefinition, SnapshotPolicy, StreamReference } from './domain/module.js';
export { defineModule } from './domain/module.js';
export type { Registry } from './domain/registry.js';
export { createRegistry, RegistryConfigurationError } from './domain/registry.js';
export { decodeWith, identifier, intInRange, nonEmptyString, nonNegativeInt, oneOf, struct, timestamp } from './domain/validation.js';
export type { Clock, RandomSource } from './domain/clock.js';
export { drawsFromSeed } from './domain/seededDraws.js';
export type { Draws } from './domain/seededDraws.js';

export type {
  AppendError,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadError,
  ReadStreamOptions,
  Snapshot,
  SubscribeOptions,
  Subscription,
} from './adapters/eventStore.js';
export { createInMemoryEventStore } from './adapters/memory/inMemoryEventStore.js';

export type { AnyProjection, ProjectedEvent, Projection } from './projections/projection.js';
export { project } from './projections/projection.js';

export { systemClock } from './runtime/systemClock.js';
export { virtualClock } from './runtime/virtualClock.js';
export type { VirtualClock } from './runtime/virtualClock.js';
export { randomUuid, seededRandom, unseededRandom } from './runtime/seededRandom.js';
export type { RetryPolicy } from './runtime/backoff.js';
export { defaultRetryPolicy } from './runtime/backoff.js';

// The desk: sessions routing (agents, presence, capacity, queue, transfers).
export { deskModule, routingStream } from './domain/desk/deskModule.js';
export type { DeskCommand, DeskCommandType } from './domain/desk/deskCommands.js';
export type { DeskEvent, DeskEventType, EndReason, SessionStats } from './domain/desk/deskEvents.js';
export type { DeskSession, DeskState, Group, PendingTransfer } from './domain/desk/deskState.js';
export { encodeDesk, decodeDesk } from './domain/desk/deskSnapshot.js';

// The conversation: one stream per session (messages, read marks, presence), linked to routing by reactions.
export { conversationModule, conversationStream } from './domain/conversation/conversationModule.js';
export { CONVERSATION_ERROR_CODES, nextSessionIdOf } from './domain/conversation/conversationDecide.js';
export type { ConversationErrorCode } from './domain/conversation/conversationDecide.js';
export type { ConversationCommand, ConversationCommandType, RoutingChange } from './domain/conversation/conversationCommands.js';
export type { ConversationEvent, ConversationEventType, ConversationState, ConversationStatus, Initiation, Presence, ReadSide } from './domain/conversation/conversation.js';
export { sessionStatsOf } from './domain/conversation/conversation.js';
export { CUSTOMER_CONTENT, FILE_MAX_BYTES, IMAGE_MAX_BYTES, MESSAGE_KINDS, SYSTEM_TEXT_MAX_CHARS, TEXT_MAX_CHARS, isReply } from './domain/conversation/messages.js';
export type { ContentKind, EntryPoint, MessageContent, MessageKind, Sender } from './domain/conversation/messages.js';
export { conversationTimeline, customerView, staffView, timelineOf } from './projections/conversationTimeline.js';
export type { CustomerMessage, Timeline, TimelineMessage, Timelines } from './projections/conversationTimeline.js';
export { agentInbox, inboxSession, nextToAnswer, openSessionsOf, switchCandidates } from './projections/agentInbox.js';
export type { AgentInbox, InboxOrder, InboxSession, ShopInbox } from './projections/agentInbox.js';
export { DEFAULT_RECENT_CONTACTS, recentContactsOf, recentContactsProjection } from './projections/recentContacts.js';
export type { RecentContact, RecentContacts, RecentContactsOptions } from './projections/recentContacts.js';

// Shop settings: versions with an effective time, read by other modules as a reference.
export { shopSettingsModule } from './domain/shopSettings/shopSettingsModule.js';
export { settingsStream } from './domain/shopSettings/shopSettingsDecide.js';
export { settingsAt, versionAt, latestVersion } from './domain/shopSettings/settingsVersions.js';
export type { SettingsVersion, ShopSettingsState } from './domain/shopSettings/settingsVersions.js';
export { DEFAULT_WELCOME, welcomeText } from './domain/shopSettings/shopSettings.js';
export type { AutoReplies, NoResponseTimeout, Timeouts, AgentTimeoutAction } from './domain/shopSettings/shopSettings.js';
export type { ShopSettings, SettingsPart } from './domain/shopSettings/shopSettingsShape.js';
export type { ShopSettingsChange, ShopSettingsCommand } from './domain/shopSettings/shopSettingsCommands.js';
export type { ShopSettingsEvent } from './domain/shopSettings/shopSettingsEvents.js';
export type { Agent, AgentLifecycle, AgentRole, AgentStatus, BaseMode, QueueTarget, RoutingRequest } from './routing/model.js';
export { canAutoTake, countsAsPresent, exclusionOf, hasFreeSlot, isOverCapacity, isPresent, isWorking } from './routing/eligibility.js';
export type { Exclusion } from './routing/eligibility.js';
export type { PipelineStep, RoutingSettings, RoutingSettingsPatch } from './routing/settings.js';
export { DEFAULT_ROUTING_SETTINGS, PIPELINE_STEPS } from './routing/settings.js';
export { route, pickInGroup } from './routing/pipeline.js';
export type { RouteDecision, AssignVia } from './routing/decision.js';
export { smartSwitch } from './routing/smartSwitch.js';
export type { SwitchCandidate } from './routing/smartSwitch.js';
export { efficiencyFactor, weightOf } from './routing/strategies/weighted.js';
export { agentBoard, boardRows } from './projections/agentBoard.js';
export { explainAssignment } from './projections/explainAssignment.js';
export type { AssignmentExplanation, ExplainOptions, VersusExplanation, VersusReason } from './projections/explainAssignment.js';
export type { AssignmentDecision, DecisionStep, FilterCounts, QueueDecision, Scope, ScopeCounts, Standing, TieBreak } from './routing/trace.js';
export type { AgentBoard, BoardRow } from './projections/agentBoard.js';
export { queueView, visibleQueue, waitingIn } from './projections/queueView.js';
export type { QueueView, WaitingSession } from './projections/queueView.js';
export { runProjection } from './runtime/projectionRunner.js';
export type { DurableProjection, RunningProjection, RunProjectionOptions } from './runtime/projectionRunner.js';
export type { ProjectionCheckpoint, ProjectionStateStore } from './adapters/projectionStateStore.js';
export { createInMemoryProjectionStateStore } from './adapters/projectionStateStore.js';
export type { Reaction, ReactionCommand, ReactionMap } from './domain/reaction.js';
export { cancel, dispatch, reactionsTo, schedule } from './domain/reaction.js';
export { stableId } from './domain/stableId.js';
export type { Deadline, PendingDeadlines } from './projections/pendingDeadlines.js';
export { nextDeadline, pendingCount, pendingInOrder } from './projections/pendingDeadlines.js';
export { pendingDeadlinesProjection } from './projections/pendingDeadlinesProjection.js';
export type { ReactorReport, ReactionInput } from './runtime/reactor.js';
export { isVirtualClock } from './runtime/virtualClock.js';
export { copyLog } from './adapters/copyLog.js';
export type { CopyOptions } from './adapters/copyLog.js';
export { summarizeLog, logDigest } from './adapters/logChecksum.js';
export type { LogSummary } from './adapters/logChecksum.js';

// The business calendar (S9's business hours, the SLA clock): pure, over UTC epoch milliseconds.
export type {
  AlwaysOpenCalendar,
  AlwaysOpenDefinition,
  Calendar,
  CalendarDefinition,
  CalendarExceptionDefinition,
  OpeningRangeDefinition,
  Weekday,
  WeeklyCalendar,
  WeeklyDefinition,
} from './domain/calendar/calendarTypes.js';
export { WEEKDAYS } from './domain/calendar/calendarTypes.js';
export { alwaysOpen, calendarCodec, calendarDefinitionCodec, decodeCalendar, MAX_EXCEPTIONS, MAX_RANGES_PER_DAY, timeZoneCodec } from './domain/calendar/calendarCodec.js';
export { addBusinessSeconds, businessSeconds, isOpen, nextOpening } from './domain/calendar/businessTime.js';
export { isKnownZone } from './domain/calendar/zone.js';

// Auto-replies (S9): one stream per customer, decided on the shop's settings, sent as system messages by a reaction.
export { autoRepliesModule, autoRepliesStream } from './domain/autoReplies/autoRepliesModule.js';
export { AUTO_REPLIES_ERROR_CODES } from './domain/autoReplies/autoRepliesDecide.js';
export type { AutoRepliesErrorCode } from './domain/autoReplies/autoRepliesDecide.js';
export type { AutoRepliesCommand, AutoRepliesCommandType } from './domain/autoReplies/autoRepliesCommands.js';
export { AUTO_REPLY_MOMENTS, AUTO_REPLY_PURPOSES } from './domain/autoReplies/autoRepliesEvents.js';
export type { AutoRepliesEvent, AutoReplyMoment, AutoReplyPurpose } from './domain/autoReplies/autoRepliesEvents.js';
export type { AutoRepliesState } from './domain/autoReplies/autoRepliesState.js';
export { autoReplyMessageId, queueReplies, someAgentPresent, startReplies } from './domain/autoReplies/rules.js';
export { localDateOf } from './domain/autoReplies/localDate.js';
