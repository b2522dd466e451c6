/**
 * Hand-built ProjectedEvents for the attendance, fairness and live monitor
 * specs: each names its shop, carries its `at` in data and metadata, and gets the
 * next global position.
 */
import type { ProjectedEvent } from '../../../../src/projections/projection.js';
import { projectedEvents } from '../projectedEvents.js';

export const SHOP = 'shop-att';
export const ZONE = 'Asia/Shanghai';

/** Epoch ms of a Shanghai wall time, e.g. `local('2026-03-10 08:00')`. */
export const local = (wall: string): number => Date.parse(`${wall.replace(' ', 'T')}:00+08:00`);

export const eventBuilder = (shopId: string = SHOP) => {
  const build = projectedEvents(shopId);
  const event = (type: string, data: Record<string, unknown> & { at: number }, stream = `routing-${shopId}`): ProjectedEvent => build(type, data, stream);
  const request = (sessionId: string) => ({ sessionId, customerId: `c-${sessionId}`, channel: 'web', vip: false });
  return {
    event,
    registered: (agentId: string, at: number) => event('AgentRegistered', { agentId, name: agentId, role: 'agent', groups: [], maxSessions: 5, capability: 80, lifecycle: 'active', at }),
    status: (agentId: string, from: string, to: string, at: number) => event('AgentStatusChanged', { agentId, from, to, at }),
    queued: (sessionId: string, at: number, extra: Record<string, unknown> = {}) => event('SessionQueued', { ...request(sessionId), target: { kind: 'any' }, via: 'no-agent', ...extra, at }),
    assigned: (sessionId: string, agentId: string, via: string, at: number) => event('SessionAssigned', { ...request(sessionId), agentId, via, at }),
    transferred: (sessionId: string, from: string, to: string, at: number) => event('SessionTransferred', { sessionId, from, to, at }),
    requeued: (sessionId: string, from: string, at: number) =>
      event('SessionRequeued', { ...request(sessionId), from, reason: 'agent-offline', target: { kind: 'any' }, at }),
    ended: (sessionId: string, agents: string[], at: number) => event('SessionEnded', { sessionId, reason: 'agent', agents, at }),
    conversation: (type: string, sessionId: string, at: number, extra: Record<string, unknown> = {}) =>
      event(type, { sessionId, routingVersion: 1, ...extra, at }, `conversation-${shopId}-${sessionId}`),
    message: (sessionId: string, seq: number, sender: Record<string, unknown>, kind: string, at: number, purpose?: string) =>
      event(
        'MessageSent',
        { sessionId, messageId: `m-${sessionId}-${seq}`, seq, sender, kind, content: { kind: 'text', text: 'x' }, staffOnly: kind === 'internal-note', ...(purpose === undefined ? {} : { purpose }), at },
        `conversation-${shopId}-${sessionId}`,
      ),
    rated: (sessionId: string, score: number, creditedTo: string[], counts: boolean, at: number, replaces?: { score: number; creditedTo: string[] }) =>
      event(
        'SessionRated',
        { sessionId, ratingNo: 1, source: 'customer', customerId: `c-${sessionId}`, score, creditedTo, counts, ...(replaces === undefined ? {} : { replaces: { ratingNo: 1, ...replaces } }), at },
        `review-${shopId}-${sessionId}`,
      ),
  };
};
