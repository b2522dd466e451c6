/**
 * The settings stream's snapshot (every SNAPSHOT_EVERY events): the state's Maps
 * as lists, and the SLA versions with their policies and calendars written once
 * each (versions share the unchanged ones, so a snapshot of many versions holds
 * each policy revision and calendar once, and versions point at them by index).
 * Decoding rebuilds the same sharing, and `templateOfType` from the templates.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { calendarCodec } from '../../domain/calendar/calendarCodec.js';
import type { ValidationError } from '../../domain/errors.js';
import { agentIdCodec } from '../../domain/ids.js';
import { decodeWith, intInRange, nonNegativeInt, struct, timestamp } from '../../domain/validation.js';
import { leftMessageTicketsCodec } from './ticketSettingsCommands.js';
import { slaPolicyCodec } from './ticketSettingsEvents.js';
import { calendarIdCodec, fieldsCodec, groupIdCodec, groupNameCodec, templateIdCodec, templateNameCodec, typeIdCodec, typeNameCodec } from './settingsCodecs.js';
import { calendarNameCodec } from './slaCodecs.js';
import type { AcceptanceGroup, SlaCalendar, SlaPolicy, SlaVersion, TicketSettingsState, TicketTemplate, TicketType } from './ticketSettingsTypes.js';

export const SNAPSHOT_EVERY = 200;

const ids = t.readonlyArray(typeIdCodec);
const indexes = t.readonlyArray(nonNegativeInt);

const snapshotCodec = struct(
  'TicketSettingsSnapshot',
  {
    groups: t.readonlyArray(struct('SnapshotGroup', { groupId: groupIdCodec, name: groupNameCodec, members: t.readonlyArray(agentIdCodec) })),
    types: t.readonlyArray(struct('SnapshotType', { typeId: typeIdCodec, name: typeNameCodec, children: ids }, { parentId: typeIdCodec })),
    rootTypes: ids,
    templates: t.readonlyArray(struct('SnapshotTemplate', { templateId: templateIdCodec, name: templateNameCodec, fields: fieldsCodec, enabled: t.boolean }, { typeId: typeIdCodec })),
    policies: t.readonlyArray(slaPolicyCodec),
    calendars: t.readonlyArray(struct('SnapshotCalendar', { calendarId: calendarIdCodec, name: calendarNameCodec, calendar: calendarCodec })),
    versions: t.readonlyArray(struct('SnapshotVersion', { version: intInRange(1, Number.MAX_SAFE_INTEGER), effectiveAt: timestamp, policies: indexes, calendars: indexes })),
  },
  { leftMessageTickets: leftMessageTicketsCodec },
);
const decodeSnapshot = decodeWith(snapshotCodec, 'ticket settings snapshot');

/** Gives each distinct object (by identity) one index in `table`. */
const indexer = <A extends object>() => {
  const table: A[] = [];
  const seen = new Map<A, number>();
  const indexOf = (a: A): number => {
    const known = seen.get(a);
    if (known !== undefined) return known;
    table.push(a);
    seen.set(a, table.length - 1);
    return table.length - 1;
  };
  return { table, indexOf };
};

export const encodeTicketSettings = (state: TicketSettingsState): unknown => {
  const policies = indexer<SlaPolicy>();
  const calendars = indexer<SlaCalendar>();
  const versions = state.slaVersions.map((v) => ({
    version: v.version,
    effectiveAt: v.effectiveAt,
    policies: v.policies.map(policies.indexOf),
    calendars: [...v.calendars.values()].map(calendars.indexOf),
  }));
  return snapshotCodec.encode({
    groups: [...state.groups.values()],
    types: [...state.types.values()],
    rootTypes: state.rootTypes,
    templates: [...state.templates.values()],
    policies: policies.table,
    calendars: calendars.table,
    versions,
    ...(state.leftMessageTickets === undefined ? {} : { leftMessageTickets: state.leftMessageTickets }),
  });
};

type Snapshot = t.TypeOf<typeof snapshotCodec>;

const pick = <A>(table: readonly A[], i: number, what: string): E.Either<ValidationError, A> =>
  i < table.length ? E.right(table[i]!) : E.left({ _tag: 'ValidationError', source: 'ticket settings snapshot', issues: [{ path: 'versions', reason: `no ${what} ${i}` }] });

const versionsOf = (s: Snapshot): E.Either<ValidationError, readonly SlaVersion[]> => {
  const out: SlaVersion[] = [];
  for (const v of s.versions) {
    const policies: SlaPolicy[] = [];
    const calendars = new Map<string, SlaCalendar>();
    for (const i of v.policies) {
      const p = pick(s.policies, i, 'policy');
      if (E.isLeft(p)) return p;
      policies.push(p.right);
    }
    for (const i of v.calendars) {
      const c = pick(s.calendars, i, 'calendar');
      if (E.isLeft(c)) return c;
      calendars.set(c.right.calendarId, c.right);
    }
    out.push({ version: v.version, effectiveAt: v.effectiveAt, policies, calendars });
  }
  return E.right(out);
};

export const decodeTicketSettings = (encoded: unknown): E.Either<ValidationError, TicketSettingsState> => {
  const decoded = decodeSnapshot(encoded);
  if (E.isLeft(decoded)) return decoded;
  const s = decoded.right;
  const versions = versionsOf(s);
  if (E.isLeft(versions)) return versions;
  const templates = new Map(s.templates.map((tpl): [string, TicketTemplate] => [tpl.templateId, tpl]));
  return E.right({
    groups: new Map(s.groups.map((g): [string, AcceptanceGroup] => [g.groupId, g])),
    types: new Map(s.types.map((ty): [string, TicketType] => [ty.typeId, ty])),
    rootTypes: s.rootTypes,
    templates,
    templateOfType: new Map([...templates.values()].flatMap((tpl): [string, string][] => (tpl.typeId === undefined ? [] : [[tpl.typeId, tpl.templateId]]))),
    slaVersions: versions.right,
    ...(s.leftMessageTickets === undefined ? {} : { leftMessageTickets: s.leftMessageTickets }),
  });
};
