/**
 * The hostile user's engine, as a real process (run with `node --import tsx`):
 * `request` sets up a shop whose transfers need acceptance within 5 seconds, opens a
 * session, asks for a transfer, prints `R <sessionId> <requestId> <expiresAt>` and
 * waits to be killed; `serve` only runs a live engine (its reactor) on the store.
 * Args: <store spec JSON> <shop> <request|serve>.
 */
import * as E from 'fp-ts/lib/Either.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import { describeError } from '../../../src/domain/errors.js';
import { createEngine } from '../../../src/engine.js';
import { desk } from '../../../src/testing/deskInputs.js';
import { openStore, type StoreSpec } from '../../storage/storeFromSpec.js';

const [specJson, shopId, mode] = process.argv.slice(2);
const store = openStore(JSON.parse(specJson!) as StoreSpec);
const engine = createEngine({ store, modules: [deskModule] });

const ok = async (input: unknown) => {
  const result = await engine.dispatchUnknown(input);
  if (E.isLeft(result)) throw new Error(describeError(result.left));
  return result.right;
};

if (mode === 'request') {
  const d = desk(shopId!);
  await ok(d.configure({ transferNeedsAcceptance: true, transferAcceptSeconds: 5 }));
  for (const agentId of ['a1', 'a2']) {
    await ok(d.registerAgent({ agentId, name: agentId, maxSessions: 3 }));
    await ok(d.online(agentId));
  }
  await ok(d.open({ sessionId: 's1', customerId: 'alice', channel: 'web-mall' }));
  const requested = await ok(d.transfer({ sessionId: 's1', toAgentId: 'a2' }));
  const data = requested.events[0]!.data as { requestId: string; expiresAt: number };
  process.stdout.write(`R s1 ${data.requestId} ${data.expiresAt}\n`);
}
// Held open until killed: the reactor's timers do not keep a process alive by themselves.
setInterval(() => undefined, 1_000);
