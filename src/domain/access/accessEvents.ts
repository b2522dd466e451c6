/**
 * The access events: a role defined (whole: its name, permissions and brands), a
 * role removed (its members lose it), an agent's roles set (the whole list). Whole
 * values make each event the truth about its subject, so evolve never merges.
 */
import type { DomainEvent } from '../decider.js';
import { agentIdCodec, roleIdCodec } from '../ids.js';
import type { EventDefinitions } from '../module.js';
import { struct, timestamp } from '../validation.js';
import * as t from 'io-ts';
import { roleFields, roleOptionalFields, type RoleFields } from './accessCommands.js';

type At = { readonly at: number };

export type AccessEvent =
  | DomainEvent<'RoleDefined', RoleFields & At>
  | DomainEvent<'RoleRemoved', { readonly roleId: string } & At>
  | DomainEvent<'AgentRolesSet', { readonly agentId: string; readonly roleIds: readonly string[] } & At>;

export const accessEventDefinitions: EventDefinitions<AccessEvent> = {
  RoleDefined: {
    schemaVersion: 1,
    codec: struct('RoleDefined', { ...roleFields, at: timestamp }, roleOptionalFields),
  },
  RoleRemoved: { schemaVersion: 1, codec: struct('RoleRemoved', { roleId: roleIdCodec, at: timestamp }) },
  AgentRolesSet: { schemaVersion: 1, codec: struct('AgentRolesSet', { agentId: agentIdCodec, roleIds: t.readonlyArray(roleIdCodec), at: timestamp }) },
};
