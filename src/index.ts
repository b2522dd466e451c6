// kefu: the engine, the kernel types and the in-memory store. Optional parts have
// their own entry points: kefu/sqlite, kefu/postgres, kefu/eventstoredb, kefu/testing.
export { createEngine, EngineConfigurationError } from './engine.js';
export type { AdvanceSummary, ContentProtectionSettings, DispatchResult, Engine, EngineOptions, ReactorSettings, ReactorView } from './engine.js';

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
export type { CommandInputFor, CommandInputOf, CommandsOfModule, CommandsOfModules, EventsOfModule, EventsOfModules } from './domain/commandInputs.js';
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
export { explainAssignment, explainAssignments } from './projections/explainAssignment.js';
export type { AssignmentExplanation, ExplainOptions, SessionAssignmentExplanation, VersusExplanation, VersusReason } from './projections/explainAssignment.js';
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

// S16 retention: personal fields sealed with per-session keys (crypto-shredding), destroyed past the shop's window.
export { DEFAULT_RETENTION, RETENTIONS, retentionWindowMs } from './domain/shopSettings/retention.js';
export type { Retention } from './domain/shopSettings/retention.js';
export { EXPIRED_CONTENT } from './domain/conversation/messages.js';
export type { ExpiredContent, StoredMessageContent } from './domain/conversation/messages.js';
export { SEALED_MARKER, SESSION_SUBJECT_PREFIX, isSealed, sessionSubject } from './domain/personalData.js';
export type { PersonalData, SealedValue } from './domain/personalData.js';
export { LAST_WRITE_STEP_MS, keyId } from './adapters/keyStore.js';
export type { ContentKey, KeyCursor, KeyInfo, KeyRef, KeyStore, KeyStoreError, ListKeysOptions, SubjectRef } from './adapters/keyStore.js';
export { createInMemoryKeyStore } from './adapters/memory/inMemoryKeyStore.js';
export { ContentProtectionConfigurationError, protectContent, protectionOf } from './runtime/contentProtection/protectContent.js';
export type { ContentProtection, ContentProtectionOptions } from './runtime/contentProtection/protectContent.js';
export { retentionSweep } from './runtime/contentProtection/retentionSweep.js';
export type { RetentionSweepOptions, SweepReport, SweptShop } from './runtime/contentProtection/retentionSweep.js';

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

// Session review (S10 ratings, S13 stars, S15 tags): one stream per session beside its conversation, read as a reference.
export { reviewModule, reviewStream } from './domain/review/reviewModule.js';
export { reviewPolicy } from './domain/review/reviewPolicy.js';
export { REVIEW_ERROR_CODES } from './domain/review/reviewDecide.js';
export type { ReviewErrorCode } from './domain/review/reviewDecide.js';
export { COMMENT_MAX_CHARS, FORCED_INVITATION_ID, RATING_LABELS, RATING_SCORES, TAG_MAX_CHARS } from './domain/review/reviewCommands.js';
export type { RatingScore, ReviewCommand, ReviewCommandType } from './domain/review/reviewCommands.js';
export { RATING_SOURCES } from './domain/review/reviewEvents.js';
export type { RatingSource, ReplacedRating, ReviewEvent, ReviewEventType, SessionRatedData } from './domain/review/reviewEvents.js';
export { MAX_INVITATIONS, MAX_TAGS, bestRating, initialReviewState } from './domain/review/reviewState.js';
export type { Invitation, Rating, ReviewState } from './domain/review/reviewState.js';
export { creditOf } from './domain/review/ratings.js';
export { sessionRelation } from './domain/review/sessionRelation.js';
export type { Participation } from './domain/review/sessionRelation.js';
export { agentSatisfactionOf, sessionRatingOf, sessionRatingsProjection } from './projections/sessionRatings.js';
export type { AgentSatisfaction, SessionBestRating, SessionRatingView, SessionRatings, SessionRatingsOptions } from './projections/sessionRatings.js';
export { starredSessionsOf, starredSessionsProjection } from './projections/starredSessions.js';
export type { StarredSession, StarredSessions, StarredSessionsOptions } from './projections/starredSessions.js';
export { DEFAULT_LIST_WINDOW_MONTHS, monthsBefore } from './projections/timeWindow.js';

// Consultation summary (S11): the shop's category tree (up to 5 levels) and each session's leaf, on one stream per shop.
export { consultationSummaryModule, summaryStream } from './domain/consultationSummary/summaryModule.js';
export { consultationSummaryPolicy } from './domain/consultationSummary/consultationSummaryPolicy.js';
export { CONSULTATION_SUMMARY_ERROR_CODES } from './domain/consultationSummary/summaryDecide.js';
export type { ConsultationSummaryErrorCode } from './domain/consultationSummary/summaryDecide.js';
export { CATEGORY_NAME_MAX_CHARS, MAX_CATEGORIES, MAX_DEPTH as SUMMARY_MAX_DEPTH } from './domain/consultationSummary/summaryCommands.js';
export type { SummaryCommand, SummaryCommandType } from './domain/consultationSummary/summaryCommands.js';
export type { SummaryEvent, SummaryEventType } from './domain/consultationSummary/summaryEvents.js';
export { RECENT_CLASSIFICATIONS, initialSummaryState, pathOf } from './domain/consultationSummary/categoryTree.js';
export type { Category, SummaryState } from './domain/consultationSummary/categoryTree.js';
export { defaultSummaryCategories } from './domain/consultationSummary/defaultCategories.js';
export type { DefaultCategory } from './domain/consultationSummary/defaultCategories.js';
export { categoryTreeOf, sessionSummariesProjection, sessionSummaryOf, sessionsUnder } from './projections/sessionSummaries.js';
export type { CategoryNode, SessionSummaries, SessionSummaryLine } from './projections/sessionSummaries.js';

// Moderation (S15): the shop's sensitive words (block or mask, per direction) and the anti-spam throttle of customers' messages.
export { moderationModule } from './domain/moderation/moderationModule.js';
export { moderationStream } from './domain/moderation/moderationStream.js';
export { moderationPolicy } from './domain/moderation/moderationPolicy.js';
export { MODERATION_ERROR_CODES } from './domain/moderation/moderationDecide.js';
export type { ModerationErrorCode } from './domain/moderation/moderationDecide.js';
export { MAX_BURST, MAX_REFILL_PER_MINUTE, WORD_ACTIONS } from './domain/moderation/moderationCommands.js';
export type { ModerationCommand, ModerationCommandType, SensitiveWordRule, WordAction } from './domain/moderation/moderationCommands.js';
export type { ModerationEvent, ModerationEventType } from './domain/moderation/moderationEvents.js';
export { DEFAULT_THROTTLE, initialModerationState } from './domain/moderation/moderationState.js';
export type { ModerationState } from './domain/moderation/moderationState.js';
export { MAX_SENSITIVE_WORDS, SENSITIVE_WORD_MAX_CHARS, fold as foldSensitiveText } from './domain/moderation/sensitiveWords.js';
export type { WordList } from './domain/moderation/sensitiveWords.js';
export { findSensitive, masked as maskSpans, mergedSpans } from './domain/moderation/matcher.js';
export type { SensitiveMatch } from './domain/moderation/matcher.js';
export { TOKEN_UNITS, admit, afterTaking, unitsAt } from './domain/moderation/tokenBucket.js';
export type { Admission, BucketLevel, BucketRate, ThrottleConfig } from './domain/moderation/tokenBucket.js';
export type { MaskRecord } from './domain/conversation/moderation/moderationRecords.js';

// Quick replies (Q1-Q4): team and personal phrases in groups, limits, import/export; suggestions and search as a projection.
export { quickRepliesModule, quickRepliesStream } from './domain/quickReplies/quickRepliesModule.js';
export { quickRepliesPolicy } from './domain/quickReplies/quickRepliesPolicy.js';
export { QUICK_REPLIES_ERROR_CODES } from './domain/quickReplies/quickRepliesErrors.js';
export type { QuickRepliesErrorCode } from './domain/quickReplies/quickRepliesErrors.js';
export type { QuickRepliesCommand, QuickRepliesCommandType } from './domain/quickReplies/quickRepliesCommands.js';
export type { ImportedPhrase, QuickRepliesEvent, QuickRepliesEventType, RejectedEntry } from './domain/quickReplies/quickRepliesEvents.js';
export type { QuickRepliesState } from './domain/quickReplies/quickRepliesState.js';
export {
  CONTENT_MAX_CHARS,
  DEFAULT_GROUP_ID,
  DEFAULT_GROUP_NAME,
  GROUP_LIMIT,
  GROUP_NAME_MAX_CHARS,
  KEYWORD_MAX_CHARS,
  PHRASE_LIMIT,
  TITLE_MAX_CHARS,
} from './domain/quickReplies/phrases.js';
export type { Phrase, PhraseGroup, PhraseScope } from './domain/quickReplies/phrases.js';
export { IMPORT_MAX_ENTRIES, IMPORT_MODES } from './domain/quickReplies/importEntries.js';
export type { ImportMode, ImportPhrasesData, PhraseEntry } from './domain/quickReplies/importEntries.js';
export { EXPORT_FORMAT, EXPORT_VERSION, exportPhrases, importInputOf } from './domain/quickReplies/phraseExport.js';
export type { ImportPhrasesInput, PhraseExport } from './domain/quickReplies/phraseExport.js';
export { quickReplySuggestionsProjection, searchQuickReplies, suggestQuickReplies } from './projections/quickReplySuggestions.js';
export type { PhraseView, QuickReplySuggestions, SearchQuery, SuggestQuery } from './projections/quickReplySuggestions.js';

// Customers (C1, C2): one profile stream per customer; the directory folds profiles and conversations; the service record reads sessions from the store.
export { customersModule, customerStream } from './domain/customers/customersModule.js';
export { customersPolicy } from './domain/customers/customersPolicy.js';
export { CUSTOMERS_ERROR_CODES } from './domain/customers/customersDecide.js';
export type { CustomersErrorCode } from './domain/customers/customersDecide.js';
export {
  MAX_TAGS as CUSTOMER_MAX_TAGS,
  NAME_MAX_CHARS as CUSTOMER_NAME_MAX_CHARS,
  PERSONAL_FIELDS as CUSTOMER_PERSONAL_FIELDS,
  PROFILE_FIELDS,
  TAG_MAX_CHARS as CUSTOMER_TAG_MAX_CHARS,
  digitsOf,
  phoneCodec,
} from './domain/customers/customerProfile.js';
export type { ProfileField, ProfileFields } from './domain/customers/customerProfile.js';
export type { CustomersCommand, CustomersCommandType, ProfilePatch } from './domain/customers/customersCommands.js';
export type { CustomersEvent, CustomersEventType } from './domain/customers/customersEvents.js';
export type { CustomerState } from './domain/customers/customersState.js';
export { customerDirectory, customerEntry } from './projections/customerDirectory.js';
export type { CustomerDirectory, CustomerEntry, DirectoryEvent, ServiceSession } from './projections/customerDirectory.js';
export { canSeeCustomer, customerQueryCodec, customerRow, groupsFromDesk, searchCustomers, serviceSessions } from './projections/customerQueries.js';
export type { CustomerPage, CustomerQuery, CustomerRow, VisibilityOptions } from './projections/customerQueries.js';
export { searchServiceRecord, searchableText, serviceRecord, sessionMessages } from './runtime/serviceRecord.js';
export type { LogReader, RecordSession, SearchMatch, ServiceRecord, ServiceRecordQuery, ServiceRecordSearch, ShownMessage } from './runtime/serviceRecord.js';

// Feedback (C5): one stream per item, pending -> processing -> done with the time of each step; the list as a projection.
export { feedbackModule, feedbackStream } from './domain/feedback/feedbackModule.js';
export { feedbackPolicy } from './domain/feedback/feedbackPolicy.js';
export { FEEDBACK_ERROR_CODES } from './domain/feedback/feedbackDecide.js';
export type { FeedbackErrorCode } from './domain/feedback/feedbackDecide.js';
export { FEEDBACK_MAX_CHARS, MAX_FEEDBACK_IMAGES, REPLY_MAX_CHARS as FEEDBACK_REPLY_MAX_CHARS } from './domain/feedback/feedbackCommands.js';
export type { FeedbackCommand, FeedbackCommandType, FeedbackSubmission } from './domain/feedback/feedbackCommands.js';
export type { FeedbackEvent, FeedbackEventType } from './domain/feedback/feedbackEvents.js';
export { FEEDBACK_STATUSES } from './domain/feedback/feedbackState.js';
export type { FeedbackState, FeedbackStatus } from './domain/feedback/feedbackState.js';
export { DEFAULT_RETAIN_DONE, canSeeFeedback, feedbackItem, feedbackItems, feedbackListProjection, feedbackQueryCodec } from './projections/feedbackList.js';
export type { FeedbackItem, FeedbackList, FeedbackQuery } from './projections/feedbackList.js';

// Permissions (P1-P3): the role editor's roles and members (the access module), one permission table per module, checked in each decide.
export { accessModule, accessStream } from './domain/access/accessModule.js';
export { accessPolicy } from './domain/access/accessPolicy.js';
export { ACCESS_ERROR_CODES, MAX_ROLES } from './domain/access/accessDecide.js';
export type { AccessErrorCode } from './domain/access/accessDecide.js';
export { MAX_BRANDS_PER_ROLE, MAX_ROLES_PER_AGENT } from './domain/access/accessCommands.js';
export type { AccessCommand, AccessCommandType, RoleFields } from './domain/access/accessCommands.js';
export type { AccessEvent } from './domain/access/accessEvents.js';
export { DEFAULT_GRANTS, grantsOf, initialAccessState } from './domain/access/accessState.js';
export type { AccessState, Grants, RoleDefinition } from './domain/access/accessState.js';
export { NAMED_PERMISSIONS, PERMISSION_ERROR_CODES, STAFF_ROLES, authorize, authorizeBy, farthest, handlesBrand, noted, requireBrand, rules } from './domain/permissions/policy.js';
export type { CommandRule, NamedPermission, PermissionErrorCode, PolicyTable, Reach, Relation, StaffRole, Who } from './domain/permissions/policy.js';
export { permissionReferences, permissionReferencesFor, relationToAgent, relationToSession, resolveWho, sharesGroupWith, whoFromContext } from './domain/permissions/who.js';
export type { SessionParties } from './domain/permissions/who.js';
export { policyRows, policyTables } from './domain/permissions/policyTables.js';
export type { PolicyModuleName } from './domain/permissions/policyTables.js';
export { deskPolicy } from './domain/desk/deskPolicy.js';
export { conversationPolicy } from './domain/conversation/conversationPolicy.js';
export { shopSettingsPolicy } from './domain/shopSettings/shopSettingsPolicy.js';
export { autoRepliesPolicy } from './domain/autoReplies/autoRepliesPolicy.js';

// Tickets and SLA (T1-T11): settings (groups, types, templates, versioned SLA policies and calendars), the ticket, the SLA clock, the lists.
export { ticketSettingsModule, ticketSettingsReference, ticketSettingsStream } from './tickets/settings/ticketSettingsModule.js';
export { ticketSettingsPolicy } from './tickets/settings/ticketSettingsPolicy.js';
export { TICKET_SETTINGS_ERROR_CODES } from './tickets/settings/ticketSettingsErrors.js';
export type { TicketSettingsErrorCode } from './tickets/settings/ticketSettingsErrors.js';
export { MAX_AGENTS_PER_COMMAND, MAX_GROUP_MEMBERS, MAX_GROUPS, MAX_TEMPLATES, MAX_TYPE_DEPTH, MAX_TYPES, ticketSettingsCommandCodecs } from './tickets/settings/ticketSettingsCommands.js';
export type { TicketSettingsCommand, TicketSettingsCommandOf, TicketSettingsCommandType, TicketSettingsDataOf } from './tickets/settings/ticketSettingsCommands.js';
export { isSlaVersionEvent, SLA_VERSION_EVENT_TYPES, slaPolicyCodec, ticketSettingsEventDefinitions } from './tickets/settings/ticketSettingsEvents.js';
export type { SlaVersionEvent, SlaVersionEventType, TicketSettingsEvent, TicketSettingsEventOf, TicketSettingsEventType, Versioned as SlaVersioned } from './tickets/settings/ticketSettingsEvents.js';
export { evolveTicketSettings, initialTicketSettingsState } from './tickets/settings/ticketSettingsState.js';
export { decodeTicketSettings, encodeTicketSettings } from './tickets/settings/ticketSettingsSnapshot.js';
export { FIELD_KINDS, SLA_CLOCKS } from './tickets/settings/ticketSettingsTypes.js';
export type {
  AcceptanceGroup,
  FieldDefinition,
  FieldKind,
  LeftMessageTickets,
  PolicyCalendar,
  PriorityTargets,
  Recipients,
  ReminderRule,
  ReminderWhen,
  SlaCalendar,
  SlaClock,
  SlaPolicy,
  SlaVersion,
  TicketSettingsState,
  TicketTemplate,
  TicketType,
} from './tickets/settings/ticketSettingsTypes.js';
export { canReceiveTickets, groupMembers, groupsOfAgent, isGroupMember } from './tickets/settings/acceptanceGroups.js';
export { ancestorsOf as ticketTypeAncestorsOf, depthOf as ticketTypeDepthOf, isKnownType, pathOf as ticketTypePathOf, siblingsOf as ticketTypeSiblingsOf, subtreeOf as ticketTypeSubtreeOf } from './tickets/settings/typeTree.js';
export { EMAIL_MAX_CHARS, isEmptyValue as isEmptyCustomValue, templateOfType, TEXTAREA_MAX_CHARS, TEXT_MAX_CHARS as CUSTOM_TEXT_MAX_CHARS, validateCustomPatch, validateCustomValues } from './tickets/settings/customFields.js';
export { latestSlaVersion, nextSlaVersionAfter, slaVersionAt, slaVersionNumbered, VERSION_ZERO as SLA_VERSION_ZERO } from './tickets/settings/slaVersions.js';
export { ALWAYS_OPEN_UTC, calendarIdOf, calendarOf, matchingPolicy } from './tickets/settings/policyMatching.js';
export { CALENDAR_NAME_MAX_CHARS as SLA_CALENDAR_NAME_MAX_CHARS, MAX_PEOPLE as SLA_MAX_PEOPLE, MAX_POLICY_TYPES, MAX_REMINDER_COUNT, MAX_REMINDER_MINUTES, MAX_REMINDERS, POLICY_NAME_MAX_CHARS } from './tickets/settings/slaCodecs.js';
export { GROUP_NAME_MAX_CHARS as ACCEPTANCE_GROUP_NAME_MAX_CHARS, MAX_FIELDS as MAX_TEMPLATE_FIELDS, MAX_OPTIONS as MAX_FIELD_OPTIONS, TEMPLATE_NAME_MAX_CHARS, TYPE_NAME_MAX_CHARS } from './tickets/settings/settingsCodecs.js';
export { CLOCK_TABLE, CLOCK_TABLE_WHY, motionOf, STOPPED_BY } from './tickets/sla/clockTable.js';
export { elapsedSeconds as slaElapsedSeconds, instantAtElapsed as slaInstantAtElapsed } from './tickets/sla/slaClock.js';
export { BREACH_KEY as SLA_BREACH_KEY, pointKey as slaPointKey, reminderPoints } from './tickets/sla/reminderPoints.js';
export type { PointWhen as SlaPointWhen, ReminderPoint } from './tickets/sla/reminderPoints.js';
export { clockInputOf, firePoints, fixClock, fixTargets, isStopped as isClockStopped, nextWakeUp as slaNextWakeUp, stopClock, stopSlaClock } from './tickets/sla/slaTargets.js';
export type { ClockInput, FireResult, FiredPoint, FixTargetsInput } from './tickets/sla/slaTargets.js';
export type { ClockMotion, ClockRecord, ClockResult, Interval, StoppedUnder, TicketSla } from './tickets/sla/slaTypes.js';
export { ticketModule, ticketStream } from './tickets/ticket/ticketModule.js';
export { ticketPolicy } from './tickets/ticket/ticketPolicy.js';
export { TICKET_ERROR_CODES } from './tickets/ticket/ticketRules.js';
export type { TicketErrorCode } from './tickets/ticket/ticketRules.js';
export {
  ATTACHMENT_MAX_BYTES as TICKET_ATTACHMENT_MAX_BYTES,
  CONTENT_MAX_CHARS as TICKET_CONTENT_MAX_CHARS,
  MAX_ATTACHMENTS as TICKET_MAX_ATTACHMENTS,
  NOTE_MAX_CHARS as TICKET_NOTE_MAX_CHARS,
  SUBJECT_MAX_CHARS as TICKET_SUBJECT_MAX_CHARS,
  TICKET_COMMAND_TYPES,
  ticketCommandCodecs,
  ticketIdCodec,
} from './tickets/ticket/ticketCommands.js';
export type { TicketCommand, TicketCommandOf, TicketCommandType } from './tickets/ticket/ticketCommands.js';
export { ticketEventDefinitions } from './tickets/ticket/ticketEvents.js';
export { evolveTicket, initialTicketState } from './tickets/ticket/ticketState.js';
export { SLA_SET_REASONS, TICKET_SOURCES, TICKET_STATUSES } from './tickets/ticket/ticketTypes.js';
export type {
  Attachment as TicketAttachment,
  CustomValues as TicketCustomValues,
  EditableFields as TicketEditableFields,
  Party as TicketParty,
  SlaSetReason,
  StoppedClock,
  TicketCreatedData,
  TicketEvent,
  TicketEventOf,
  TicketEventType,
  TicketSource,
  TicketState,
  TicketStatus,
} from './tickets/ticket/ticketTypes.js';
export { allows as ticketTransitionAllows, statusAfter as ticketStatusAfter, TICKET_OPERATIONS, TICKET_TRANSITIONS } from './tickets/ticket/workflow.js';
export type { TicketOperation, Transition as TicketTransition } from './tickets/ticket/workflow.js';
export { leftMessageTicketId, slaDeadlineKey as ticketSlaDeadlineKey } from './tickets/ticket/ticketReactions.js';
export { ticketIndexModule, slaVersionKey } from './tickets/index/ticketIndexModule.js';
export { TICKET_INDEX_BUCKETS, ticketIndexBucket, ticketIndexStream } from './tickets/index/ticketIndexBucket.js';
export { ticketIndexPolicy } from './tickets/index/ticketIndexPolicy.js';
export { RECOMPUTE_CHUNK as TICKET_RECOMPUTE_CHUNK } from './tickets/index/ticketIndexTypes.js';
export type { TicketIndexCommand, TicketIndexCommandType, TicketIndexEvent } from './tickets/index/ticketIndexTypes.js';
export type { TicketIndexState } from './tickets/index/ticketIndexState.js';
export {
  ticketOperationLogProjection,
  operationLogOf,
  loggedTicketFields,
  TICKET_LOG_OPERATIONS,
  type TicketOperationLog,
  type TicketLogEntry,
  type TicketLogOperation,
  type FieldChange,
  type SlaLogDetail,
} from './projections/ticketOperationLog.js';
export { TICKET_FIELD_NAMES, type TicketFields, type TicketFieldName } from './projections/ticketFields.js';
export { ticketListsProjection, ticketRow, ticketCount, type TicketLists, type TicketRow } from './projections/ticketLists.js';
export {
  ticketList,
  submittedByMe,
  myToProcess,
  myInProgress,
  myCompleted,
  unassignedInMyGroups,
  allTickets,
  ticketCursor,
  ticketListQueryCodec,
  DEFAULT_TICKET_PAGE,
  type TicketView,
  type TicketListQuery,
  type TicketPage,
} from './projections/ticketListQueries.js';
export {
  ticketNotificationsProjection,
  notificationsOf,
  notificationCounts,
  DEFAULT_NOTIFICATIONS_PER_RECIPIENT,
  MAX_NOTIFICATIONS_PER_RECIPIENT,
  type TicketNotifications,
  type TicketNotification,
} from './projections/ticketNotifications.js';
export { slaResultsProjection, slaResultsOf, slaCountsByVersion, type SlaResults, type SlaResultRow, type SlaCounts } from './projections/slaResults.js';
export {
  batchTickets,
  ticketBatchCodec,
  ticketBatchCommandId,
  TICKET_BATCH_OPERATIONS,
  MAX_TICKET_BATCH,
  type TicketBatchInput,
  type TicketBatchOperation,
  type TicketBatchAnswer,
  type TicketBatchError,
  type TicketBatchResult,
} from './runtime/ticketBatch.js';

// Reports (issue 18): the kit's contract, the reports, and the session read models for staff.
export {
  checkQuery,
  checkReportOptions,
  dayClock,
  dayName,
  dayNumber,
  queryReport,
  ratio,
  TEAM_AVERAGE,
  TEAM_TOTAL,
  type Cell,
  type CheckedQuery,
  type DayClock,
  type KnownNames,
  type ReportDefinition,
  type ReportOptions,
  type ReportQuery,
  type ReportRow,
} from './projections/reports/reportKit.js';
export { workloadProjection, reviveWorkloadState, type WorkloadState, type WorkloadFoldOptions } from './projections/reports/workload/workloadFold.js';
export { workloadReport, workloadDaysReport, workloadRows, workloadDays, WORKLOAD_DAY_COLUMNS, type WorkloadDayRow } from './projections/reports/workload/workloadReport.js';
export { WORKLOAD_COLUMNS, type WorkloadRow } from './projections/reports/workload/workloadRows.js';
export { overviewReport, overviewChannelsReport, overviewRows, channelDistribution, OVERVIEW_COLUMNS, type OverviewRow, type ChannelRow } from './projections/reports/workload/overviewReport.js';
export { sessionsReport, sessionRows, SESSION_COLUMNS, type SessionRow } from './projections/reports/workload/sessionFigures.js';
export { DEFAULT_SESSION_LIMIT, MAX_SESSION_LIMIT } from './projections/reports/workload/endedSessions.js';
export { BUCKET_BOUNDS, BUCKET_NAMES } from './projections/reports/workload/workCells.js';
export { attendanceReport, attendanceRows, type AttendanceRow } from './projections/reports/attendance/attendanceReport.js';
export { attendanceProjection, attendanceStatusOf, TIMELINE_LIMIT, type AttendanceState, type StatusChange } from './projections/reports/attendance/attendanceFold.js';
export { timeline as attendanceTimeline, type DayTimeline } from './projections/reports/attendance/attendanceDays.js';
export { fairnessReport, fairnessOf, gini, maxMinRatio, TEAM as FAIRNESS_TEAM_ROW, type AgentFairness, type TeamFairness, type FairnessRow } from './projections/reports/attendance/fairness.js';
export { liveMonitorReport, queueByGroup as liveQueueByGroup, queueLength as liveQueueLength, SHOP_ROW as LIVE_MONITOR_SHOP_ROW, type LiveMonitorRow } from './projections/reports/attendance/liveMonitor.js';
export { liveMonitorProjection, type LiveMonitorState } from './projections/reports/attendance/liveMonitorFold.js';
export { salesReport, salesDaysReport, salesDays, salesUnattributed, type SalesDayRow, type UnattributedSales } from './projections/reports/sales/salesReport.js';
export { SALES_COLUMNS, type SalesRow } from './projections/reports/sales/salesRows.js';
export { salesProjection } from './projections/reports/sales/salesFold.js';
export { CREDIT_WINDOW_MS, ORDER_KEEP_DAYS, type SalesState } from './projections/reports/sales/salesState.js';
export { slaReport, type SlaReportRow, type SlaReportState } from './projections/reports/slaReport.js';
export { slaRowsAfter } from './projections/slaResults.js';
export { orderModule, orderStream } from './domain/orders/orderModule.js';
export { orderPolicy } from './domain/orders/orderPolicy.js';
export { ORDER_ERROR_CODES, type OrderErrorCode } from './domain/orders/orderDecide.js';
export { orderCommandCodecs, type OrderCommand, type OrderCommandType } from './domain/orders/orderCommands.js';
export { MAX_ORDER_AMOUNT, MAX_ORDER_UNITS, orderEventDefinitions, type OrderEvent, type OrderEventType } from './domain/orders/orderEvents.js';
export { canSee, canSeeAgent, makeViewer, viewerOf, type Viewer } from './projections/sessions/viewer.js';
export { queueByGroup, type GroupQueue, type QueueByGroup } from './projections/sessions/queueByGroup.js';
export { MESSAGE_STATUSES, sessionListFor, sessionListQueryCodec, type MessageStatus, type SessionListQuery } from './projections/sessions/sessionList.js';
export { recentContactsFor, starredListFor, type AgentListQuery } from './projections/sessions/agentLists.js';
export { DEFAULT_HISTORY_SESSIONS, MAX_HISTORY_SESSIONS, sessionHistoryProjection, type HistorySession, type SessionHistory, type SessionHistoryOptions } from './projections/sessions/sessionHistory.js';
export { DEFAULT_HISTORY_PAGE, HISTORY_COLUMNS, historyQueryCodec, historySession, MAX_HISTORY_PAGE, queryHistory, type HistoryPage, type HistoryQuery, type HistoryRow } from './projections/sessions/historyQueries.js';
export { DEFAULT_TEXTS_PER_CUSTOMER, messageSearchProjection, searchCustomerMessages, type MessageSearch, type MessageSearchQuery } from './projections/sessions/messageSearch.js';
export { allReports } from './projections/reports/allReports.js';
export { reportSet, type ReportSet, type ReportSetState, type ReportSetOptions, type DurableReportSet, type AnyReportDefinition } from './projections/reports/reportSet.js';
export { exportReport, rowsAsCsv, rowsAsJson, type ExportFormat, type ExportOptions } from './projections/reports/export.js';
export { decodeForReports, inlineReports, runReports, rebuildReports, type RunReportsOptions, type RebuildOptions, type RebuildResult, type RebuildError } from './runtime/reportRunner.js';
export { readNdjsonLog, writeNdjsonLog, ndjsonLine, describeLineIssue, type LineIssue, type NdjsonReadOptions, type NdjsonReadSummary, type NdjsonWriteOptions } from './adapters/ndjsonLog.js';
export { queryReportAs, reportReach } from './projections/reports/reportAccess.js';
export { KEFU_MODULES } from './kefuModules.js';
export { queueTimelineReport, queueTimelineRows, QUEUE_TIMELINE_COLUMNS, type QueueTimelineRow } from './projections/reports/queue/queueTimelineReport.js';
export { queueTimelineProjection, BUCKET_MS as QUEUE_BUCKET_MS, type QueueTimelineState, type QueueBucket, type ShopQueueTimeline } from './projections/reports/queue/queueTimelineFold.js';
// The self-contained HTML report (charts with Chart.js inlined) that kefu demo and kefu replay --format html write.
export { buildHtmlReport, htmlReport, htmlReportDataOf, type HtmlReportInput } from './cli/htmlReport/buildHtmlReport.js';
export { htmlReportData, HTML_REPORT_REPORTS, type HtmlReportData, type ChartSpec, type ChartDataset, type HtmlReportRows, type HtmlReportHeader } from './cli/htmlReport/htmlReportData.js';
// The simulator (kefu simulate) and the recorded day (kefu whatif) as functions on a virtual clock; also in kefu/testing.
export {
  DEFAULT_SIMULATION_SPEC,
  DEFAULT_STRATEGIES,
  decodeSimulationSpec,
  erlangC,
  generateWorkload,
  parseStrategies,
  parseStrategy,
  playWorkload,
  recordedDay,
  SimulationFailure,
  simulationSpecCodec,
  strategyOf,
  summarize,
} from './simulation/index.js';
export type {
  AgentOutcome,
  ConversationOptions,
  ErlangC,
  ErlangCInput,
  PlayOptions,
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
} from './simulation/index.js';
