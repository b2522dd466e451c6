/**
 * S14's session list (filters channel and message status, orderings, who may ask)
 * and S13's starred and recent-contact lists asked for by a viewer, and the
 * viewer read from the desk (roles, a team lead's groups).
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../../src/domain/conversation/conversation.js';
import type { ReviewEvent } from '../../../src/domain/review/reviewEvents.js';
import { agentInbox, type InboxSession } from '../../../src/projections/agentInbox.js';
import { project, type ProjectedEvent } from '../../../src/projections/projection.js';
import { recentContactsProjection } from '../../../src/projections/recentContacts.js';
import { recentContactsFor, starredListFor } from '../../../src/projections/sessions/agentLists.js';
import { sessionListFor, type SessionListQuery } from '../../../src/projections/sessions/sessionList.js';
import { canSee, makeViewer, viewerOf } from '../../../src/projections/sessions/viewer.js';
import { starredSessionsProjection } from '../../../src/projections/starredSessions.js';
import { staffDesk } from '../../support/staffContext.js';
import { assigned, event, fromAgent, fromCustomer, opened, S, SHOP, T0 } from './events.js';

const admin = makeViewer({ shopId: SHOP, agentId: 'boss', role: 'admin' });
const a1 = makeViewer({ shopId: SHOP, agentId: 'a1', role: 'agent', groups: ['g1'] });
const lead = makeViewer({ shopId: SHOP, agentId: 'lead', role: 'team-lead', groups: ['g1'], team: ['a1'] });

const read = (sessionId: string, upToSeq: number, count: number, at: number) => event('MessagesRead', { sessionId, side: 'agent', upToSeq, count, at });

describe('S14: an agent\'s session list, filtered by channel and message status', () => {
  // s1: read and replied (web-mall); s2: waiting and unread (app); s3: waiting, read (web-mall).
  const events: ProjectedEvent<ConversationEvent>[] = [
    opened('s1', 'c1', T0, { channel: 'web-mall' }),
    assigned('s1', 'a1', T0),
    fromCustomer('s1', 'c1', T0 + S),
    read('s1', 100, 1, T0 + 2 * S),
    fromAgent('s1', 'a1', T0 + 2 * S),
    opened('s2', 'c2', T0, { channel: 'app' }),
    assigned('s2', 'a1', T0 + 3 * S),
    fromCustomer('s2', 'c2', T0 + 4 * S),
    opened('s3', 'c3', T0, { channel: 'web-mall' }),
    assigned('s3', 'a1', T0 + 5 * S),
  ];
  const inbox = project(agentInbox, events);
  const withS3 = project(agentInbox, [fromCustomer('s3', 'c3', T0 + 6 * S), read('s3', 100, 1, T0 + 7 * S)], inbox);
  const list = (query: SessionListQuery, viewer = a1, state = withS3): readonly string[] => {
    const result = sessionListFor(state, SHOP, viewer, query);
    if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
    return result.right.map((s: InboxSession) => s.sessionId);
  };

  it('orders as agentInbox does (latest message, longest waiting, newest joined)', () => {
    expect(list({ agentId: 'a1', order: 'latest-message' })).toEqual(['s3', 's2', 's1']);
    expect(list({ agentId: 'a1', order: 'longest-waiting' })).toEqual(['s2', 's3', 's1']);
    expect(list({ agentId: 'a1', order: 'newest-joined' })).toEqual(['s3', 's2', 's1']);
  });

  it('channel', () => expect(list({ agentId: 'a1', channel: 'web-mall', order: 'newest-joined' })).toEqual(['s3', 's1']));

  it('message status: unread, unreplied (a customer waits), replied (nothing waits)', () => {
    expect(list({ agentId: 'a1', status: 'unread' })).toEqual(['s2']);
    expect(list({ agentId: 'a1', status: 'unreplied', order: 'longest-waiting' })).toEqual(['s2', 's3']);
    expect(list({ agentId: 'a1', status: 'replied' })).toEqual(['s1']);
    expect(list({ agentId: 'a1', status: 'unreplied', channel: 'app' })).toEqual(['s2']);
  });

  it('a team lead reads the list of an agent of its groups, an admin anyone\'s; an agent only its own', () => {
    expect(list({ agentId: 'a1', status: 'replied' }, lead)).toEqual(['s1']);
    expect(list({ agentId: 'a1', status: 'replied' }, admin)).toEqual(['s1']);
    expect(sessionListFor(withS3, SHOP, makeViewer({ shopId: SHOP, agentId: 'a2', role: 'agent' }), { agentId: 'a1' })).toMatchObject({ left: { code: 'actor.not-allowed', details: { field: 'agentId', agentId: 'a1' } } });
    expect(sessionListFor(withS3, SHOP, makeViewer({ shopId: 'shop-z', agentId: 'a1', role: 'admin' }), { agentId: 'a1' })).toMatchObject({ left: { code: 'actor.not-allowed' } });
  });

  it('a bad filter is a ValidationError naming it', () => {
    expect(sessionListFor(withS3, SHOP, a1, { agentId: 'a1', status: 'seen' } as unknown as SessionListQuery)).toMatchObject({ left: { _tag: 'ValidationError', issues: [{ path: 'status' }] } });
    expect(sessionListFor(withS3, SHOP, a1, { agentId: 'a1', order: 'oldest' } as unknown as SessionListQuery)).toMatchObject({ left: { issues: [{ path: 'order' }] } });
  });
});

describe('S13: starred and recent-contact lists, asked for by a viewer', () => {
  const review = (type: 'SessionStarred', sessionId: string, agentId: string, customerId: string, at: number) =>
    ({ ...event('ConversationQueued', { sessionId, routingVersion: 1, at }), type, data: { sessionId, agentId, customerId, at } }) as unknown as ProjectedEvent<ReviewEvent>;
  const stars = project(starredSessionsProjection(), [review('SessionStarred', 's1', 'a1', 'c1', T0), review('SessionStarred', 's2', 'a2', 'c2', T0)]);
  const recent = project(recentContactsProjection(), [opened('s1', 'c1', T0), assigned('s1', 'a1', T0), opened('s2', 'c2', T0), assigned('s2', 'a2', T0)]);
  const now = T0 + 60 * S;

  it('own list by default; a team lead its groups\' agents\'; an admin anyone\'s', () => {
    expect(starredListFor(stars, SHOP, a1, { now })).toMatchObject({ right: [{ sessionId: 's1' }] });
    expect(recentContactsFor(recent, SHOP, a1, { now })).toMatchObject({ right: [{ customerId: 'c1' }] });
    expect(starredListFor(stars, SHOP, lead, { now, agentId: 'a1' })).toMatchObject({ right: [{ sessionId: 's1' }] });
    expect(starredListFor(stars, SHOP, admin, { now, agentId: 'a2' })).toMatchObject({ right: [{ sessionId: 's2' }] });
    expect(recentContactsFor(recent, SHOP, admin, { now, agentId: 'a2' })).toMatchObject({ right: [{ customerId: 'c2' }] });
  });

  it('anyone else\'s list: actor.not-allowed naming agentId; another shop\'s viewer likewise', () => {
    expect(starredListFor(stars, SHOP, a1, { now, agentId: 'a2' })).toMatchObject({ left: { code: 'actor.not-allowed', details: { field: 'agentId', agentId: 'a2' } } });
    expect(recentContactsFor(recent, SHOP, lead, { now, agentId: 'a2' })).toMatchObject({ left: { code: 'actor.not-allowed' } });
    expect(starredListFor(stars, SHOP, makeViewer({ shopId: 'shop-z', agentId: 'a1', role: 'agent' }), { now })).toMatchObject({ left: { code: 'actor.not-allowed' } });
  });

  it('the 6-month window at the query\'s time; a bad window is a ValidationError', () => {
    const later = T0 + 200 * 86_400_000;
    expect(starredListFor(stars, SHOP, a1, { now: later })).toEqual(E.right([]));
    expect(recentContactsFor(recent, SHOP, a1, { now: later })).toEqual(E.right([]));
    expect(recentContactsFor(recent, SHOP, a1, { now: later, months: 12 })).toMatchObject({ right: [{ customerId: 'c1' }] });
    expect(starredListFor(stars, SHOP, a1, { now, months: 0 })).toMatchObject({ left: { _tag: 'ValidationError', issues: [{ path: 'months' }] } });
  });
});

describe('the viewer, read from the desk (R13/C4: a team lead leads its own groups)', () => {
  const desk = staffDesk([
    { id: 'boss', role: 'admin' },
    { id: 'lead', role: 'team-lead', groups: ['g1', 'g3'] },
    { id: 'a1', groups: ['g1'] },
    { id: 'a2', groups: ['g2'] },
    { id: 'a3', groups: ['g2', 'g3'] },
  ]);

  it('a team lead\'s team is every agent sharing one of its groups; others have none', () => {
    const v = viewerOf(desk, SHOP, 'lead');
    expect(E.isRight(v) && [...v.right.team].sort()).toEqual(['a1', 'a3', 'lead']);
    expect(v).toMatchObject({ right: { role: 'team-lead', groups: ['g1', 'g3'], shopId: SHOP } });
    expect(viewerOf(desk, SHOP, 'a1')).toMatchObject({ right: { role: 'agent', groups: ['g1'] } });
    expect(E.isRight(viewerOf(desk, SHOP, 'a1')) && viewerOf(desk, SHOP, 'a1')).toMatchObject({ right: { team: new Set() } });
  });

  it('an agent the desk does not know is actor.unknown', () => {
    expect(viewerOf(desk, SHOP, 'ghost')).toMatchObject({ left: { code: 'actor.unknown' } });
  });

  it('canSee: the one rule', () => {
    const v = viewerOf(desk, SHOP, 'lead');
    if (E.isLeft(v)) throw new Error('no lead');
    expect(canSee(v.right, SHOP, ['a3'])).toBe(true);
    expect(canSee(v.right, SHOP, ['a2'])).toBe(false);
    expect(canSee(v.right, SHOP, ['a2'], ['g3'])).toBe(true);
    expect(canSee(v.right, SHOP, [], ['g2'])).toBe(false);
    expect(canSee(v.right, 'shop-z', ['lead'])).toBe(false);
    expect(canSee(a1, SHOP, ['a1', 'a2'])).toBe(true);
    expect(canSee(a1, SHOP, [], ['g1'])).toBe(false);
    expect(canSee(admin, SHOP, [])).toBe(true);
  });
});
