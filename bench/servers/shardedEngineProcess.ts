/**
 * One engine process of the servers benchmark: createEngine on a sharded store
 * over every server of the run (the shop map on the first), following the log of
 * its own server (its reactor live, as in production), serving shops placed on
 * that server. As in the scale benchmark: agents registered and online, then one
 * loop per shop opening and ending sessions; every opening is an assignment.
 *
 * Run by servers.bench.ts under `node --import tsx`; argument: ServersArgs as JSON.
 */
import { createPostgresEventStore } from '../../src/adapters/postgres/index.js';
import { createPostgresShopMap, createShardedEventStore } from '../../src/adapters/sharded/index.js';
import { deskModule } from '../../src/domain/desk/deskModule.js';
import { createEngine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { childArgs, runChild } from '../scale/protocol.js';
import { setUpShops, shopLoops, warmUpThenTimed } from '../scale/shopLoops.js';

export interface ServersArgs {
  /** Every server of the run, by name; the shop map lives on the first. */
  readonly servers: Readonly<Record<string, string>>;
  readonly schema: string;
  /** The server this process follows, whose shops it serves. */
  readonly follow: string;
  readonly shops: readonly string[];
  readonly agentsPerShop: number;
  readonly seconds: number;
  readonly warmUpSeconds: number;
  readonly seed: number;
  /** The control: the followed server's PostgreSQL store itself, no shop map in between. */
  readonly plain: boolean;
}


runChild(async () => {
  const args = childArgs<ServersArgs>();
  const names = Object.keys(args.servers);
  const stores = Object.fromEntries(
    names.map((name) => [name, createPostgresEventStore({ connectionString: args.servers[name]!, schema: args.schema, applicationName: `kefu-servers-${args.follow}` })]),
  );
  const shopMap = createPostgresShopMap({ connectionString: args.servers[names[0]!]!, schema: args.schema });
  const store = args.plain ? stores[args.follow]! : createShardedEventStore({ servers: stores, shopMap, follow: args.follow });
  const notes: Record<string, number> = {};
  const note = (key: string) => (notes[key] = (notes[key] ?? 0) + 1);
  const engine = createEngine({ store, modules: [deskModule], random: seededRandom(args.seed), onReactorReport: (r) => note(`reactor ${r.kind}`) });
  await setUpShops(engine, args.shops, args.agentsPerShop);

  const { done, warmUp, seconds } = await warmUpThenTimed(shopLoops(engine, args.shops), args.warmUpSeconds, args.seconds);
  await engine.close();
  if (store !== stores[args.follow]) await store.close();
  for (const s of Object.values(stores)) await s.close();
  await shopMap.close();
  return { done, warmUp, seconds, notes };
});
