/**
 * C5 / P1: the permission table of feedback, every command x every actor, with
 * the shared kit (test/support/permissionTable.ts). The item is the case's
 * customer's (`c-own`); for the reply and the completion it is being processed
 * by the case's owner (started by the system on the owner's behalf, so the setup
 * never depends on the actor's own rights).
 */
import { describe, expect, it } from 'vitest';
import { accessModule } from '../../../src/domain/access/accessModule.js';
import type { FeedbackCommandType } from '../../../src/domain/feedback/feedbackCommands.js';
import { feedbackModule } from '../../../src/domain/feedback/feedbackModule.js';
import { feedbackPolicy } from '../../../src/domain/feedback/feedbackPolicy.js';
import { permissionTableSuite, type CaseContext, type CommandInputLike, type PermissionFixture } from '../../support/permissionTable.js';

const system = { kind: 'system' } as const;
const input = (c: CaseContext, type: FeedbackCommandType, data: Record<string, unknown>, actor: CaseContext['actor'] = c.actor): CommandInputLike => ({
  type,
  shopId: c.shopId,
  actor,
  data: { feedbackId: 'f-1', ...data },
});
const submitted = (c: CaseContext) => [input(c, 'SubmitFeedback', { customerId: c.customerId, content: '尺码不对' }, system)];
const taken = (c: CaseContext) => [...submitted(c), input(c, 'StartProcessingFeedback', { agentId: c.owner }, system)];

const fixtures: { readonly [K in FeedbackCommandType]: PermissionFixture } = {
  SubmitFeedback: { command: (c) => input(c, 'SubmitFeedback', { customerId: c.customerId, content: '测试反馈功能' }) },
  StartProcessingFeedback: { setup: submitted, command: (c) => input(c, 'StartProcessingFeedback', {}) },
  ReplyToFeedback: { setup: taken, command: (c) => input(c, 'ReplyToFeedback', { reply: '已收到你的反馈' }) },
  CompleteFeedback: { setup: taken, command: (c) => input(c, 'CompleteFeedback', {}) },
};

permissionTableSuite('feedback', { modules: [feedbackModule, accessModule], table: feedbackPolicy, fixtures });

describe('feedback: the declared table', () => {
  it('C5: the customer submits its own; reply and completion follow the handler (agent own, team lead its groups, admin all)', () => {
    expect(feedbackPolicy.SubmitFeedback).toMatchObject({ needs: 'customer-service', admin: 'all', 'team-lead': 'all', agent: 'all', customer: 'own' });
    expect(feedbackPolicy.StartProcessingFeedback).toMatchObject({ needs: 'customer-service', admin: 'all', 'team-lead': 'all', agent: 'all', customer: 'none' });
    for (const type of ['ReplyToFeedback', 'CompleteFeedback'] as const) {
      expect(feedbackPolicy[type]).toMatchObject({ needs: 'customer-service', admin: 'all', 'team-lead': 'own-groups', agent: 'own', customer: 'none' });
    }
  });
});
