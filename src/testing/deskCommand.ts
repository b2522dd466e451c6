/**
 * A desk command for a decider test, from the same inputs an engine takes
 * (deskInputs.ts: `desk(shop).asAgent('a1').busy('a1')`), with the metadata the
 * engine would stamp (makeCommand's defaults; `meta` overrides them, e.g. `now`).
 */
import type { CommandMeta } from '../domain/command.js';
import type { DeskCommand } from '../domain/desk/deskCommands.js';
import { makeCommand } from './commands.js';
import type { DeskInput } from './deskInputs.js';

export const deskCommand = (input: DeskInput, meta: Partial<CommandMeta> = {}): DeskCommand =>
  makeCommand<DeskCommand>(input.type, input.data, { shopId: input.shopId, actor: input.actor, ...meta });
