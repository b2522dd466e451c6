/**
 * One engine process of the servers benchmark: createEngine on a sharded store
 * over every server of the run (the shop map on the first), following the log of
 * its own server (its reactor live, as in production), serving shops placed on
 * that server. As in the scale benchmark: agents registered and online, then one
 * loop per shop opening and ending sessions; every opening is an assignment.
 *
 * Run by servers.bench.ts under `node --import tsx`; argument: ServersArgs as JSON.
 */
import * as E from 'fp-ts/lib/Either.js';
import { performance } from 'node:perf_hooks';
import { createPostgresEventStore } from '../../src/adapters/postgres/index.js';
import { createPostgresShopMap, createShardedEventStore } from '../../src/adapters/sharded/index.js';
import { deskModule } from '../../src/domain/desk/deskModule.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { desk } from '../../src/testing/deskInputs.js';
import { childArgs, readyThenGo, runChild } from '../scale/protocol.js';

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
}

const must = async (engine: Engine, input: unknown) => {
  const result = await engine.dispatchUnknown(input);
  if (E.isLeft(result)) throw new Error(`command refused: ${JSON.stringify(result.left)}`);
  return result.right;
};

runChild(async () => {
  const args = childArgs<ServersArgs>();
  const names = Object.keys(args.servers);
  const stores = Object.fromEntries(
    names.map((name) => [name, createPostgresEventStore({ connectionString: args.servers[name]!, schema: args.schema, applicationName: `kefu-servers-${args.follow}` })]),
  );
  const shopMap = createPostgresShopMap({ connectionString: args.servers[names[0]!]!, schema: args.schema });
  const store = createShardedEventStore({ servers: stores, shopMap, follow: args.follow });
  const notes: Record<string, number> = {};
  const note = (key: string) => (notes[key] = (notes[key] ?? 0) + 1);
  const engine = createEngine({ store, modules: [deskModule], random: seededRandom(args.seed), onReactorReport: (r) => note(`reactor ${r.kind}`) });
  for (const shop of args.shops) {
    const d = desk(shop);
    await must(engine, d.configure({ baseMode: 'least-load', stickyRecentContact: false }));
    for (let a = 0; a < args.agentsPerShop; a++) {
      await must(engine, d.registerAgent({ agentId: `a${a}`, name: `Agent ${a}`, maxSessions: 10 }));
      await must(engine, d.online(`a${a}`));
    }
  }

  let sequence = 0;
  const serve = async (shop: string, until: number): Promise<number> => {
    const d = desk(shop);
    let assigned = 0;
    while (performance.now() < until) {
      const sessionId = `s${sequence++}`;
      const opened = await must(engine, d.open({ sessionId, customerId: `c-${sessionId}`, channel: 'web' }));
      if (!opened.events.some((e) => e.type === 'SessionAssigned')) throw new Error(`session ${sessionId} of ${shop} was not assigned`);
      assigned++;
      await must(engine, d.end({ sessionId }));
    }
    return assigned;
  };
  const serveAll = async (seconds: number) => {
    const until = performance.now() + seconds * 1000;
    return (await Promise.all(args.shops.map((shop) => serve(shop, until)))).reduce((a, b) => a + b, 0);
  };

  const warmUp = await serveAll(args.warmUpSeconds);
  await readyThenGo();
  const start = performance.now();
  const done = await serveAll(args.seconds);
  const seconds = (performance.now() - start) / 1000;
  await engine.close();
  await store.close();
  for (const s of Object.values(stores)) await s.close();
  await shopMap.close();
  return { done, warmUp, seconds, notes };
});
