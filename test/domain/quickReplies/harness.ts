/**
 * Quick replies beside the desk and the conversation on one engine (virtual clock,
 * manual reactor), as a backend drives them, with the suggestions read model
 * inline. The staff: `boss` (admin), `lead` (team lead), `amy` and `bob` (agents),
 * all in group g1.
 */
import * as E from 'fp-ts/lib/Either.js';
import { conversationModule } from '../../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import type { Actor } from '../../../src/domain/envelope.js';
import type { PhraseScope } from '../../../src/domain/quickReplies/phrases.js';
import { quickRepliesModule, quickRepliesStream } from '../../../src/domain/quickReplies/quickRepliesModule.js';
import type { QuickRepliesState } from '../../../src/domain/quickReplies/quickRepliesState.js';
import { createEngine } from '../../../src/engine.js';
import { quickReplySuggestionsProjection, type QuickReplySuggestions } from '../../../src/projections/quickReplySuggestions.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { desk } from '../../../src/testing/deskInputs.js';
import { engineDriver } from '../../support/engineDriver.js';

export const SHOP = 'shop-q';
export const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);

export const TEAM: PhraseScope = { kind: 'team' };
export const personal = (agentId: string): PhraseScope => ({ kind: 'personal', agentId });

export const agent = (id: string): Actor => ({ kind: 'agent', id });
export const system: Actor = { kind: 'system' };
export const admin = agent('boss');

/** An input for engine.dispatch. */
export const qr = (type: string, actor: Actor, data: unknown) => ({ type, shopId: SHOP, actor, data });

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
  const { ok, refused, code, settle } = engineDriver(engine, clock);
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
