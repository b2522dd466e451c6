/**
 * Bad input for every auto-replies command (DESIGN 4): a typed error naming the
 * field and the reason, and nothing written anywhere (the harness's `refused`
 * compares the whole log before and after).
 */
import { describe, expect, it } from 'vitest';
import { AUTO_REPLIES_ERROR_CODES } from '../../../src/domain/autoReplies/autoRepliesDecide.js';
import type { DomainError, ValidationError } from '../../../src/domain/errors.js';
import { says } from '../conversation/harness.js';
import { autoRepliesHarness, decideInput, T0 } from './harness.js';

const TYPES = ['DecideStartReplies', 'DecideQueueNotice'] as const;
const good = { customerId: 'alice', sessionId: 's1', at: T0 };

const opened = async () => {
  const h = autoRepliesHarness();
  await h.agents(['a1']);
  await h.ok(says('alice', 's1', 'm1'));
  await h.settle();
  return h;
};

describe.each(TYPES)('%s: bad input is a typed error naming the field, nothing written', (type) => {
  it.each([
    ['data.customerId', { ...good, customerId: 'has space' }],
    ['data.customerId', { sessionId: 's1', at: T0 }],
    ['data.sessionId', { ...good, sessionId: '' }],
    ['data.sessionId', { ...good, sessionId: 'x'.repeat(129) }],
    ['data.at', { ...good, at: -1 }],
    ['data.at', { ...good, at: '2026-12-02' }],
    ['data.at', { customerId: 'alice', sessionId: 's1' }],
    ['data.extra', { ...good, extra: true }],
  ])('%s: %j', async (path, data) => {
    const h = await opened();
    const error = (await h.refused(decideInput(type, data))) as ValidationError;
    expect(error._tag).toBe('ValidationError');
    expect(error.issues.map((i) => i.path)).toContain(path);
    expect(error.issues.every((i) => i.reason.length > 0)).toBe(true);
  });

  it.each([{ kind: 'customer', id: 'alice' }, { kind: 'agent', id: 'a1' }])('only the system asks: %j is refused', async (actor) => {
    const h = await opened();
    const error = (await h.refused(decideInput(type, good, actor))) as DomainError;
    expect(error).toMatchObject({ _tag: 'DomainError', code: 'actor.not-allowed', details: { field: 'actor' } });
  });

  it("a session that is another customer's is refused, naming data.customerId", async () => {
    const h = await opened();
    const error = (await h.refused(decideInput(type, { ...good, customerId: 'mallory' }))) as DomainError;
    expect(error).toMatchObject({ code: 'auto-replies.customer-mismatch', details: { field: 'data.customerId' } });
  });
});

describe('unknown sessions', () => {
  it('DecideStartReplies for a session with no conversation is refused, naming data.sessionId', async () => {
    const h = await opened();
    const error = (await h.refused(decideInput('DecideStartReplies', { ...good, sessionId: 'nope' }))) as DomainError;
    expect(error).toMatchObject({ code: 'conversation.unknown', details: { field: 'data.sessionId' } });
  });

  it('DecideQueueNotice is decided before the conversation mirrors a desk-opened session (the desk event may come first)', async () => {
    const h = await opened();
    const events = await h.ok(decideInput('DecideQueueNotice', { ...good, sessionId: 'desk-opened' }));
    expect(events.map((e) => e.type)).toEqual(['AutoRepliesChecked']);
  });

  it('every error code is in the catalogue', () => {
    // actor.unknown: P4, an agent that is not one of the shop's (the permission check resolves the actor first).
    expect([...AUTO_REPLIES_ERROR_CODES].sort()).toEqual(['actor.not-allowed', 'actor.unknown', 'auto-replies.customer-mismatch', 'conversation.unknown']);
  });
});
