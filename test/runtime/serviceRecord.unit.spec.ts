/**
 * C2: a customer's service record (runtime/serviceRecord.ts): every session,
 * newest first, each with its messages read from the store, and a search inside
 * that history, as staff and as the customer see them.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { KefuError } from '../../src/domain/errors.js';
import { nextSessionIdOf } from '../../src/domain/conversation/conversationDecide.js';
import { searchServiceRecord, serviceRecord } from '../../src/runtime/serviceRecord.js';
import { agent, cmd, customer, customersHarness, MINUTE, notes, replies, says, SHOP, system, T0 } from '../domain/customers/harness.js';

const right = <A>(e: E.Either<KefuError, A>): A => {
  if (E.isLeft(e)) throw new Error(JSON.stringify(e.left));
  return e.right;
};
const texts = (messages: readonly { readonly content: { readonly kind: string } }[]) => messages.map((m) => (m.content as { text?: string }).text);

/** adu: two sessions with amy, the first with an internal note and an anonymous reply. */
const history = async () => {
  const h = customersHarness();
  await h.staff();
  await h.onlyOnline('amy');
  await h.ok(says('adu', 's1', 'm1', '你好，我想退货'));
  await h.settle();
  await h.ok(replies('amy', 's1', 'm2', '好的，请提供订单号'));
  await h.ok(notes('amy', 's1', 'm3', '客户情绪激动'));
  await h.ok(cmd('SendAnonymousReply', agent('amy'), { sessionId: 's1', messageId: 'm4', content: { kind: 'text', text: '已为您登记' } }));
  await h.ok(h.d.end({ sessionId: 's1', reason: 'agent' }));
  await h.settle();
  await h.later(MINUTE);
  await h.ok(says('adu', 's2', 'm5', '退货进度怎么样？'));
  await h.settle();
  await h.ok(replies('amy', 's2', 'm6', '退货已受理'));
  return h;
};

describe('C2: the service record', () => {
  it('C2: every session of the customer, newest first, each with all its messages (staff see internal notes, marked)', async () => {
    const h = await history();
    const record = right(await serviceRecord(h.engine, h.directory(), await h.who(agent('amy')), { shopId: SHOP, customerId: 'adu' }));
    expect(record.total).toBe(2);
    expect(record.sessions.map((s) => [s.sessionId, s.channel, s.initiation, s.agentId, s.status, s.startedAt])).toEqual([
      ['s2', 'web-mall', 'customer', 'amy', 'assigned', T0 + MINUTE],
      ['s1', 'web-mall', 'customer', 'amy', 'ended', T0],
    ]);
    const [s2, s1] = record.sessions;
    expect(texts(s2!.messages)).toEqual(['退货进度怎么样？', '退货已受理']);
    expect(texts(s1!.messages)).toEqual(['你好，我想退货', '好的，请提供订单号', '客户情绪激动', '已为您登记']);
    expect(s1!.messages.map((m) => ('staffOnly' in m ? m.staffOnly : undefined))).toEqual([false, false, true, false]);
  });

  it('C2: the customer reads its own record without the internal notes, and anonymous replies without the agent', async () => {
    const h = await history();
    const record = right(await serviceRecord(h.engine, h.directory(), await h.who(customer('adu')), { shopId: SHOP, customerId: 'adu' }));
    const s1 = record.sessions[1]!;
    expect(texts(s1.messages)).toEqual(['你好，我想退货', '好的，请提供订单号', '已为您登记']);
    expect(s1.messages[2]!.sender).toEqual({ kind: 'agent' });
  });

  it('C2: pages of sessions; a record another customer asks for, or of a customer nobody knows, is refused', async () => {
    const h = await history();
    const amy = await h.who(agent('amy'));
    const page = right(await serviceRecord(h.engine, h.directory(), amy, { shopId: SHOP, customerId: 'adu', offset: 1, limit: 1 }));
    expect([page.total, page.sessions.map((s) => s.sessionId)]).toEqual([2, ['s1']]);
    const other = await serviceRecord(h.engine, h.directory(), await h.who(customer('mallory')), { shopId: SHOP, customerId: 'adu' });
    expect(E.isLeft(other) && other.left).toMatchObject({ _tag: 'DomainError', code: 'actor.not-allowed' });
    const unknown = await serviceRecord(h.engine, h.directory(), amy, { shopId: SHOP, customerId: 'nobody' });
    expect(E.isLeft(unknown) && unknown.left).toMatchObject({ _tag: 'DomainError', code: 'customer.unknown' });
    const bad = await serviceRecord(h.engine, h.directory(), amy, { shopId: SHOP, customerId: 'adu', limit: 0 });
    expect(E.isLeft(bad) && bad.left._tag === 'ValidationError' && bad.left.issues.map((i) => i.path)).toEqual(['limit']);
  });

  it('C2: a message written after the end continues in a new session (S7), which the record lists too', async () => {
    const h = await history();
    await h.ok(says('adu', 's1', 'm7', '还有一个问题'));
    await h.settle();
    const record = right(await serviceRecord(h.engine, h.directory(), await h.who(system), { shopId: SHOP, customerId: 'adu' }));
    const next = nextSessionIdOf('s1', 'm7');
    expect(record.sessions.map((s) => s.sessionId)).toEqual([next, 's2', 's1']);
    expect(texts(record.sessions[0]!.messages)).toEqual(['还有一个问题']);
  });
});

describe('C2: search inside the history', () => {
  it('C2: the messages containing the text, newest session first, each with its session', async () => {
    const h = await history();
    const found = right(await searchServiceRecord(h.engine, h.directory(), await h.who(agent('amy')), { shopId: SHOP, customerId: 'adu', text: '退货' }));
    expect(found.complete).toBe(true);
    expect(found.matches.map((m) => [m.sessionId, m.message.messageId, m.sessionStartedAt])).toEqual([
      ['s2', 'm5', T0 + MINUTE],
      ['s2', 'm6', T0 + MINUTE],
      ['s1', 'm1', T0],
    ]);
  });

  it('C2: internal notes are found by staff only; a limit stops the search and says it is incomplete', async () => {
    const h = await history();
    const search = async (actor: Parameters<typeof h.who>[0], text: string, limit?: number) =>
      right(await searchServiceRecord(h.engine, h.directory(), await h.who(actor), { shopId: SHOP, customerId: 'adu', text, ...(limit === undefined ? {} : { limit }) }));
    expect((await search(agent('bob'), '情绪')).matches.map((m) => m.message.messageId)).toEqual(['m3']);
    expect((await search(customer('adu'), '情绪')).matches).toEqual([]);
    const limited = await search(agent('amy'), '退货', 2);
    expect([limited.complete, limited.matches.map((m) => m.message.messageId)]).toEqual([false, ['m5', 'm6']]);
  });

  it('C2: the search folds case and width; a bad query names the field', async () => {
    const h = customersHarness();
    await h.staff();
    await h.onlyOnline('amy');
    await h.ok(says('lucy', 's1', 'm1', 'Order E520210712 arrived BROKEN'));
    await h.settle();
    const viewer = await h.who(system);
    const found = right(await searchServiceRecord(h.engine, h.directory(), viewer, { shopId: SHOP, customerId: 'lucy', text: 'ｂｒｏｋｅｎ' }));
    expect(found.matches.map((m) => m.message.messageId)).toEqual(['m1']);
    const bad = await searchServiceRecord(h.engine, h.directory(), viewer, { shopId: SHOP, customerId: 'lucy', text: '' });
    expect(E.isLeft(bad) && bad.left._tag === 'ValidationError' && bad.left.issues.map((i) => i.path)).toEqual(['text']);
  });
});
