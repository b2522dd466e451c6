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
import * as E from 'fp-ts/lib/Either.js';
import { performance } from 'node:perf_hooks';
import { createPostgresEventStore } from '../../src/adapters/postgres/index.js';
import { deskModule } from '../../src/domain/desk/deskModule.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { desk } from '../../src/testing/deskInputs.js';
import { childArgs, readyThenGo, runChild } from './protocol.js';

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

const must = async (engine: Engine, input: unknown) => {
  const result = await engine.dispatchUnknown(input);
  if (E.isLeft(result)) throw new Error(`command refused: ${JSON.stringify(result.left)}`);
  return result.right;
};

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
  for (const shop of shops) {
    const d = desk(shop);
    await must(engine, d.configure({ baseMode: 'least-load', stickyRecentContact: false }));
    for (let a = 0; a < args.agentsPerShop; a++) {
      await must(engine, d.registerAgent({ agentId: `a${a}`, name: `Agent ${a}`, maxSessions: 10 }));
      await must(engine, d.online(`a${a}`));
    }
  }

  let sequence = 0;
  /** Open + end pairs on one shop until `until`; answers the assignments made. */
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
    return (await Promise.all(shops.map((shop) => serve(shop, until)))).reduce((a, b) => a + b, 0);
  };

  // Warm-up (JIT, pool connections, prepared statements), counted apart: the log holds it too.
  const warmUp = await serveAll(args.warmUpSeconds);
  await readyThenGo();
  const start = performance.now();
  const done = await serveAll(args.seconds);
  const seconds = (performance.now() - start) / 1000;
  await engine.close();
  await store.close();
  return { done, warmUp, seconds, notes };
});
