/**
 * docs/reports/columns.md, generated from the reports' own column lists
 * (src/projections/reports/allReports.ts) and the notes below, so an export's
 * header and its documentation cannot drift: a test
 * (test/projections/reports/columnsDoc.unit.spec.ts) fails when a column has no
 * note or the file is not exactly what this renders.
 *   npm run docs:reports     rewrites docs/reports/columns.md
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allReports } from '../src/projections/reports/allReports.js';
import { BUCKET_NAMES } from '../src/projections/reports/workload/workCells.js';

const fixed: Readonly<Record<string, string>> = {
  day: 'The natural day in the shop\'s zone, `YYYY-MM-DD`.',
  agentId: 'The agent, or a team row: `(team-average)`, `(team-total)`, `(team)` (fairness), `(shop)` (live monitor).',
  customersReceived: 'M1 接待人数: customers that came to the agent, de-duplicated per agent per day; a range sums the days.',
  totalSessions: 'M2 总会话数 = replied + unreplied = transferred in + proactive + auto-assigned.',
  repliedSessions: 'M3 接入已回复会话数; a proactive session only once the customer answered and the agent replied again.',
  unrepliedSessions: 'M4 接入未回复会话数 = total - replied.',
  replyRate: 'M5 回复率 = replied / total (a fraction; null without sessions).',
  transferredOut: 'M6 转接出会话数, counted at the transfer.',
  transferredIn: 'M7 转接入会话数.',
  proactiveSessions: 'M8 主动发起会话数: sessions the agent opened (not transfers in, not queue picks).',
  proactiveShare: 'M9 主动发起会话占比 = proactive / total.',
  autoAssignedSessions: 'M2\'s third part: sessions the desk assigned (rules, queue picks, requeues).',
  totalMessages: 'M10 总消息数 = agent messages + customer messages (not while queued).',
  agentMessages: 'M10: the agent\'s own messages (no internal notes, no auto or system messages).',
  customerMessages: 'M10: the customer\'s messages during the agent\'s reception.',
  answerQuestionRatio: 'M11 答问比 = agent messages / customer messages.',
  avgFirstResponseSec: 'M12 平均首次响应时长, seconds: the first question no auto-reply answered to the first reply, averaged over the segments that have one.',
  avgResponseSec: 'M13 平均响应时长, seconds, over every question/reply pair (the sessions report: the session\'s own pairs).',
  answeredWithin30sRate: 'M14 30s应答率: segments whose average response is <= 30 s / total.',
  over50sUnansweredRate: 'M15 超50s未应答率: segments whose average response is > 50 s, or unreplied, / total.',
  avgSessionDurationSec: 'M16 平均会话时长, seconds, from reception start to its end (a transfer ends the sender\'s), over ended segments.',
  sessions: 'M20: sessions (agent receptions) of the day; by channel in overview-channels.',
  channel: 'The source channel (M20 咨询来源).',
  sessionId: 'M22: the session.',
  customerId: 'M22: the customer.',
  startedAt: 'M22: the first reception, epoch milliseconds.',
  durationSec: 'M22: seconds from the first reception to the end.',
  firstResponseSec: 'M22: the session\'s first response time, seconds.',
  ratingScore: 'M22: the best rating\'s score (S10), null without one.',
  entryGroupId: 'M22: the entry group (R13), null without one.',
  originPage: 'M22: where the customer started: product-page, order-page, message-centre, channel.',
  originRef: 'M22: the product or order id of the origin page, null otherwise.',
  earliestOnline: 'M17 最早上线时间, local `HH:MM:SS` (00:00:00 when online across midnight).',
  latestOffline: 'M17 最晚下线时间, local `HH:MM:SS`; 24:00:00 when still online at the day\'s end; null while the day runs.',
  serviceSec: 'M17 服务时长 = online + busy, seconds.',
  onlineSec: 'M17 在线时长, seconds.',
  busySec: 'M17 忙碌时长, seconds.',
  offlineSec: 'M17 离线时长: offline seconds between the earliest online and the latest offline.',
  assignments: 'Fairness: the desk\'s assignments to the agent (not its own proactive sessions).',
  onlineHours: 'Fairness: hours of service (online + busy).',
  assignmentsPerOnlineHour: 'Fairness: assignments / online hours; null without service time.',
  maxMinRatio: 'Fairness over the team: max / min of assignments per online hour; null with fewer than two agents or when one got none.',
  gini: 'Fairness over the team: the Gini coefficient of assignments per online hour (0 = equal).',
  zeroAssignmentAgents: 'Fairness: agents with service time and no assignment.',
  status: 'M21: the agent\'s status now.',
  receiving: 'M21 接待数: sessions the agent holds now.',
  sessionsToday: 'M21: sessions the agent received today.',
  avgResponseSecToday: 'M21: today\'s average response time, seconds.',
  satisfaction: 'M21 好评度: the average best score credited to the agent.',
  queueLength: 'M21: sessions waiting in the shop\'s queue now.',
  salesAmount: 'M18 销售额, fen, on the payment day, to the credited agent.',
  personalShare: 'M18 个人销售占比 = the agent\'s sales / the sales of the agents in the query.',
  buyers: 'M18 销售人数, de-duplicated per agent per day; a range sums the days.',
  units: 'M18 销售量: items sold.',
  avgOrderValue: 'M18 客单价 = sales / paid orders, fen.',
  unitsPerOrder: 'M18 客件数 = units / paid orders.',
  avgUnitPrice: 'M18 件均价 = sales / units, fen.',
  paidOrders: 'M18 支付订单数, on the payment day.',
  refundAmount: 'M18 退款额, fen, on the refund day, to the agent credited with the sale.',
  refundBuyers: 'M18 退款人数, de-duplicated per agent per day.',
  refundOrders: 'M18 退款订单数: orders refunded, per agent per day.',
  refundCount: 'M18 退款笔数: refunds.',
  inquiryToPaymentRate: 'M19 询单付款转化率 (3-day delay): of the buyers replied to on a day, those who then paid, counted on the inquiry day.',
  inquiryToOrderRate: 'M19 询单下单转化率 (2-day delay): of them, those who ordered that day or the next.',
  orderToPaymentRate: 'M19 下单付款转化率 (3-day delay): of those who ordered, those who paid.',
  policyId: 'T4: the SLA policy.',
  version: 'T4: the SLA version the results were measured under.',
  achieved: 'T4/T5: clocks stopped in time, on the day they stopped.',
  breached: 'T4/T5: clocks breached, on the day they stopped or the breach fired.',
  running: 'T4/T5: clocks running now.',
  achievedRate: 'T4: achieved / (achieved + breached).',
  bucketStart: 'The queue timeline: the local `HH:MM` a 15-minute bucket starts at (twice on a day the clocks go back).',
  maxQueueLength: 'The queue timeline: the most sessions waiting at once in the bucket (its length at the start included).',
  endQueueLength: 'The queue timeline: sessions waiting at the bucket\'s end.',
  meanQueueLength: 'The queue timeline: the time-weighted mean of the sessions waiting over the bucket\'s 15 minutes.',
  queuedSessions: 'The queue timeline: sessions that started waiting in the bucket (queued, or requeued when their agent left).',
};

const bucketNote = (column: string): string | undefined => {
  const m = /^(firstResponse|avgResponse)_(.+)$/.exec(column);
  if (m === null || !BUCKET_NAMES.includes(m[2] as string)) return undefined;
  const what = m[1] === 'firstResponse' ? 'first response' : 'average response';
  const range = m[2] === 'over_120' ? 'over 120 s' : `${m[2]!.replace('_', ' to ')} s (upper bound included)`;
  return `M20 响应时长分布: segments whose ${what} was ${range}.`;
};

export const columnNote = (column: string): string | undefined => fixed[column] ?? bucketNote(column);

export const renderColumns = (): string => {
  const parts = [
    '# Report columns',
    '',
    'Generated from the reports\' column lists (`allReports()`) by `npm run docs:reports`; a test fails when a',
    'column has no note or this file differs. Every export (JSON keys, the CSV header) has these columns, in this',
    'order. Numbers are unformatted: rates are fractions, durations seconds, money fen; `null` (an empty CSV cell)',
    'where a figure has no denominator.',
  ];
  for (const report of allReports()) {
    parts.push('', `## ${report.name}`, '', '| column | meaning |', '| --- | --- |');
    for (const column of report.columns) parts.push(`| \`${column}\` | ${columnNote(column) ?? '(no note)'} |`);
  }
  return `${parts.join('\n')}\n`;
};

export const COLUMNS_DOC = fileURLToPath(new URL('../docs/reports/columns.md', import.meta.url));

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(COLUMNS_DOC, renderColumns());
  process.stdout.write('docs/reports/columns.md rewritten\n');
}
