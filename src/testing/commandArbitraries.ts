/**
 * Command inputs for any module, derived from the module's own command codecs
 * (codecArbitrary.ts walks them): `{ type, shopId, actor, data }`, what
 * `engine.dispatch` takes, whose `data` the codec accepts. Ids come from small
 * pools, so generated commands meet on the same streams and refer to each other;
 * the actor is one the module's permission table may accept (the system always;
 * staff where a role reaches; a customer where the rule lets one act on its own).
 * Needs fast-check (an optional peer dependency of kefu).
 */
import fc from 'fast-check';
import type { Actor } from '../domain/envelope.js';
import type { AnyModule } from '../domain/module.js';
import type { CommandRule } from '../domain/permissions/policy.js';
import { policyTables } from '../domain/permissions/policyTables.js';
import { codecArbitrary, DEFAULT_POOLS, type IdPools, type NamedGenerator } from './codecArbitrary.js';

export interface CommandInputOf<T extends string = string> {
  readonly type: T;
  readonly shopId: string;
  readonly actor: Actor;
  readonly data: unknown;
}

export interface CommandArbitraryOptions {
  /** The id pools (shops, agents, customers, sessions, groups); DEFAULT_POOLS by default. */
  readonly pools?: Partial<IdPools>;
  /** `allowed` (default): any actor kind the command's rule may accept; `system`: the system only (never refused for who sent it). */
  readonly actors?: 'allowed' | 'system';
  /** Generators by codec name, over NAMED_GENERATORS, for a module's own custom codecs. */
  readonly named?: Readonly<Record<string, NamedGenerator>>;
}

const SYSTEM: Actor = { kind: 'system' };

const ruleOf = (module: AnyModule, type: string): CommandRule | undefined =>
  (policyTables as Readonly<Record<string, Readonly<Record<string, CommandRule>>>>)[module.name]?.[type];

/** The actors a command's rule may accept, from the pools. */
export const actorArbitrary = (module: AnyModule, type: string, pools: IdPools = DEFAULT_POOLS): fc.Arbitrary<Actor> => {
  const rule = ruleOf(module, type);
  const kinds: fc.Arbitrary<Actor>[] = [fc.constant(SYSTEM)];
  if (rule !== undefined && rule.systemOnly !== true) {
    if (rule.admin !== 'none' || rule['team-lead'] !== 'none' || rule.agent !== 'none') kinds.push(fc.constantFrom(...pools.agents).map((id): Actor => ({ kind: 'agent', id })));
    if (rule.customer === 'own') kinds.push(fc.constantFrom(...pools.customers).map((id): Actor => ({ kind: 'customer', id })));
  }
  return fc.oneof(...kinds);
};

/** The command types a module declares, in its codecs' order. */
export const commandTypesOf = (module: AnyModule): readonly string[] => Object.keys(module.commands);

/** Inputs of one command type of `module`. Throws (naming the codec) when a codec needs a generator in `named`. */
export const commandArbitrary = (module: AnyModule, type: string, options: CommandArbitraryOptions = {}): fc.Arbitrary<CommandInputOf> => {
  const codec = (module.commands as Readonly<Record<string, Parameters<typeof codecArbitrary>[0]>>)[type];
  if (codec === undefined) throw new Error(`module ${module.name} has no command ${type}; it has ${commandTypesOf(module).join(', ')}`);
  const pools: IdPools = { ...DEFAULT_POOLS, ...options.pools };
  const data = codecArbitrary(codec, { pools, ...(options.named === undefined ? {} : { named: options.named }) });
  const actor = options.actors === 'system' ? fc.constant(SYSTEM) : actorArbitrary(module, type, pools);
  return fc.record({ type: fc.constant(type), shopId: fc.constantFrom(...pools.shops), actor, data });
};

/** Inputs of every command of every module given, each type as likely as another. */
export const anyCommandArbitrary = (modules: readonly AnyModule[], options: CommandArbitraryOptions = {}): fc.Arbitrary<CommandInputOf> =>
  fc.oneof(...modules.flatMap((module) => commandTypesOf(module).map((type) => commandArbitrary(module, type, options))));
