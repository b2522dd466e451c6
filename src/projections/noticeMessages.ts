/**
 * kefu's reading of M12's "未命中自动回复" (open point 1), in one place for every
 * read model that times responses (the workload report, the live monitor, the
 * session history): an `auto` message that is a notice (the auto-replies'
 * welcome, queue notice, after-hours notice, promotion, and the no-response
 * prompts of S8) answers nothing; any other `auto` message (a keyword or robot
 * answer the backend sent) answers the customer messages before it.
 */
import { AUTO_REPLY_PURPOSES } from '../domain/autoReplies/autoRepliesEvents.js';

const NOTICES: ReadonlySet<string> = new Set(AUTO_REPLY_PURPOSES);

/** Whether an `auto` message of this purpose is a notice (it neither starts nor stops a response clock). */
export const isNotice = (purpose: string | undefined): boolean => purpose !== undefined && (NOTICES.has(purpose) || purpose.endsWith('-no-response-prompt'));
