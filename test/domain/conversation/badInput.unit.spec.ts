/**
 * Bad input for every conversation command, through the engine: a typed error
 * naming the field (ValidationError from the codecs, or a DomainError whose
 * details name it), and nothing written to any stream.
 */
import { describe, expect, it } from 'vitest';
import type { KefuError } from '../../../src/domain/errors.js';
import { agent, conversationHarness, customer, input, replies, says, system, text } from './harness.js';

type Harness = ReturnType<typeof conversationHarness>;

const nothingWritten = async (h: Harness, act: () => Promise<void>) => {
  const before = (await h.events()).length;
  await act();
  await h.settle();
  expect((await h.events()).length).toBe(before);
};

const field = (error: KefuError) =>
  error._tag === 'ValidationError' ? error.issues.map((i) => i.path) : error._tag === 'DomainError' ? [error.details?.field ?? error.code] : [error._tag];

/** A session s1 of alice's, assigned to a1. */
const ready = async () => {
  const h = conversationHarness();
  await h.agents(['a1']);
  await h.ok(says('alice', 's1', 'm1'));
  await h.settle();
  return h;
};

describe('bad input is a typed error naming the field, and nothing is written', () => {
  it('S2: an image over 10 MB and a file over 20 MB, naming data.content.sizeBytes', async () => {
    const h = await ready();
    await nothingWritten(h, async () => {
      const image = await h.refused(says('alice', 's1', 'm2', { kind: 'image', url: 'https://cdn/a.png', sizeBytes: 10 * 1024 * 1024 + 1 }));
      expect(image).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'data.content.sizeBytes', reason: 'must be an integer from 1 to 10485760, got 10485761' }] });
      const file = await h.refused(replies('a1', 's1', 'r1', { kind: 'file', url: 'https://cdn/a.zip', name: 'a.zip', sizeBytes: 20 * 1024 * 1024 + 1 }));
      expect(field(file)).toEqual(['data.content.sizeBytes']);
    });
  });

  it('S2: an unknown content kind, a missing field of a kind, an unknown field', async () => {
    const h = await ready();
    await nothingWritten(h, async () => {
      expect(field(await h.refused(says('alice', 's1', 'm2', { kind: 'video' } as never)))).toEqual(['data.content.kind']);
      expect(field(await h.refused(says('alice', 's1', 'm2', { kind: 'file', url: 'https://x', sizeBytes: 5 } as never)))).toEqual(['data.content.name']);
      expect(field(await h.refused(says('alice', 's1', 'm2', { kind: 'text', text: 'x', bold: true } as never)))).toEqual(['data.content.bold']);
      expect(field(await h.refused(says('alice', 's1', 'm2', text(' '))))).toEqual(['data.content.text']);
      expect(field(await h.refused(says('alice', 's1', 'm2', text('x'), { entry: { kind: 'product-page' } as never })))).toEqual(['data.entry.card']);
    });
  });

  it('SendCustomerMessage: a customer sending a coupon, writing as another customer, a new session without a channel', async () => {
    const h = await ready();
    await nothingWritten(h, async () => {
      expect(field(await h.refused(says('alice', 's1', 'm2', { kind: 'coupon', couponId: 'c', title: 't' })))).toEqual(['data.content.kind']);
      // P1: who sent it is to blame, not the data (the permission table refuses it first).
      expect(field(await h.refused({ ...says('alice', 's1', 'm2'), actor: customer('bob') }))).toEqual(['actor']);
      const { channel: _c, ...noChannel } = says('bob', 's2', 'm1').data;
      expect(field(await h.refused(input('SendCustomerMessage', customer('bob'), noChannel)))).toEqual(['data.channel']);
      expect(field(await h.refused(says('alice', 's 1', 'm2')))).toEqual(['data.sessionId']);
    });
  });

  it('SendAgentMessage / SendAnonymousReply / AddInternalNote: unknown session, not the agent, a customer note', async () => {
    const h = await ready();
    await nothingWritten(h, async () => {
      expect(await h.code(replies('a1', 'ghost', 'r1'))).toBe('conversation.unknown');
      // P4: a9 is no agent of this shop; P1: a customer writes no note.
      expect(await h.code(input('SendAnonymousReply', agent('a9'), { sessionId: 's1', messageId: 'r1', content: text('x') }))).toBe('actor.unknown');
      expect(field(await h.refused(input('AddInternalNote', customer('alice'), { sessionId: 's1', messageId: 'n1', content: text('x') })))).toEqual(['actor']);
      expect(field(await h.refused(input('AddInternalNote', system, { sessionId: 's1', messageId: 'n1', content: text('x') })))).toEqual(['data.agentId']);
      expect(field(await h.refused(input('SendAgentMessage', agent('a1'), { sessionId: 's1', messageId: 'r1' } as never)))).toEqual(['data.content']);
    });
  });

  it('SendSystemMessage: not the system, over 1000 characters', async () => {
    const h = await ready();
    await nothingWritten(h, async () => {
      expect(field(await h.refused(input('SendSystemMessage', agent('a1'), { sessionId: 's1', messageId: 'x', text: 'hi' })))).toEqual(['actor']);
      expect(field(await h.refused(input('SendSystemMessage', system, { sessionId: 's1', messageId: 'x', text: 'x'.repeat(1001) })))).toEqual(['data.text']);
      expect(await h.code(input('SendSystemMessage', system, { sessionId: 'ghost', messageId: 'x', text: 'hi' }))).toBe('conversation.unknown');
    });
  });

  it('MarkRead: an unknown message, a bad side, no side from the system', async () => {
    const h = await ready();
    await nothingWritten(h, async () => {
      expect(field(await h.refused(input('MarkRead', agent('a1'), { sessionId: 's1', upTo: 'nope' })))).toEqual(['data.upTo']);
      expect(field(await h.refused(input('MarkRead', agent('a1'), { sessionId: 's1', side: 'both' as never })))).toEqual(['data.side']);
      expect(field(await h.refused(input('MarkRead', system, { sessionId: 's1' })))).toEqual(['data.side']);
    });
  });

  it('SetCustomerPresence: an unknown presence, an unknown session', async () => {
    const h = await ready();
    await nothingWritten(h, async () => {
      expect(field(await h.refused(input('SetCustomerPresence', customer('alice'), { sessionId: 's1', presence: 'busy' as never })))).toEqual(['data.presence']);
      expect(await h.code(input('SetCustomerPresence', customer('alice'), { sessionId: 'ghost', presence: 'away' }))).toBe('conversation.unknown');
    });
  });

  it('RecordRouting: not the system, a bad change, a version of zero', async () => {
    const h = await ready();
    await nothingWritten(h, async () => {
      expect(await h.code(input('RecordRouting', agent('a1'), { sessionId: 's1', routingVersion: 99, at: 1, change: { kind: 'ended', reason: 'agent' } }))).toBe('actor.not-allowed');
      expect(field(await h.refused(input('RecordRouting', system, { sessionId: 's1', routingVersion: 99, at: 1, change: { kind: 'ended', reason: 'bored' } as never })))).toEqual([
        'data.change.reason',
      ]);
      expect(field(await h.refused(input('RecordRouting', system, { sessionId: 's1', routingVersion: 0, at: 1, change: { kind: 'queued' } })))).toEqual(['data.routingVersion']);
    });
  });
});
