/**
 * The work of an engine process in the scale and servers benchmarks: shops set up
 * (least-load routing, agents registered and online, never full), then one loop per
 * shop opening a session and ending it, again and again, for a given time. Every
 * opening must be an assignment: one that is not fails the run.
 */
import * as E from 'fp-ts/lib/Either.js';
import { performance } from 'node:perf_hooks';
import type { Engine } from '../../src/engine.js';
import { desk } from '../../src/testing/deskInputs.js';
import { readyThenGo } from './protocol.js';

export const must = async (engine: Engine, input: unknown) => {
  const result = await engine.dispatchUnknown(input);
  if (E.isLeft(result)) throw new Error(`command refused: ${JSON.stringify(result.left)}`);
  return result.right;
};

export const setUpShops = async (engine: Engine, shops: readonly string[], agentsPerShop: number): Promise<void> => {
  for (const shop of shops) {
    const d = desk(shop);
    await must(engine, d.configure({ baseMode: 'least-load', stickyRecentContact: false }));
    for (let a = 0; a < agentsPerShop; a++) {
      await must(engine, d.registerAgent({ agentId: `a${a}`, name: `Agent ${a}`, maxSessions: 10 }));
      await must(engine, d.online(`a${a}`));
    }
  }
};

/** Serves every shop for `seconds`, a loop each; answers the assignments made. Session ids go on from one call to the next. */
export const shopLoops = (engine: Engine, shops: readonly string[]) => {
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
  return async (seconds: number): Promise<number> => {
    const until = performance.now() + seconds * 1000;
    return (await Promise.all(shops.map((shop) => serve(shop, until)))).reduce((a, b) => a + b, 0);
  };
};

/**
 * A child's measured work: a warm-up (JIT, pool connections, prepared statements),
 * counted apart since the log holds it too, then `ready`, and on the parent's `go` the
 * timed window.
 */
export const warmUpThenTimed = async (serveAll: (seconds: number) => Promise<number>, warmUpSeconds: number, seconds: number) => {
  const warmUp = await serveAll(warmUpSeconds);
  await readyThenGo();
  const start = performance.now();
  const done = await serveAll(seconds);
  return { done, warmUp, seconds: (performance.now() - start) / 1000 };
};
