/**
 * S11 properties over the summary's decider: whatever sequence of tree commands
 * and classifications (each either decided or refused), the tree stays a tree
 * (each category in exactly one place, its parent's children), at most 5 levels
 * deep, every category a classification ever pointed at still exists, the
 * snapshot reads back as the same state, and the read model's tree is the
 * decider's. Plus the bounded memory of recent classifications.
 */
import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { Command, CommandMeta } from '../../../src/domain/command.js';
import { RECENT_CLASSIFICATIONS, depthOf, type SummaryState } from '../../../src/domain/consultationSummary/categoryTree.js';
import { MAX_DEPTH, type SummaryCommand } from '../../../src/domain/consultationSummary/summaryCommands.js';
import type { SummaryEvent } from '../../../src/domain/consultationSummary/summaryEvents.js';
import { consultationSummaryModule, summaryStream } from '../../../src/domain/consultationSummary/summaryModule.js';
import { decodeSummary, encodeSummary } from '../../../src/domain/consultationSummary/summarySnapshot.js';
import { evolveConversation, initialConversationState, type ConversationEvent } from '../../../src/domain/conversation/conversation.js';
import type { ProjectedEvent } from '../../../src/projections/projection.js';
import { categoryTreeOf, sessionSummariesProjection, type CategoryNode } from '../../../src/projections/sessionSummaries.js';
import { SHOP, T0 } from '../review/harness.js';

const opened = [
  { type: 'ConversationOpened', data: { sessionId: 'any', customerId: 'alice', channel: 'app', initiation: 'customer', entry: { kind: 'channel' }, vip: false, at: T0 } },
] as unknown as ConversationEvent[];
/** Every session exists (the classification's reference), as the system sends. */
const anySession = opened.reduce(evolveConversation, initialConversationState());
const context = { stateOf: (stream: string) => (stream.startsWith('conversation-') ? anySession : undefined) };

const command = (type: SummaryCommand['type'], data: unknown, n: number): SummaryCommand => {
  const meta: CommandMeta = { shopId: SHOP, actor: { kind: 'system' }, now: T0 + n, seed: 1, commandId: `c${n}`, correlationId: 'c', causationId: 'c' };
  return { type, data, meta } as Command as SummaryCommand;
};

const run = (commands: readonly SummaryCommand[]) => {
  const { decider } = consultationSummaryModule;
  const projection = sessionSummariesProjection();
  let state: SummaryState = decider.initialState();
  let view = projection.initialState();
  let position = 0;
  for (const c of commands) {
    const decided = decider.decide(c, state, context);
    if (E.isLeft(decided)) continue;
    for (const event of decided.right) {
      state = decider.evolve(state, event);
      position++;
      view = projection.apply(view, {
        ...event,
        schemaVersion: 1,
        stream: summaryStream(SHOP),
        streamVersion: position,
        globalPosition: position,
        metadata: { eventId: `e${position}`, shopId: SHOP, actor: c.meta.actor, occurredAt: c.meta.now, correlationId: 'c', causationId: 'c' },
      } as ProjectedEvent<SummaryEvent>);
    }
  }
  return { state, view };
};

const ids = fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7');
const parent = fc.option(ids, { nil: undefined });
const name = fc.constantFrom('售前', '售后', '投诉', '建议', '其他');
const treeCommand = fc.oneof(
  fc.record({ categoryId: ids, name, parentId: parent, position: fc.option(fc.nat(8), { nil: undefined }) }).map((d) => ['AddCategory', d] as const),
  fc.record({ categoryId: ids, name }).map((d) => ['RenameCategory', d] as const),
  fc.record({ categoryId: ids, parentId: parent, position: fc.option(fc.nat(8), { nil: undefined }) }).map((d) => ['MoveCategory', d] as const),
  fc.record({ parentId: parent, order: fc.shuffledSubarray(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']) }).map((d) => ['ReorderCategories', d] as const),
  fc.record({ categoryId: ids }).map((d) => ['DeleteCategory', d] as const),
  fc.record({ sessionId: fc.constantFrom('s1', 's2', 's3'), categoryId: ids }).map((d) => ['ClassifySession', d] as const),
);
const strip = <T extends Record<string, unknown>>(d: T) => Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined));

const treeOf = (state: SummaryState): CategoryNode[] => {
  const node = (id: string): CategoryNode => ({ categoryId: id, name: state.categories.get(id)!.name, children: state.categories.get(id)!.children.toArray().map(node) });
  return state.roots.toArray().map(node);
};

describe('S11: the tree over any sequence of commands', () => {
  test.prop([fc.array(treeCommand, { maxLength: 60 })])('property: a tree of at most 5 levels; what was used stays; snapshot and read model agree', (steps) => {
    const { state, view } = run(steps.map(([type, data], n) => command(type, strip(data), n)));
    const placed = [...state.roots, ...[...state.categories.values()].flatMap((c) => c.children.toArray())];
    expect([...placed].sort()).toEqual([...state.categories.keys()].sort());
    for (const c of state.categories.values()) {
      expect(c.parentId === undefined ? state.roots.includes(c.categoryId) : state.categories.get(c.parentId)?.children.includes(c.categoryId)).toBe(true);
      expect(depthOf(state, c.categoryId)).toBeLessThanOrEqual(MAX_DEPTH);
    }
    for (const used of state.used) expect(state.categories.has(used)).toBe(true);
    const decoded = decodeSummary(JSON.parse(JSON.stringify(encodeSummary(state))));
    expect(E.isRight(decoded) && encodeSummary(decoded.right)).toEqual(encodeSummary(state));
    expect(categoryTreeOf(view, SHOP)).toEqual(treeOf(state));
  });

  it('remembers the latest RECENT_CLASSIFICATIONS sessions: a repeat among them is a no-op, the state stays bounded', () => {
    const steps = [command('AddCategory', { categoryId: 'leaf', name: '其他' }, 0)];
    for (let i = 0; i < RECENT_CLASSIFICATIONS + 10; i++) steps.push(command('ClassifySession', { sessionId: `s${i}`, categoryId: 'leaf' }, i + 1));
    const { state } = run(steps);
    expect(state.recent.size).toBe(RECENT_CLASSIFICATIONS);
    const { decider } = consultationSummaryModule;
    const repeat = (sessionId: string) => decider.decide(command('ClassifySession', { sessionId, categoryId: 'leaf' }, 1e6), state, context);
    expect(repeat(`s${RECENT_CLASSIFICATIONS + 9}`)).toEqual(E.right([]));
    // The oldest fell out of memory: classified again, it is written again (no earlier category named).
    expect(repeat('s0')).toMatchObject(E.right([{ type: 'SessionClassified', data: { sessionId: 's0', categoryId: 'leaf' } }]));
  });
});
