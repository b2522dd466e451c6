/** Building commands by hand in tests, with the metadata the engine would stamp on them. */
import type { Command, CommandMeta } from '../domain/command.js';

export const defaultMeta: CommandMeta = {
  shopId: 'shop-1',
  actor: { kind: 'system' },
  now: Date.UTC(2026, 0, 5, 9, 0, 0),
  seed: 42,
  commandId: 'cmd-1',
  correlationId: 'cmd-1',
  causationId: 'cmd-1',
};

/** A command of `type` with `data`; `meta` overrides the defaults field by field. */
export const makeCommand = <C extends Command>(
  type: C['type'],
  data: C['data'],
  meta: Partial<CommandMeta> = {},
): C => ({ type, data, meta: { ...defaultMeta, ...meta } }) as C;
