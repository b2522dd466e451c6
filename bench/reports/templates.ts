/**
 * One real event of every type the generated log needs, recorded by a real engine
 * (desk, conversation and order modules): the generator clones their data and
 * changes ids, times and figures only, so every generated event is one the
 * modules' codecs accept (and the bench checks that they all decode).
 */
import * as E from 'fp-ts/lib/Either.js';
import { readEverything } from './readEverything.js';
import { conversationModule } from '../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../src/domain/desk/deskModule.js';
import type { RecordedEvent } from '../../src/domain/envelope.js';
import { orderModule } from '../../src/domain/orders/orderModule.js';
import { createEngine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { virtualClock } from '../../src/runtime/virtualClock.js';
import { desk } from '../../src/testing/deskInputs.js';

export const BENCH_MODULES = [deskModule, conversationModule, orderModule];

export type TemplateName =
  | 'AgentRegistered'
  | 'AgentStatusChanged'
  | 'SessionQueued'
  | 'SessionAssigned'
  | 'SessionTransferred'
  | 'SessionEnded'
  | 'ConversationOpened'
  | 'ConversationAssigned'
  | 'ConversationTransferred'
  | 'ConversationEnded'
  | 'CustomerMessage'
  | 'AgentMessage'
  | 'AutoMessage'
  | 'OrderPlaced'
  | 'OrderPaid'
  | 'OrderRefunded';

export type Templates = Readonly<Record<TemplateName, RecordedEvent>>;

const SHOP = 'shop-t';

export const recordTemplates = async (): Promise<Templates> => {
  const clock = virtualClock(Date.UTC(2026, 11, 1, 1, 0, 0));
  const engine = createEngine({ modules: BENCH_MODULES, clock, random: seededRandom(3), reactor: { mode: 'manual' } });
  const d = desk(SHOP);
  const run = async (input: unknown) => {
    const done = await engine.dispatchUnknown(input);
    if (E.isLeft(done)) throw new Error(`template command refused: ${JSON.stringify(done.left)}`);
    const advanced = await engine.advanceTo(clock.now());
    if (E.isLeft(advanced)) throw new Error(`template advance failed: ${JSON.stringify(advanced.left)}`);
    return done.right;
  };
  const customer = { kind: 'customer', id: 'c1' } as const;
  await run(d.registerAgent({ agentId: 'a1', name: '客服一', maxSessions: 5 }));
  await run(d.registerAgent({ agentId: 'a2', name: '客服二', maxSessions: 5 }));
  await run(d.online('a2'));
  await run({ type: 'SendCustomerMessage', shopId: SHOP, actor: customer, data: { sessionId: 's1', messageId: 'm1', customerId: 'c1', content: { kind: 'text', text: '你好' }, channel: 'web-mall' } });
  await run({ type: 'SendSystemMessage', shopId: SHOP, actor: { kind: 'system' }, data: { sessionId: 's1', messageId: 'm0', text: '欢迎光临', purpose: 'welcome' } });
  await run({ type: 'SendAgentMessage', shopId: SHOP, actor: { kind: 'agent', id: 'a2' }, data: { sessionId: 's1', messageId: 'm2', content: { kind: 'text', text: '您好，请问有什么可以帮您？' } } });
  await run(d.online('a1'));
  const asked = await run(d.asAgent('a2').transfer({ sessionId: 's1', toAgentId: 'a1' }));
  const request = asked.events.find((e) => e.type === 'TransferRequested');
  if (request !== undefined) await run(d.asAgent('a1').accept({ sessionId: 's1', requestId: (request.data as { requestId: string }).requestId }));
  await run(d.end({ sessionId: 's1' }));
  // A second session that waits in the queue (nobody free), so the log has a SessionQueued.
  await run(d.offline('a1'));
  await run(d.offline('a2'));
  await run({ type: 'SendCustomerMessage', shopId: SHOP, actor: { kind: 'customer', id: 'c2' }, data: { sessionId: 's2', messageId: 'm3', customerId: 'c2', content: { kind: 'text', text: '在吗' }, channel: 'app' } });
  const figures = { orderId: 'o1', buyerId: 'c1', amount: 19_900, units: 2 };
  await run({ type: 'RecordOrderPlaced', shopId: SHOP, actor: { kind: 'system' }, data: figures });
  await run({ type: 'RecordOrderPaid', shopId: SHOP, actor: { kind: 'system' }, data: figures });
  await run({ type: 'RecordOrderRefunded', shopId: SHOP, actor: { kind: 'system' }, data: { ...figures, amount: 9_900, units: 1, refundId: 'r1' } });
  const log = await readEverything(engine.store);
  await engine.close();

  const first = (name: TemplateName, test: (e: RecordedEvent) => boolean): [TemplateName, RecordedEvent] => {
    const found = log.find(test);
    if (found === undefined) throw new Error(`benchmark check failed: no ${name} event to use as a template`);
    return [name, found];
  };
  const typed = (type: string) => (e: RecordedEvent) => e.type === type;
  const message = (kind: string) => (e: RecordedEvent) => e.type === 'MessageSent' && (e.data as { sender: { kind: string } }).sender.kind === kind;
  return Object.fromEntries([
    ...(['AgentRegistered', 'AgentStatusChanged', 'SessionQueued', 'SessionAssigned', 'SessionTransferred', 'SessionEnded', 'ConversationOpened', 'ConversationAssigned', 'ConversationTransferred', 'ConversationEnded', 'OrderPlaced', 'OrderPaid', 'OrderRefunded'] as const).map((t) => first(t, typed(t))),
    first('CustomerMessage', message('customer')),
    first('AgentMessage', message('agent')),
    first('AutoMessage', message('system')),
  ]) as Templates;
};
