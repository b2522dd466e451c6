/**
 * An engine process for the fault tests (run with `node --import tsx`): a live
 * engine (system clock, reactor on) over a shared durable store, setting
 * reminders due within a few hundred milliseconds (some with follow-up chains) and
 * cancelling some, as fast as it can, until told 'quiet' on its IPC channel; after
 * that it only runs its reactor. It prints `S <id> <at>` once a reminder is set and
 * `C <id>` once a cancel returned, and never stops by itself: the test SIGKILLs it
 * at random moments and starts another.
 * Args: <store spec JSON> <shop> <name>.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describeError } from '../../../src/domain/errors.js';
import { createEngine } from '../../../src/engine.js';
import { reminderModule } from '../../../src/testing/reminderModule.js';
import { openStore, type StoreSpec } from '../../storage/storeFromSpec.js';

const [specJson, shopId, name] = process.argv.slice(2);
const store = openStore(JSON.parse(specJson!) as StoreSpec);
const engine = createEngine({
  store,
  modules: [reminderModule],
  retry: { maxAttempts: 50, baseDelayMs: 1, maxDelayMs: 20 },
  onReactorReport: (report) => {
    // A refusal is expected for nothing here: say it, so the test shows it.
    if (report.kind !== 'retrying') process.stderr.write(`[${name}] reactor: ${JSON.stringify(report)}\n`);
  },
});

let quiet = false;
process.on('message', (message) => {
  if (message === 'quiet') quiet = true;
});

const input = (type: string, data: Record<string, unknown>) => ({ type, shopId, actor: { kind: 'system' }, data });

const run = async () => {
  const set: string[] = [];
  for (let i = 0; !quiet; i++) {
    const reminderId = `${name}-${i}`;
    const at = Date.now() + 20 + ((i * 137) % 400);
    const result = await engine.dispatchUnknown(input('SetReminder', { reminderId, at, chain: i % 3 }));
    if (E.isLeft(result)) throw new Error(describeError(result.left));
    set.push(reminderId);
    process.stdout.write(`S ${reminderId} ${at}\n`);
    if (i % 4 === 3) {
      // Cancel one set a little earlier: sometimes before it fires, sometimes after.
      const target = set[set.length - 1 - (i % 3)]!;
      const cancelled = await engine.dispatchUnknown(input('CancelReminder', { reminderId: target }));
      if (E.isLeft(cancelled)) throw new Error(describeError(cancelled.left));
      process.stdout.write(`C ${target}\n`);
    }
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
};

// The reactor's own timers do not hold the process open: after 'quiet' this does, until the test kills it.
setInterval(() => undefined, 1_000);

run().then(
  () => process.stdout.write('Q\n'),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
