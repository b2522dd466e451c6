/**
 * The session review and the consultation summary beside the desk and the
 * conversation on one engine (virtual clock, manual reactor: `settle()` carries
 * every reaction), driven as a backend would, with their read models inline.
 * `refused` checks that a refusal wrote nothing anywhere.
 */
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import { consultationSummaryModule } from '../../../src/domain/consultationSummary/summaryModule.js';
import { conversationModule } from '../../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import type { Actor } from '../../../src/domain/envelope.js';
import type { ReviewCommand } from '../../../src/domain/review/reviewCommands.js';
import type { SummaryCommand } from '../../../src/domain/consultationSummary/summaryCommands.js';
import { reviewModule } from '../../../src/domain/review/reviewModule.js';
import { createEngine } from '../../../src/engine.js';
import { recentContactsProjection, type RecentContacts } from '../../../src/projections/recentContacts.js';
import { sessionRatingsProjection, type SessionRatings } from '../../../src/projections/sessionRatings.js';
import { sessionSummariesProjection, type SessionSummaries } from '../../../src/projections/sessionSummaries.js';
import { starredSessionsProjection, type StarredSessions } from '../../../src/projections/starredSessions.js';
import type { ReactorReport } from '../../../src/runtime/reactor.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { desk } from '../../../src/testing/deskInputs.js';
import { readEverything } from '../../conformance/fixtures.js';
import { agent, customer, says, SHOP, system, T0 } from '../conversation/harness.js';
import { engineDriver } from '../../support/engineDriver.js';

export { agent, customer, SHOP, system, T0 };
export const DAY = 86_400_000;

type ReviewData<T extends ReviewCommand['type']> = Extract<ReviewCommand, { type: T }>['data'];
type SummaryData<T extends SummaryCommand['type']> = Extract<SummaryCommand, { type: T }>['data'];

export const review = <T extends ReviewCommand['type']>(type: T, actor: Actor, data: ReviewData<T>) => ({ type, shopId: SHOP, actor, data });
export const summary = <T extends SummaryCommand['type']>(type: T, actor: Actor, data: SummaryData<T>) => ({ type, shopId: SHOP, actor, data });

export const reviewHarness = () => {
  const store = createInMemoryEventStore();
  const clock = virtualClock(T0);
  const reports: ReactorReport[] = [];
  const engine = createEngine({
    store,
    modules: [deskModule, conversationModule, reviewModule, consultationSummaryModule],
    clock,
    random: seededRandom(7),
    reactor: { mode: 'manual' },
    inlineProjections: [sessionRatingsProjection(), starredSessionsProjection(), sessionSummariesProjection(), recentContactsProjection()],
    onReactorReport: (r) => reports.push(r),
  });
  const d = desk(SHOP);
  const { ok, refused, code, settle, later } = engineDriver(engine, clock);
  /** Registers agents (online unless told otherwise), in groups created on the way. */
  const agents = async (ids: readonly string[], options: { online?: boolean; role?: 'admin' | 'team-lead' | 'agent'; groups?: readonly string[] } = {}) => {
    for (const groupId of options.groups ?? []) await engine.dispatch(d.createGroup({ groupId, name: groupId }));
    for (const agentId of ids) {
      await ok(d.registerAgent({ agentId, name: agentId.toUpperCase(), maxSessions: 5, ...(options.role === undefined ? {} : { role: options.role }), ...(options.groups === undefined ? {} : { groups: [...options.groups] }) }));
      if (options.online !== false) await ok(d.online(agentId));
    }
  };
  /** A customer's session, routed (to whoever is online) and mirrored into the conversation. */
  const serve = async (customerId: string, sessionId: string) => {
    await ok(says(customerId, sessionId, `${sessionId}-m1`));
    await settle();
  };
  /** The session ended by its agent, and the end carried through (the forced rating). */
  const end = async (agentId: string, sessionId: string) => {
    await ok(d.asAgent(agentId).end({ sessionId }));
    await settle();
  };
  return {
    engine,
    store,
    clock,
    reports,
    d,
    ok,
    refused,
    code,
    settle,
    later,
    agents,
    serve,
    end,
    events: async () => readEverything(store),
    ratings: () => engine.projection<SessionRatings>('session-ratings'),
    starred: () => engine.projection<StarredSessions>('starred-sessions'),
    summaries: () => engine.projection<SessionSummaries>('session-summaries'),
    recent: () => engine.projection<RecentContacts>('recent-contacts'),
  };
};
