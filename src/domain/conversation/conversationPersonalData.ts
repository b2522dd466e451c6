/**
 * S16: what the conversation's events hold that people wrote, and whose key seals
 * it. A message's content (customer and agent messages, internal notes, system and
 * auto texts, which may quote the customer) belongs to its session: one key per
 * session, destroyed once the session's last message is older than the shop's
 * retention window. Ids, kinds, senders, times and sequence numbers stay readable,
 * which is all the inbox, recent contacts and the reports fold.
 */
import { sessionSubject, type PersonalData } from '../personalData.js';
import { EXPIRED_CONTENT, type StoredMessageContent } from './messages.js';

export const messageContentPersonal: PersonalData<{ readonly sessionId: string; readonly content: StoredMessageContent }> = {
  subject: (data) => sessionSubject(data.sessionId),
  fields: { content: EXPIRED_CONTENT },
};

/** The first message of the next session (S7), recorded in the ended one: it is the next session's message, under its key. */
export const continuedContentPersonal: PersonalData<{ readonly nextSessionId: string; readonly content: StoredMessageContent }> = {
  subject: (data) => sessionSubject(data.nextSessionId),
  fields: { content: EXPIRED_CONTENT },
};
