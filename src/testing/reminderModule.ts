/**
 * A small module made of reactions, for testing the runtime (and as an example of
 * the reactions API): a reminder is set for a time, fires at that time unless
 * cancelled first, and each firing is counted once on the shop's tally, another
 * stream. A reminder can ask for a follow-up one second after it fires (a chain),
 * so firing creates further deadlines.
 *
 * Every command is idempotent by state, as reactions require: setting the same
 * reminder again, firing one that fired or was cancelled, counting a firing
 * already counted are all no-ops. So however often the runtime delivers, the log
 * holds one ReminderFired per reminder and one TallyCounted per firing, which is
 * what the fault tests check.
 */
import * as E from 'fp-ts/lib/Either.js';
import { Set as ImmutableSet } from 'immutable';
import * as t from 'io-ts';
import type { Command } from '../domain/command.js';
import type { DomainEvent } from '../domain/decider.js';
import { domainError } from '../domain/errors.js';
import { defineModule } from '../domain/module.js';
import { cancel, dispatch, reactionsTo, schedule } from '../domain/reaction.js';
import { identifier, intInRange, struct, timestamp } from '../domain/validation.js';

export type ReminderStatus = 'none' | 'set' | 'fired' | 'cancelled';

export interface ReminderState {
  readonly status: ReminderStatus;
  readonly at: number;
  /** Reminders still to follow this one. */
  readonly chain: number;
  /** On the tally stream: the reminders whose firing was counted. */
  readonly counted: ImmutableSet<string>;
}

export type ReminderCommand =
  | Command<'SetReminder', { readonly reminderId: string; readonly at: number; readonly chain?: number }>
  | Command<'CancelReminder', { readonly reminderId: string }>
  | Command<'FireReminder', { readonly reminderId: string }>
  | Command<'CountFiring', { readonly reminderId: string }>;

export type ReminderEvent =
  | DomainEvent<'ReminderSet', { readonly reminderId: string; readonly at: number; readonly chain: number }>
  | DomainEvent<'ReminderCancelled', { readonly reminderId: string }>
  | DomainEvent<'ReminderFired', { readonly reminderId: string; readonly at: number; readonly firedAt: number; readonly chain: number }>
  | DomainEvent<'FiringCounted', { readonly reminderId: string }>;

const reminderId = identifier('reminder id');
const FOLLOW_UP_MS = 1_000;

export const reminderKey = (id: string): string => `reminder:${id}`;
export const followUpId = (id: string): string => `${id}.next`;
export const tallyStream = (shopId: string): string => `tally-${shopId}`;

export const reminderModule = defineModule<ReminderState, ReminderCommand, ReminderEvent>({
  name: 'reminders',
  commands: {
    SetReminder: struct('SetReminder', { reminderId, at: timestamp }, { chain: intInRange(0, 100) }),
    CancelReminder: struct('CancelReminder', { reminderId }),
    FireReminder: struct('FireReminder', { reminderId }),
    CountFiring: struct('CountFiring', { reminderId }),
  },
  events: {
    ReminderSet: { schemaVersion: 1, codec: struct('ReminderSet', { reminderId, at: timestamp, chain: intInRange(0, 100) }) },
    ReminderCancelled: { schemaVersion: 1, codec: struct('ReminderCancelled', { reminderId }) },
    ReminderFired: { schemaVersion: 1, codec: struct('ReminderFired', { reminderId, at: timestamp, firedAt: timestamp, chain: intInRange(0, 100) }) },
    FiringCounted: { schemaVersion: 1, codec: struct('FiringCounted', { reminderId: t.string }) },
  },
  streamOf: (command) =>
    command.type === 'CountFiring' ? tallyStream(command.meta.shopId) : `reminder-${command.meta.shopId}-${command.data.reminderId}`,
  decider: {
    initialState: () => ({ status: 'none', at: 0, chain: 0, counted: ImmutableSet() }),
    decide: (command, state) => {
      switch (command.type) {
        case 'SetReminder':
          if (state.status === 'none') {
            return E.right([{ type: 'ReminderSet', data: { reminderId: command.data.reminderId, at: command.data.at, chain: command.data.chain ?? 0 } }]);
          }
          return state.at === command.data.at ? E.right([]) : E.left(domainError('reminder.exists', `reminder ${command.data.reminderId} is set already`));
        case 'CancelReminder':
          return E.right(state.status === 'set' ? [{ type: 'ReminderCancelled', data: { reminderId: command.data.reminderId } }] : []);
        case 'FireReminder':
          if (state.status !== 'set') return E.right([]);
          if (command.meta.now < state.at) return E.left(domainError('reminder.not-due', `reminder ${command.data.reminderId} is due at ${state.at}`));
          return E.right([{ type: 'ReminderFired', data: { reminderId: command.data.reminderId, at: state.at, firedAt: command.meta.now, chain: state.chain } }]);
        case 'CountFiring':
          return E.right(state.counted.has(command.data.reminderId) ? [] : [{ type: 'FiringCounted', data: { reminderId: command.data.reminderId } }]);
      }
    },
    evolve: (state, event) => {
      switch (event.type) {
        case 'ReminderSet':
          return { ...state, status: 'set', at: event.data.at, chain: event.data.chain };
        case 'ReminderCancelled':
          return { ...state, status: 'cancelled' };
        case 'ReminderFired':
          return { ...state, status: 'fired' };
        case 'FiringCounted':
          return { ...state, counted: state.counted.add(event.data.reminderId) };
      }
    },
  },
  reactions: reactionsTo<ReminderEvent>({
    ReminderSet: ({ data }) => [schedule(reminderKey(data.reminderId), data.at, 'FireReminder', { reminderId: data.reminderId })],
    ReminderCancelled: ({ data }) => [cancel(reminderKey(data.reminderId))],
    ReminderFired: ({ data }) => [
      dispatch('CountFiring', { reminderId: data.reminderId }),
      ...(data.chain > 0 ? [dispatch('SetReminder', { reminderId: followUpId(data.reminderId), at: data.at + FOLLOW_UP_MS, chain: data.chain - 1 })] : []),
    ],
  }),
});
