/**
 * The ticket settings module (T1-T4): one stream per shop,
 * `ticket-settings-<shopId>`, holding its acceptance groups, type tree,
 * templates, SLA versions and left-message ticket settings. The ticket module
 * reads it as a reference; nothing else writes it. A command reads the desk
 * (who is an admin; which agents exist, for group members and a policy's named
 * people) and the access stream for an agent's permissions. A snapshot every
 * 200 events keeps a cold start short.
 */
import { routingStream } from '../../domain/desk/routingStream.js';
import { defineModule, type StreamReference } from '../../domain/module.js';
import { permissionReferencesFor } from '../../domain/permissions/who.js';
import { checkedCommandCodecs, type TicketSettingsCommand } from './ticketSettingsCommands.js';
import { decideTicketSettings } from './ticketSettingsDecide.js';
import { ticketSettingsEventDefinitions, type TicketSettingsEvent } from './ticketSettingsEvents.js';
import { decodeTicketSettings, encodeTicketSettings, SNAPSHOT_EVERY } from './ticketSettingsSnapshot.js';
import { evolveTicketSettings, initialTicketSettingsState } from './ticketSettingsState.js';
import type { TicketSettingsState } from './ticketSettingsTypes.js';

export const ticketSettingsStream = (shopId: string): string => `ticket-settings-${shopId}`;

/** How another module (the ticket) names the settings as a reference it reads. */
export const ticketSettingsReference = (shopId: string): StreamReference => ({ module: 'ticket-settings', stream: ticketSettingsStream(shopId) });

/** The commands that check agents on the desk (members; a policy's people), whoever sends them. */
const readsAgents = (command: TicketSettingsCommand): boolean => command.type === 'AddGroupMembers' || command.type === 'DefineSlaPolicy';

const referencesOf = (command: TicketSettingsCommand): readonly StreamReference[] => {
  const { shopId, actor } = command.meta;
  const permissions = permissionReferencesFor(shopId, actor);
  const desk = routingStream(shopId);
  return readsAgents(command) && !permissions.some((r) => r.stream === desk) ? [{ module: 'desk', stream: desk }, ...permissions] : permissions;
};

export const ticketSettingsModule = defineModule<TicketSettingsState, TicketSettingsCommand, TicketSettingsEvent>({
  name: 'ticket-settings',
  commands: checkedCommandCodecs,
  events: ticketSettingsEventDefinitions,
  streamOf: (command) => ticketSettingsStream(command.meta.shopId),
  references: referencesOf,
  decider: { initialState: initialTicketSettingsState, decide: decideTicketSettings, evolve: evolveTicketSettings },
  snapshot: { schemaVersion: 1, every: SNAPSHOT_EVERY, encode: encodeTicketSettings, decode: decodeTicketSettings },
});
