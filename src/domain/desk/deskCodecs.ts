/** Small codecs shared by the desk's commands and events. */
import * as t from 'io-ts';
import { agentIdCodec, groupIdCodec } from '../ids.js';
import { identifier, oneOf, struct } from '../validation.js';
import type { QueueTarget } from '../../routing/model.js';

export const agentRoleCodec = oneOf('AgentRole', ['admin', 'team-lead', 'agent']);
export const agentStatusCodec = oneOf('AgentStatus', ['online', 'busy', 'offline']);
export const lifecycleCodec = oneOf('AgentLifecycle', ['pending', 'active', 'frozen']);
export const baseModeCodec = oneOf('BaseMode', ['least-load', 'round-robin', 'weighted', 'random']);
/** Channels are named by the shop: wechat-oa, mini-program, web-mall, distribution, app, ... */
export const channelCodec = identifier('channel');

export const queueTargetCodec: t.Type<QueueTarget, QueueTarget, unknown> = t.union([
  struct('AnyTarget', { kind: t.literal('any') }),
  struct('AgentTarget', { kind: t.literal('agent'), agentId: agentIdCodec }),
  struct('PoolTarget', { kind: t.literal('pool'), groups: t.readonlyArray(groupIdCodec), agents: t.readonlyArray(agentIdCodec) }),
]);
