/**
 * The demo's people: customers who write, wait, write again, go silent, rate and
 * order; agents who answer after a delay (each at its own pace), hand sessions to
 * another group, open tickets and work them. They see what the engine writes
 * (`observe`, fed by the demo's observer projection) and act later through
 * `send` (engine.dispatch) by putting actions on the agenda; `perform` carries
 * out one action when the clock reaches it. Every delay is drawn from `draws`, in
 * the order things happen, so a seed gives one day.
 */
import type { Clock } from '../domain/clock.js';
import type { Actor } from '../domain/envelope.js';
import type { Draws } from '../domain/seededDraws.js';
import type { ProjectedEvent } from '../projections/projection.js';
import { logNormal } from '../simulation/distributions.js';
import type { Agenda } from './demoAgenda.js';
import { countEvent, type DemoCounts } from './demoCounts.js';
import type { PlannedSession } from './demoDay.js';
import { AGENTS, agentActor, customerActor, MINUTE, SYSTEM, TICKET_GROUP, TICKET_TYPE } from './demoShop.js';

export type Action =
  | { readonly kind: 'snapshot' }
  | { readonly kind: 'status'; readonly agentId: string; readonly status: 'online' | 'busy' | 'offline' }
  | { readonly kind: 'arrive'; readonly session: PlannedSession }
  | { readonly kind: 'follow-up' | 'customer-writes' | 'end' | 'rate' | 'ticket'; readonly sessionId: string }
  | { readonly kind: 'reply' | 'transfer'; readonly sessionId: string; readonly token: number }
  | { readonly kind: 'order'; readonly sessionId: string; readonly step: 'placed' | 'paid' }
  | { readonly kind: 'ticket-claim' | 'ticket-complete'; readonly sessionId: string; readonly agentId: string };

/** A session as the demo's people know it. */
interface Live {
  readonly plan: PlannedSession;
  holder: string | undefined;
  /** Bumped whenever the holder changes, so a reply planned by the previous holder is dropped. */
  token: number;
  unanswered: boolean;
  replyPending: boolean;
  answers: number;
  assigned: boolean;
  transferred: boolean;
  followedUp: boolean;
  ended: boolean;
}

const QUESTIONS = ['这款茶叶有现货吗？', '什么时候发货？', '可以开发票吗？', '包装有礼盒吗？', '能便宜一点吗？', '退货怎么办理？', '快递到哪里了？', '收到的商品有破损'];
const ANSWERS = ['您好，有现货的，今天下单今天发。', '亲，一般 48 小时内发货。', '可以的，下单时备注抬头即可。', '有礼盒装，需要的话帮您备注。', '现在有满减活动，可以叠加优惠券。', '您在订单页申请退货，我们会尽快处理。', '帮您查了，包裹已到本地派送站。', '非常抱歉，我们为您补发或退款。'];

export interface PeopleDeps {
  readonly clock: Clock;
  readonly draws: Draws;
  readonly counts: DemoCounts;
  readonly agenda: Agenda<Action>;
  /** Dispatches one command; false (and counted) when the engine refused it. */
  readonly send: (type: string, actor: Actor, data: Record<string, unknown>) => Promise<boolean>;
}

export interface People {
  readonly observe: (event: ProjectedEvent) => void;
  readonly perform: (action: Action) => Promise<void>;
  /** Planned visits of a customer whose earlier session was still open: written into that session instead. */
  readonly mergedVisits: () => readonly string[];
}

export const createPeople = ({ clock, draws: d, counts, agenda, send }: PeopleDeps): People => {
  const live = new Map<string, Live>();
  const online = new Set<string>();
  /** Each customer's latest session, and the visits that went into a session still open. */
  const lastOf = new Map<string, Live>();
  const merged: string[] = [];

  const scheduleReply = (s: Live) => {
    if (s.holder === undefined || s.replyPending || !s.unanswered || s.ended) return;
    const agent = AGENTS.find((a) => a.agentId === s.holder);
    s.replyPending = true;
    agenda.add(clock.now() + Math.min(600_000, Math.round(logNormal(d, (agent?.replyMedianSec ?? 30) * 1000, 0.7))), { kind: 'reply', sessionId: s.plan.sessionId, token: s.token });
  };
  const holderChanged = (s: Live, holder: string | undefined) => {
    s.holder = holder;
    s.token++;
    s.replyPending = false;
    scheduleReply(s);
  };

  const observe = (event: ProjectedEvent) => {
    countEvent(counts, event);
    const data = event.data as Record<string, unknown>;
    const s = typeof data['sessionId'] === 'string' ? live.get(data['sessionId']) : undefined;
    if (s === undefined) return;
    switch (event.type) {
      case 'SessionAssigned':
        s.assigned = true;
        holderChanged(s, String(data['agentId']));
        break;
      case 'SessionTransferred':
        holderChanged(s, String(data['to']));
        break;
      case 'SessionRequeued':
        holderChanged(s, undefined);
        break;
      case 'SessionEnded':
        s.ended = true;
        holderChanged(s, undefined);
        if (s.plan.rating !== null) agenda.add(clock.now() + (10 + d.below(120)) * 1000, { kind: 'rate', sessionId: s.plan.sessionId });
        if (s.plan.order !== null) agenda.add(clock.now() + s.plan.order.afterMin * MINUTE, { kind: 'order', sessionId: s.plan.sessionId, step: 'placed' });
        break;
      case 'MessageSent':
        if ((data['sender'] as { kind: string }).kind === 'customer') {
          s.unanswered = true;
          scheduleReply(s);
        }
        break;
      default:
        break;
    }
  };

  const customerSays = (s: Live, text: string) =>
    send('SendCustomerMessage', customerActor(s.plan.customerId), {
      sessionId: s.plan.sessionId,
      messageId: `${s.plan.sessionId}-c${counts.customerMessages + 1}`,
      customerId: s.plan.customerId,
      channel: s.plan.channel,
      entryGroupId: s.plan.groupId,
      vip: s.plan.vip,
      content: { kind: 'text', text },
    });

  const perform = async (action: Action): Promise<void> => {
    if (action.kind === 'snapshot') return;
    if (action.kind === 'status') {
      if (await send('ChangeAgentStatus', agentActor(action.agentId), { agentId: action.agentId, status: action.status })) {
        if (action.status === 'offline') online.delete(action.agentId);
        else online.add(action.agentId);
      }
      return;
    }
    if (action.kind === 'arrive') {
      const open = lastOf.get(action.session.customerId);
      if (open !== undefined && !open.ended) {
        // Back while the earlier session is still open (waiting, or served): the customer writes there, as a chat client would.
        merged.push(action.session.sessionId);
        await customerSays(open, '我又来了，刚才的问题还没解决');
        return;
      }
      const s: Live = { plan: action.session, holder: undefined, token: 0, unanswered: false, replyPending: false, answers: 0, assigned: false, transferred: false, followedUp: false, ended: false };
      live.set(s.plan.sessionId, s);
      lastOf.set(s.plan.customerId, s);
      await customerSays(s, QUESTIONS[d.below(QUESTIONS.length)] as string);
      agenda.add(clock.now() + s.plan.followUpSec * 1000, { kind: 'follow-up', sessionId: s.plan.sessionId });
      return;
    }
    const s = live.get(action.sessionId);
    if (s === undefined) return;
    const at = clock.now();
    switch (action.kind) {
      case 'follow-up':
        // Still waiting for anyone: the customer asks again (the queue's clock keeps running).
        if (!s.assigned && !s.ended && !s.followedUp) {
          s.followedUp = true;
          await customerSays(s, '还在吗？有人吗？');
        }
        return;
      case 'customer-writes':
        if (!s.ended) await customerSays(s, QUESTIONS[d.below(QUESTIONS.length)] as string);
        return;
      case 'reply': {
        if (action.token !== s.token) return;
        s.replyPending = false;
        if (s.ended || s.holder === undefined || !s.unanswered) return;
        const sent = await send('SendAgentMessage', agentActor(s.holder), {
          sessionId: s.plan.sessionId,
          messageId: `${s.plan.sessionId}-a${counts.agentMessages + 1}`,
          content: { kind: 'text', text: ANSWERS[d.below(ANSWERS.length)] as string },
        });
        if (!sent) return;
        s.unanswered = false;
        s.answers++;
        if (s.plan.transferTo !== null && !s.transferred && s.answers === 1) {
          agenda.add(at + 5_000, { kind: 'transfer', sessionId: s.plan.sessionId, token: s.token });
        } else if (s.answers >= s.plan.questions) {
          if (s.plan.ticket !== null) agenda.add(at + 10_000, { kind: 'ticket', sessionId: s.plan.sessionId });
          agenda.add(at + (20 + d.below(40)) * 1000, { kind: 'end', sessionId: s.plan.sessionId });
        } else if (s.plan.silentAfter !== s.answers) {
          agenda.add(at + Math.round(logNormal(d, 50_000, 0.6)), { kind: 'customer-writes', sessionId: s.plan.sessionId });
        }
        return;
      }
      case 'transfer':
        if (action.token !== s.token || s.ended || s.holder === undefined || s.plan.transferTo === null) return;
        s.transferred = true;
        await send('TransferSession', agentActor(s.holder), { sessionId: s.plan.sessionId, toGroupId: s.plan.transferTo, note: '转给相关同事处理' });
        agenda.add(at + 30_000, { kind: 'customer-writes', sessionId: s.plan.sessionId });
        return;
      case 'end':
        if (!s.ended && s.holder !== undefined) await send('EndSession', agentActor(s.holder), { sessionId: s.plan.sessionId, reason: 'agent' });
        return;
      case 'rate':
        await send('RateSession', customerActor(s.plan.customerId), { sessionId: s.plan.sessionId, score: s.plan.rating });
        return;
      case 'order': {
        const order = s.plan.order;
        if (order === null) return;
        const figures = { orderId: `o-${s.plan.sessionId}`, buyerId: s.plan.customerId, amount: order.amount, units: order.units };
        if (action.step === 'placed') {
          if (await send('RecordOrderPlaced', SYSTEM, figures)) agenda.add(at + (1 + d.below(10)) * MINUTE, { kind: 'order', sessionId: s.plan.sessionId, step: 'paid' });
        } else {
          await send('RecordOrderPaid', SYSTEM, figures);
        }
        return;
      }
      case 'ticket': {
        const ticket = s.plan.ticket;
        if (ticket === null || s.holder === undefined) return;
        const created = await send('CreateTicketFromSession', agentActor(s.holder), {
          ticketId: `t-${s.plan.sessionId}`,
          sessionId: s.plan.sessionId,
          typeId: TICKET_TYPE,
          subject: '售后问题跟进',
          priority: ticket.priority,
          groupId: TICKET_GROUP,
        });
        if (created && ticket.handled) {
          const members = AGENTS.filter((a) => a.groups.includes('aftersale')).map((a) => a.agentId);
          const claimer = members.find((m) => online.has(m)) ?? (members[d.below(members.length)] as string);
          agenda.add(at + ticket.claimAfterMin * MINUTE, { kind: 'ticket-claim', sessionId: s.plan.sessionId, agentId: claimer });
        }
        return;
      }
      case 'ticket-claim': {
        const ticketId = `t-${s.plan.sessionId}`;
        if ((await send('ClaimTicket', agentActor(action.agentId), { ticketId })) && (await send('StartProcessingTicket', agentActor(action.agentId), { ticketId }))) {
          agenda.add(at + (s.plan.ticket?.completeAfterMin ?? 60) * MINUTE, { kind: 'ticket-complete', sessionId: s.plan.sessionId, agentId: action.agentId });
        }
        return;
      }
      case 'ticket-complete':
        await send('CompleteTicket', agentActor(action.agentId), { ticketId: `t-${s.plan.sessionId}`, note: '已处理完毕' });
        return;
      default:
        return;
    }
  };

  return { observe, perform, mergedVisits: () => merged };
};
