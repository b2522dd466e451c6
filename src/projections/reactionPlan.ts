/**
 * What an event causes, worked out from the modules' reaction maps: the commands to
 * dispatch now (with the ids they are dispatched with) and the changes to pending
 * deadlines. Pure: the same event always gives the same plan, which is what lets
 * any engine, at any time, work out again what the log asks for.
 *
 * A reaction function that throws or answers something malformed is a programming
 * error in a module; it is reported as a problem, and the event's other reactions
 * still count.
 */
import type { AnyModule } from '../domain/module.js';
import type { Reaction, ReactionCommand, ReactionMap } from '../domain/reaction.js';
import { stableId } from '../domain/stableId.js';
import type { DeadlineChange } from './pendingDeadlines.js';
import type { ProjectedEvent } from './projection.js';

export interface PlannedDispatch {
  readonly module: string;
  /** Derived from the event and the reaction's place: a repeat delivery carries the same id. */
  readonly commandId: string;
  readonly command: ReactionCommand;
}

export interface ReactionPlan {
  readonly dispatches: readonly PlannedDispatch[];
  readonly changes: readonly DeadlineChange[];
  readonly problems: readonly { readonly module: string; readonly reason: string }[];
}

const EMPTY: ReactionPlan = { dispatches: [], changes: [], problems: [] };

/** The id of the `index`-th dispatch a module's reactions give for an event. */
export const reactionCommandId = (module: string, eventId: string, index: number): string => stableId('rx-', [module, eventId, String(index)]);

const isKey = (key: unknown): key is string => typeof key === 'string' && key.trim().length > 0 && key.length <= 500;
const isCommand = (command: unknown): command is ReactionCommand =>
  typeof command === 'object' && command !== null && typeof (command as ReactionCommand).type === 'string' && (command as ReactionCommand).type.length > 0;

/** Why a reaction cannot be carried out, or undefined when it can. */
const problemWith = (reaction: Reaction): string | undefined => {
  switch (reaction.kind) {
    case 'dispatch':
      return isCommand(reaction.command) ? undefined : 'a dispatch needs a command with a type';
    case 'schedule':
      if (!isKey(reaction.key)) return 'a deadline needs a key of 1 to 500 characters';
      if (!(Number.isSafeInteger(reaction.at) && reaction.at >= 0)) return `deadline ${reaction.key}: at must be epoch milliseconds, got ${String(reaction.at)}`;
      return isCommand(reaction.command) ? undefined : `deadline ${reaction.key} needs a command with a type`;
    case 'cancel':
      return isKey(reaction.key) ? undefined : 'a cancel needs a key of 1 to 500 characters';
    default:
      return `unknown reaction ${JSON.stringify((reaction as { kind?: unknown }).kind)}`;
  }
};

/** The modules that react to some event type, by type, so events nobody reacts to cost a map lookup. */
export const reactingModules = (modules: readonly AnyModule[]): ReadonlyMap<string, readonly AnyModule[]> => {
  const byType = new Map<string, AnyModule[]>();
  for (const module of modules) {
    for (const type of Object.keys((module.reactions ?? {}) as ReactionMap)) byType.set(type, [...(byType.get(type) ?? []), module]);
  }
  return byType;
};

export const planReactions = (reacting: readonly AnyModule[], event: ProjectedEvent): ReactionPlan => {
  if (reacting.length === 0) return EMPTY;
  const dispatches: PlannedDispatch[] = [];
  const changes: DeadlineChange[] = [];
  const problems: { module: string; reason: string }[] = [];
  for (const module of reacting) {
    const react = (module.reactions as ReactionMap)[event.type];
    if (react === undefined) continue;
    let reactions: readonly Reaction[];
    try {
      reactions = react(event);
    } catch (error) {
      problems.push({ module: module.name, reason: `reaction to ${event.type} threw: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    if (!Array.isArray(reactions)) {
      problems.push({ module: module.name, reason: `reaction to ${event.type} must answer an array` });
      continue;
    }
    let dispatched = 0;
    for (const reaction of reactions) {
      const problem = problemWith(reaction);
      if (problem !== undefined) {
        problems.push({ module: module.name, reason: `reaction to ${event.type}: ${problem}` });
        continue;
      }
      if (reaction.kind === 'dispatch') {
        dispatches.push({ module: module.name, commandId: reactionCommandId(module.name, event.metadata.eventId, dispatched++), command: reaction.command });
      } else if (reaction.kind === 'schedule') {
        changes.push({ kind: 'schedule', module: module.name, key: reaction.key, at: reaction.at, command: reaction.command });
      } else {
        changes.push({ kind: 'cancel', key: reaction.key });
      }
    }
  }
  return { dispatches, changes, problems };
};
