/**
 * S9, the rules alone: which auto-replies a moment of a session gets, from the
 * settings in effect at that moment, who of the desk's agents is there, and what
 * this customer was sent before. Pure functions of their inputs, no Either: the
 * refusals are the decider's.
 *
 * - Welcome: at most once per customer per natural day in the shop's zone (the
 *   business calendar's zone); the configured text, or the default when empty.
 * - After-hours notice: when the calendar is closed at that moment AND no agent
 *   of the shop is online or busy (both, so a shop that answers outside its
 *   hours does not tell customers it is closed); off when its text is empty.
 * - Promotion: each customer session's start, when its text is not empty.
 * - Queue notice: when the session queues, once per session; off when empty.
 * Texts are at most 1000 characters (the settings codec refuses longer ones).
 *
 * The settings and the calendar are those in effect at the moment (`at`); the
 * desk is read as it is when deciding (the desk keeps no history of presence), a
 * moment later at most when the reactor is live. A shop that moves its zone
 * westwards may see one day without a welcome: dates are compared as written.
 */
import { isOpen } from '../calendar/businessTime.js';
import { isPresent } from '../../routing/eligibility.js';
import type { DeskState } from '../desk/deskState.js';
import { welcomeText } from '../shopSettings/shopSettings.js';
import type { ShopSettings } from '../shopSettings/shopSettingsShape.js';
import { stableId } from '../stableId.js';
import type { AutoReplyPurpose } from './autoRepliesEvents.js';
import type { AutoRepliesState } from './autoRepliesState.js';
import { localDateOf } from './localDate.js';

export interface ChosenReply {
  readonly purpose: AutoReplyPurpose;
  readonly text: string;
  readonly messageId: string;
  readonly localDate?: string;
}

/** The conversation's message id for an auto-reply: one per session and purpose, so a repeat is a no-op there too. */
export const autoReplyMessageId = (sessionId: string, purpose: AutoReplyPurpose): string => stableId('auto-', [sessionId, purpose]);

const reply = (sessionId: string, purpose: AutoReplyPurpose, text: string): ChosenReply => ({ purpose, text, messageId: autoReplyMessageId(sessionId, purpose) });

const isOn = (text: string) => text.trim() !== '';

/**
 * Whether some agent of the shop is online or busy (routing's isPresent: a working
 * agent, not offline; a disabled or removed agent is nobody). A scan that stops at
 * the first one present: it runs once per session start, and in a shop with
 * someone there it usually stops early.
 */
export const someAgentPresent = (desk: DeskState): boolean => {
  for (const agent of desk.agents.values()) if (isPresent(agent)) return true;
  return false;
};

/** In the order the customer reads them: the greeting, then whether anyone is there, then the offer. */
export const startReplies = (sessionId: string, at: number, settings: ShopSettings, desk: DeskState, state: AutoRepliesState): readonly ChosenReply[] => {
  const chosen: ChosenReply[] = [];
  const { autoReplies, businessHours } = settings;
  const today = localDateOf(businessHours.zone, at);
  // Dates of one zone compare as strings; a moment delivered late from an earlier day never re-welcomes.
  if (state.welcomedOn === undefined || today > state.welcomedOn) chosen.push({ ...reply(sessionId, 'welcome', welcomeText(autoReplies)), localDate: today });
  if (isOn(autoReplies.afterHoursNotice) && !isOpen(businessHours, at) && !someAgentPresent(desk)) chosen.push(reply(sessionId, 'after-hours-notice', autoReplies.afterHoursNotice));
  if (isOn(autoReplies.promotion)) chosen.push(reply(sessionId, 'promotion', autoReplies.promotion));
  return chosen;
};

export const queueReplies = (sessionId: string, settings: ShopSettings): readonly ChosenReply[] =>
  isOn(settings.autoReplies.queueNotice) ? [reply(sessionId, 'queue-notice', settings.autoReplies.queueNotice)] : [];
