/**
 * Small reports of the kit's own, to test the runners and the exports before the
 * real reports exist: two reports over ONE fold (messages per agent x day x
 * channel, read per agent and per channel) and one over another fold (status
 * changes per agent x day). They follow the contract: a JSON-shaped state folded
 * in place, keyed by shop, days in the zone, rates null without a denominator.
 */
import type { ReportDefinition, ReportOptions, ReportRow } from '../../../../src/projections/reports/reportKit.js';
import { dayClock, dayName, ratio } from '../../../../src/projections/reports/reportKit.js';
import type { Projection, ProjectedEvent } from '../../../../src/projections/projection.js';

type Counts = [sessions: number, transfersIn: number, customerMessages: number, agentMessages: number];

interface ShopMessages {
  agents: Record<string, string>;
  channels: Record<string, 1>;
  open: Record<string, { agent: string | null; channel: string }>;
  /** `day|agent|channel` -> counts. */
  cells: Record<string, Counts>;
}
export interface MessagesState {
  shops: Record<string, ShopMessages>;
}

type AnyEvent = ProjectedEvent & { readonly data: Record<string, unknown> };

/** How many times any messages fold applied an event: the shared-fold test counts them. */
export const messagesFoldCalls = { count: 0 };

const shopOf = (state: MessagesState, shopId: string): ShopMessages =>
  (state.shops[shopId] ??= { agents: {}, channels: {}, open: {}, cells: {} });

export const messagesFold = (options: ReportOptions): Projection<MessagesState> => {
  const clock = dayClock(options.zone);
  const cell = (shop: ShopMessages, at: number, agent: string, channel: string): Counts =>
    (shop.cells[`${clock.dayOf(at)}|${agent}|${channel}`] ??= [0, 0, 0, 0]);
  return {
    name: 'kit-test-messages',
    initialState: () => ({ shops: {} }),
    apply: (state, event) => {
      messagesFoldCalls.count++;
      const e = event as AnyEvent;
      const d = e.data;
      const shop = shopOf(state, e.metadata.shopId);
      const at = typeof d.at === 'number' ? d.at : e.metadata.occurredAt;
      const session = typeof d.sessionId === 'string' ? shop.open[d.sessionId] : undefined;
      switch (e.type) {
        case 'AgentRegistered':
          shop.agents[d.agentId as string] = d.name as string;
          break;
        case 'ConversationOpened':
          shop.open[d.sessionId as string] = { agent: null, channel: d.channel as string };
          shop.channels[d.channel as string] = 1;
          break;
        case 'ConversationAssigned':
          if (session === undefined) break;
          session.agent = d.agentId as string;
          shop.agents[session.agent] ??= session.agent;
          cell(shop, at, session.agent, session.channel)[0]++;
          break;
        case 'ConversationTransferred': {
          if (session === undefined) break;
          session.agent = d.to as string;
          shop.agents[session.agent] ??= session.agent;
          const c = cell(shop, at, session.agent, session.channel);
          c[0]++;
          c[1]++;
          break;
        }
        case 'ConversationRequeued':
          if (session !== undefined) session.agent = null;
          break;
        case 'MessageSent': {
          if (session === undefined || session.agent === null) break;
          const sender = d.sender as { kind: string };
          if (sender.kind === 'customer') cell(shop, at, session.agent, session.channel)[2]++;
          else if (sender.kind === 'agent' && d.kind !== 'internal-note') cell(shop, at, session.agent, session.channel)[3]++;
          break;
        }
        case 'ConversationEnded':
          // Bounded: an ended session can no longer change a figure.
          delete shop.open[d.sessionId as string];
          break;
      }
      return state;
    },
  };
};

const knownOf = (state: MessagesState) => ({
  agents: (shopId: string) => new Set(Object.keys(state.shops[shopId]?.agents ?? {})),
  channels: (shopId: string) => new Set(Object.keys(state.shops[shopId]?.channels ?? {})),
});

/** Sums the cells of a shop in the query's range by `key(day, agent, channel)`. */
const sumCells = (state: MessagesState, q: Parameters<ReportDefinition<MessagesState>['rows']>[1], key: (day: number, agent: string, channel: string) => string) => {
  const sums = new Map<string, { day: number; agent: string; channel: string; c: Counts }>();
  for (const [k, c] of Object.entries(state.shops[q.shopId]?.cells ?? {})) {
    const [dayText, agent, channel] = k.split('|') as [string, string, string];
    const day = Number(dayText);
    if (day < q.fromDay || day > q.toDay || (q.agents !== undefined && !q.agents.has(agent)) || (q.channels !== undefined && !q.channels.has(channel))) continue;
    const id = key(day, agent, channel);
    const sum = sums.get(id) ?? { day, agent, channel, c: [0, 0, 0, 0] as Counts };
    for (let i = 0; i < 4; i++) sum.c[i] = (sum.c[i] as number) + (c[i] as number);
    sums.set(id, sum);
  }
  return [...sums.values()].sort((a, b) => a.day - b.day || a.agent.localeCompare(b.agent) || a.channel.localeCompare(b.channel));
};

export const agentDayReport: ReportDefinition<MessagesState, ReportRow> = {
  name: 'kit-test-agent-day',
  columns: ['day', 'agentId', 'agentName', 'sessions', 'transfersIn', 'customerMessages', 'agentMessages', 'agentShare'],
  projection: messagesFold,
  known: knownOf,
  rows: (state, q) =>
    sumCells(state, q, (day, agent) => `${day}|${agent}`).map(({ day, agent, c }) => ({
      day: dayName(day),
      agentId: agent,
      agentName: state.shops[q.shopId]?.agents[agent] ?? agent,
      sessions: c[0],
      transfersIn: c[1],
      customerMessages: c[2],
      agentMessages: c[3],
      agentShare: ratio(c[3], c[2] + c[3]),
    })),
};

export const channelDayReport: ReportDefinition<MessagesState, ReportRow> = {
  name: 'kit-test-channel-day',
  columns: ['day', 'channel', 'sessions', 'customerMessages', 'messagesPerSession'],
  projection: messagesFold,
  known: knownOf,
  rows: (state, q) =>
    sumCells(state, q, (day, _agent, channel) => `${day}|${channel}`).map(({ day, channel, c }) => ({
      day: dayName(day),
      channel,
      sessions: c[0],
      customerMessages: c[2],
      messagesPerSession: ratio(c[2] + c[3], c[0]),
    })),
};

export interface StatusState {
  /** shop -> `day|agent` -> [to online, to offline]. */
  shops: Record<string, Record<string, [number, number]>>;
}

const statusFold = (options: ReportOptions): Projection<StatusState> => {
  const clock = dayClock(options.zone);
  return {
    name: 'kit-test-status',
    initialState: () => ({ shops: {} }),
    apply: (state, event) => {
      if (event.type !== 'AgentStatusChanged') return state;
      const d = (event as AnyEvent).data as { agentId: string; to: string; at: number };
      const shop = (state.shops[event.metadata.shopId] ??= {});
      const c = (shop[`${clock.dayOf(d.at)}|${d.agentId}`] ??= [0, 0]);
      if (d.to === 'online') c[0]++;
      else if (d.to === 'offline') c[1]++;
      return state;
    },
  };
};

export const statusReport: ReportDefinition<StatusState, ReportRow> = {
  name: 'kit-test-status',
  columns: ['day', 'agentId', 'toOnline', 'toOffline'],
  projection: statusFold,
  known: (state) => ({
    agents: (shopId) => new Set(Object.keys(state.shops[shopId] ?? {}).map((k) => k.split('|')[1] as string)),
    channels: () => new Set<string>(),
  }),
  rows: (state, q) =>
    Object.entries(state.shops[q.shopId] ?? {})
      .map(([k, c]) => ({ day: Number(k.split('|')[0]), agent: k.split('|')[1] as string, c }))
      .filter((r) => r.day >= q.fromDay && r.day <= q.toDay && (q.agents === undefined || q.agents.has(r.agent)))
      .sort((a, b) => a.day - b.day || a.agent.localeCompare(b.agent))
      .map((r) => ({ day: dayName(r.day), agentId: r.agent, toOnline: r.c[0], toOffline: r.c[1] })),
};
