/**
 * For the permission tables of the review and the consultation summary: the
 * session every case acts on, the owner's (customer `c-own` writes, and the
 * desk's assignment to the case's owner is mirrored into the conversation).
 */
import { PERMISSION_T0, type CaseContext, type CommandInputLike } from '../../support/permissionTable.js';

export const caseInput = (c: CaseContext, type: string, data: Record<string, unknown>, actor: CaseContext['actor'] = c.actor): CommandInputLike => ({ type, shopId: c.shopId, actor, data });

/** The owner's session s1 with customer c-own. */
export const ownersSession = (c: CaseContext): CommandInputLike[] => [
  caseInput(c, 'SendCustomerMessage', { sessionId: 's1', messageId: 'm1', customerId: c.customerId, content: { kind: 'text', text: '在吗' }, channel: 'web-mall' }, { kind: 'customer', id: c.customerId }),
  caseInput(c, 'RecordRouting', { sessionId: 's1', routingVersion: 1, at: PERMISSION_T0, change: { kind: 'assigned', agentId: c.owner, via: 'least-load' } }, { kind: 'system' }),
];
