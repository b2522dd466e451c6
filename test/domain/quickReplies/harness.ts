/**
 * Quick replies beside the desk and the conversation on one engine (virtual clock,
 * manual reactor), as a backend drives them, with the suggestions read model
 * inline. The staff: `boss` (admin), `lead` (team lead), `amy` and `bob` (agents),
 * all in group g1.
 */
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { conversationModule } from '../../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import type { Actor } from '../../../src/domain/envelope.js';
import type { KefuError } from '../../../src/domain/errors.js';
import type { PhraseScope } from '../../../src/domain/quickReplies/phrases.js';
import { quickRepliesModule, quickRepliesStream } from '../../../src/domain/quickReplies/quickRepliesModule.js';
import type { QuickRepliesState } from '../../../src/domain/quickReplies/quickRepliesState.js';
import { createEngine } from '../../../src/engine.js';
import { quickReplySuggestionsProjection, type QuickReplySuggestions } from '../../../src/projections/quickReplySuggestions.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { desk } from '../../../src/testing/deskInputs.js';
import { readEverything } from '../../conformance/fixtures.js';

export const SHOP = 'shop-q';
export const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);

export const TEAM: PhraseScope = { kind: 'team' };
export const personal = (agentId: string): PhraseScope => ({ kind: 'personal', agentId });

export const agent = (id: string): Actor => ({ kind: 'agent', id });
export const system: Actor = { kind: 'system' };
export const admin = agent('boss');

/** An input for engine.dispatch. */
export const qr = (type: string, actor: Actor, data: unknown) => ({ type, shopId: SHOP, actor, data });

export interface Emitted {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

export const quickRepliesHarness = (options: { seed?: number } = {}) => {
  const clock = virtualClock(T0);
  const engine = createEngine({
    modules: [deskModule, conversationModule, quickRepliesModule],
    clock,
    random: seededRandom(options.seed ?? 3),
    inlineProjections: [quickReplySuggestionsProjection()],
    reactor: { mode: 'manual' },
  });
  const d = desk(SHOP);
  const ok = async (raw: unknown): Promise<readonly Emitted[]> => {
    const result = await engine.dispatch(raw);
    if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left)}`);
    return result.right.events.map((e) => ({ type: e.type, data: e.data as Record<string, unknown> }));
  };
  /** A refusal, checked to have written nothing anywhere. */
  const refused = async (raw: unknown): Promise<KefuError> => {
    const before = await readEverything(engine.store);
    const result = await engine.dispatch(raw);
    if (E.isRight(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result.right.events)}`);
    expect(await readEverything(engine.store), 'nothing written on a refusal').toEqual(before);
    return result.left;
  };
  const code = async (raw: unknown) => {
    const error = await refused(raw);
    return error._tag === 'DomainError' ? error.code : error._tag;
  };
  const staff = async () => {
    await ok(d.createGroup({ groupId: 'g1', name: 'G1' }));
    const people: readonly [string, 'admin' | 'team-lead' | 'agent'][] = [
      ['boss', 'admin'],
      ['lead', 'team-lead'],
      ['amy', 'agent'],
      ['bob', 'agent'],
    ];
    for (const [agentId, role] of people) {
      await ok(d.registerAgent({ agentId, name: agentId, maxSessions: 5, role, groups: ['g1'] }));
      await ok(d.online(agentId));
    }
  };
  const state = async (scope: PhraseScope): Promise<QuickRepliesState> => {
    const loaded = await engine.load(quickRepliesModule, quickRepliesStream(SHOP, scope));
    if (E.isLeft(loaded)) throw new Error(JSON.stringify(loaded.left));
    return loaded.right.state as QuickRepliesState;
  };
  const settle = async () => {
    const advanced = await engine.advanceTo(clock.now());
    if (E.isLeft(advanced)) throw new Error(`advance failed: ${JSON.stringify(advanced.left)}`);
  };
  return {
    engine,
    clock,
    d,
    ok,
    refused,
    code,
    staff,
    state,
    settle,
    suggestions: () => engine.projection<QuickReplySuggestions>('quick-reply-suggestions'),
  };
};

/** A harness with the staff registered. */
export const withStaff = async (options: { seed?: number } = {}) => {
  const h = quickRepliesHarness(options);
  await h.staff();
  return h;
};

export const addPhrase = (actor: Actor, scope: PhraseScope, phraseId: string, fields: Record<string, unknown> = {}) =>
  qr('AddPhrase', actor, { scope, phraseId, title: `title ${phraseId}`, content: `content of ${phraseId}`, ...fields });
