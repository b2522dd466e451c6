/**
 * One engine process of the scale benchmark: createEngine on the shared
 * PostgreSQL schema with the desk module (its reactor live, as in production),
 * serving shops of its own. Each shop gets agents registered and online; then, on
 * `go`, one loop per shop opens a session and ends it, again and again, for the
 * given time. Agents never fill up (max above what a loop can hold open), so every
 * OpenSession is an assignment, and a session that is not assigned fails the run.
 *
 * Run by scale.bench.ts under `node --import tsx`; argument: ScaleArgs as JSON.
 */
import { createPostgresEventStore } from '../../src/adapters/postgres/index.js';
import { deskModule } from '../../src/domain/desk/deskModule.js';
import { createEngine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { childArgs, runChild } from './protocol.js';
import { setUpShops, shopLoops, warmUpThenTimed } from './shopLoops.js';

export interface ScaleArgs {
  readonly url: string;
  readonly schema: string;
  /** Which process this is: its shops are named after it. */
  readonly index: number;
  readonly shops: number;
  readonly agentsPerShop: number;
  readonly seconds: number;
  readonly warmUpSeconds: number;
  readonly applicationName: string;
  /** `live` (the default on the system clock, as in production) or `off` (another process would run it). */
  readonly reactor: 'live' | 'off';
}


runChild(async () => {
  const args = childArgs<ScaleArgs>();
  const store = createPostgresEventStore({ connectionString: args.url, schema: args.schema, applicationName: args.applicationName });
  const notes: Record<string, number> = {};
  const note = (key: string) => (notes[key] = (notes[key] ?? 0) + 1);
  const engine = createEngine({
    store,
    modules: [deskModule],
    random: seededRandom(1000 + args.index),
    reactor: { mode: args.reactor },
    onReactorReport: (r) => note(`reactor ${r.kind}`),
  });
  const shops = Array.from({ length: args.shops }, (_, s) => `p${args.index}-shop${s}`);
  await setUpShops(engine, shops, args.agentsPerShop);

  const { done, warmUp, seconds } = await warmUpThenTimed(shopLoops(engine, shops), args.warmUpSeconds, args.seconds);
  await engine.close();
  await store.close();
  return { done, warmUp, seconds, notes };
});
