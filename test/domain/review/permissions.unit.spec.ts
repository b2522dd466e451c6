/**
 * P1-P3 for the session review (S10, S13, S15): the permission table, every
 * command x every actor, with the shared kit (test/support/permissionTable.ts).
 * Each case's session is the owner's: alice's customer `c-own` writes, and the
 * desk's assignment to the case's owner is mirrored into the conversation.
 */
import { describe, expect, it } from 'vitest';
import { accessModule } from '../../../src/domain/access/accessModule.js';
import { conversationModule } from '../../../src/domain/conversation/conversationModule.js';
import type { ReviewCommandType } from '../../../src/domain/review/reviewCommands.js';
import { reviewModule } from '../../../src/domain/review/reviewModule.js';
import { reviewPolicy } from '../../../src/domain/review/reviewPolicy.js';
import { permissionTableSuite, type CaseContext, type PermissionFixture } from '../../support/permissionTable.js';
import { caseInput as input, ownersSession } from './caseSession.js';

const system = { kind: 'system' } as const;

/** The system acts for an agent it names (the owner); an agent acts for itself. */
const forAgent = (c: CaseContext) => (c.actor.kind === 'system' ? { agentId: c.owner } : {});

const fixtures: { readonly [K in ReviewCommandType]: PermissionFixture } = {
  InviteRating: { setup: ownersSession, command: (c) => input(c, 'InviteRating', { sessionId: 's1', invitationId: 'i1', ...forAgent(c) }) },
  ForceRating: { setup: ownersSession, command: (c) => input(c, 'ForceRating', { sessionId: 's1' }) },
  RateSession: { setup: ownersSession, command: (c) => input(c, 'RateSession', { sessionId: 's1', score: 5, comment: '很满意' }) },
  TagSession: { setup: ownersSession, command: (c) => input(c, 'TagSession', { sessionId: 's1', tag: '退货', ...forAgent(c) }) },
  UntagSession: {
    setup: (c) => [...ownersSession(c), input(c, 'TagSession', { sessionId: 's1', tag: '退货' }, system)],
    command: (c) => input(c, 'UntagSession', { sessionId: 's1', tag: '退货', ...forAgent(c) }),
  },
  StarSession: { setup: ownersSession, command: (c) => input(c, 'StarSession', { sessionId: 's1', ...forAgent(c) }) },
  UnstarSession: {
    setup: (c) => [...ownersSession(c), input(c, 'StarSession', { sessionId: 's1', agentId: c.owner }, system)],
    command: (c) => input(c, 'UnstarSession', { sessionId: 's1', ...forAgent(c) }),
  },
};

permissionTableSuite('session review', { modules: [conversationModule, reviewModule, accessModule], table: reviewPolicy, fixtures });

describe('session review: the declared table', () => {
  it('S10: only the customer rates, only the system forces; staff commands need the customer-service permission', () => {
    expect(reviewPolicy.RateSession).toMatchObject({ admin: 'none', 'team-lead': 'none', agent: 'none', customer: 'own' });
    expect(reviewPolicy.ForceRating.systemOnly).toBe(true);
    for (const type of ['InviteRating', 'TagSession', 'UntagSession', 'StarSession', 'UnstarSession'] as const) {
      expect(reviewPolicy[type], type).toMatchObject({ needs: 'customer-service', admin: 'all', 'team-lead': 'own-groups', agent: 'own', customer: 'none' });
    }
  });
});
