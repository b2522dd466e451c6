/**
 * A child process that runs an engine over a shared durable store and dispatches
 * a seeded sequence of random desk commands for one shop, printing one JSON line
 * per command: its id and whether it succeeded (with how many events) or the
 * error's tag and code. Args: <store spec JSON> <shop> <writer name> <seed> <count>.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import { createEngine } from '../../../src/engine.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { emptyKnown, learn, operationArb, toInput } from '../../../src/testing/deskArbitraries.js';
import { waitForGo } from '../../support/childProcesses.js';
import { openStore, type StoreSpec } from '../storeFromSpec.js';

const [specJson, shopId, writer, seedText, countText] = process.argv.slice(2);
const store = openStore(JSON.parse(specJson!) as StoreSpec);
const seed = Number(seedText);
const engine = createEngine({ store, modules: [deskModule], random: seededRandom(seed), retry: { maxAttempts: 25, baseDelayMs: 1, maxDelayMs: 50 } });
const operations = fc.sample(operationArb, { seed, numRuns: Number(countText) });
const known = emptyKnown(`${writer}-`);
await waitForGo(); // every writer starts at once, so their commands really interleave

let n = 0;
for (const op of operations) {
  const input = toInput(shopId!, op, known);
  if (input === undefined) continue;
  const commandId = `${writer}-cmd-${n++}`;
  const result = await engine.dispatch({ ...input, commandId });
  if (E.isRight(result)) {
    learn(known, result.right.decided);
    console.log(JSON.stringify({ commandId, ok: true, events: result.right.events.length, at: Date.now() }));
  } else {
    const code = result.left._tag === 'DomainError' ? result.left.code : undefined;
    console.log(JSON.stringify({ commandId, ok: false, tag: result.left._tag, code, at: Date.now() }));
  }
}
// The engine's reactor follows the store until stopped: without this the process never exits.
await engine.close();
await store.close();
process.disconnect?.();
