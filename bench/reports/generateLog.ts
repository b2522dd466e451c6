/**
 * A realistic shop log of N events, generated directly as RecordedEvents (no
 * engine: a million events through dispatch would take the whole run): 4 shops of
 * 20 agents, about 20 sessions open at a time in each, interleaved as they
 * would be, in the order the engine writes a session's events (the conversation
 * opens with the customer's first message, the desk queues or assigns, the
 * conversation mirrors it, messages go back and forth, 10% are transferred, the
 * session ends on both streams), 15% followed by an order placed and paid, 1 in
 * 50 refunded. Agents go offline and online at every local midnight. About 2.5 s
 * between events: a million span a month.
 *
 * Data is cloned from events a real engine recorded (templates.ts) with ids,
 * times and figures changed; the bench checks that every event decodes.
 * Deterministic: the same N gives the same log.
 */
import type { RecordedEvent, EventMetadata } from '../../src/domain/envelope.js';
import { dayClock } from '../../src/projections/reports/reportKit.js';
import type { TemplateName, Templates } from './templates.js';

export const BENCH_ZONE = 'Asia/Shanghai';
const SHOPS = ['shop-1', 'shop-2', 'shop-3', 'shop-4'];
const AGENTS_PER_SHOP = 20;
const OPEN_PER_SHOP = 20;
const START = Date.UTC(2026, 10, 1, 0, 30, 0); // 08:30 in Shanghai

/** mulberry32: a small seeded generator, so the log is the same every run. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

type Emit = { readonly template: TemplateName; readonly stream: string; readonly actor: EventMetadata['actor']; readonly data: Record<string, unknown> };

interface OpenSession {
  readonly shop: string;
  readonly steps: (() => Emit)[];
  next: number;
}

export function* generateLog(count: number, templates: Templates): Generator<RecordedEvent> {
  const random = seeded(18);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const versions = new Map<string, number>();
  const clock = dayClock(BENCH_ZONE);
  let position = 0;
  let at = START;
  let sessions = 0;
  let orders = 0;
  const agentsOf = (shop: string) => Array.from({ length: AGENTS_PER_SHOP }, (_, i) => `${shop}-a${i + 1}`);

  const record = (e: Emit): RecordedEvent => {
    const template = templates[e.template];
    const streamVersion = (versions.get(e.stream) ?? 0) + 1;
    versions.set(e.stream, streamVersion);
    position++;
    const data: Record<string, unknown> = { ...(template.data as Record<string, unknown>), ...e.data, at };
    const eventId = `ev-${position}`;
    const metadata: EventMetadata = { eventId, shopId: e.data.shopId as string, actor: e.actor, occurredAt: at, correlationId: eventId, causationId: eventId };
    delete data.shopId;
    return { type: template.type, schemaVersion: template.schemaVersion, data, metadata, stream: e.stream, streamVersion, globalPosition: position };
  };
  const routing = (shop: string) => `routing-${shop}`;
  const routingVersion = (shop: string) => versions.get(routing(shop)) ?? 0;
  const system = { kind: 'system' } as const;

  /** The steps of one session, each building its event when its turn comes (times and mirrored versions then). */
  const script = (shop: string): OpenSession => {
    const n = ++sessions;
    const sessionId = `s${n}`;
    const customerId = `c${Math.floor(random() * 20_000)}`;
    const channel = random() < 0.6 ? 'web-mall' : 'app';
    const conversation = `conversation-${shop}-${sessionId}`;
    const agents = agentsOf(shop);
    let agent = pick(agents);
    const served = [agent];
    let seq = 0;
    const customer = { kind: 'customer', id: customerId } as const;
    const message = (who: 'customer' | 'agent' | 'auto') => (): Emit => {
      seq++;
      const sender = who === 'customer' ? customer : who === 'agent' ? { kind: 'agent', id: agent } : { kind: 'system' };
      const template = who === 'customer' ? 'CustomerMessage' : who === 'agent' ? 'AgentMessage' : 'AutoMessage';
      return { template, stream: conversation, actor: sender as EventMetadata['actor'], data: { shopId: shop, sessionId, messageId: `${sessionId}-m${seq}`, seq, sender } };
    };
    const steps: (() => Emit)[] = [
      () => ({ template: 'ConversationOpened', stream: conversation, actor: customer, data: { shopId: shop, sessionId, customerId, channel } }),
      message('customer'),
    ];
    if (random() < 0.3) steps.push(() => ({ template: 'SessionQueued', stream: routing(shop), actor: system, data: { shopId: shop, sessionId, customerId, channel } }));
    steps.push(
      () => ({ template: 'SessionAssigned', stream: routing(shop), actor: system, data: { shopId: shop, sessionId, agentId: agent, customerId, channel } }),
      () => ({ template: 'ConversationAssigned', stream: conversation, actor: system, data: { shopId: shop, sessionId, agentId: agent, routingVersion: routingVersion(shop) } }),
    );
    if (random() < 0.2) steps.push(message('auto'));
    const exchange = () => {
      const rounds = 1 + Math.floor(random() * 4);
      for (let i = 0; i < rounds; i++) {
        steps.push(message('agent'), message('customer'));
        if (random() < 0.3) steps.push(message('customer'));
      }
      steps.push(message('agent'));
    };
    exchange();
    if (random() < 0.1) {
      const to = pick(agents.filter((a) => a !== agent));
      steps.push(
        () => {
          const from = agent;
          agent = to;
          served.push(to);
          return { template: 'SessionTransferred', stream: routing(shop), actor: { kind: 'agent', id: from }, data: { shopId: shop, sessionId, from, to } };
        },
        () => ({ template: 'ConversationTransferred', stream: conversation, actor: system, data: { shopId: shop, sessionId, from: served[served.length - 2], to, routingVersion: routingVersion(shop) } }),
      );
      exchange();
    }
    steps.push(
      () => ({ template: 'SessionEnded', stream: routing(shop), actor: system, data: { shopId: shop, sessionId, reason: 'agent', agents: [...served] } }),
      () => ({ template: 'ConversationEnded', stream: conversation, actor: system, data: { shopId: shop, sessionId, reason: 'agent', routingVersion: routingVersion(shop) } }),
    );
    if (random() < 0.15) {
      const orderId = `o${++orders}`;
      const stream = `order-${shop}-${orderId}`;
      const figures = { shopId: shop, orderId, buyerId: customerId, amount: 100 * (10 + Math.floor(random() * 2000)), units: 1 + Math.floor(random() * 3) };
      steps.push(() => ({ template: 'OrderPlaced', stream, actor: system, data: figures }), () => ({ template: 'OrderPaid', stream, actor: system, data: figures }));
      if (random() < 0.13) steps.push(() => ({ template: 'OrderRefunded', stream, actor: system, data: { ...figures, refundId: `${orderId}-r1` } }));
    }
    return { shop, steps, next: 0 };
  };

  const open: OpenSession[] = [];
  for (const shop of SHOPS) {
    for (const [i, agentId] of agentsOf(shop).entries()) {
      if (position >= count) return;
      yield record({ template: 'AgentRegistered', stream: routing(shop), actor: system, data: { shopId: shop, agentId, name: `客服${i + 1}号 (${shop})` } });
      if (position >= count) return;
      yield record({ template: 'AgentStatusChanged', stream: routing(shop), actor: system, data: { shopId: shop, agentId, from: 'offline', to: 'online' } });
    }
    for (let i = 0; i < OPEN_PER_SHOP; i++) open.push(script(shop));
  }
  let day = clock.dayOf(at);
  while (position < count) {
    at += 1 + Math.floor(random() * 4_000);
    if (clock.dayOf(at) !== day) {
      day = clock.dayOf(at);
      // Midnight: every agent goes off and comes back (attendance splits days there anyway).
      for (const shop of SHOPS) {
        for (const agentId of agentsOf(shop)) {
          for (const [from, to] of [['online', 'offline'], ['offline', 'online']] as const) {
            if (position >= count) return;
            yield record({ template: 'AgentStatusChanged', stream: routing(shop), actor: system, data: { shopId: shop, agentId, from, to } });
          }
        }
      }
      continue;
    }
    const i = Math.floor(random() * open.length);
    const session = open[i] as OpenSession;
    yield record((session.steps[session.next++] as () => Emit)());
    if (session.next === session.steps.length) open[i] = script(session.shop);
  }
}
