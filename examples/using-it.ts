// The README's "Using it" snippet, as a file CI runs twice in a row: the log in
// kefu.sqlite stays between runs on purpose, so the second run carries on from the first.
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { createEngine, deskModule, describeError } from 'kefu';
import { createSqliteEventStore } from 'kefu/sqlite';

const store = createSqliteEventStore({ filename: 'kefu.sqlite' });
const engine = createEngine({ store, modules: [deskModule] }); // dispatch is typed by the modules

const shopId = 'tea-house';
const lin = { kind: 'agent', id: 'lin' } as const;

// The first run registers Lin; the second finds her there: a DomainError (agent.exists), answered, never thrown.
const registered = await engine.dispatch({ type: 'RegisterAgent', shopId, actor: { kind: 'system' }, data: { agentId: 'lin', name: 'Lin', maxSessions: 3 } });
console.log(E.isRight(registered) ? 'Lin registered' : `Lin not registered again: ${describeError(registered.left)}`);
await engine.dispatch({ type: 'ChangeAgentStatus', shopId, actor: lin, data: { agentId: 'lin', status: 'online' } });

// A customer writes in: a new session each run, routed to Lin.
const sessionId = `s-${randomUUID().slice(0, 8)}`;
const opened = await engine.dispatch({ type: 'OpenSession', shopId, actor: { kind: 'customer', id: 'c-42' }, data: { sessionId, customerId: 'c-42', channel: 'web-mall' } });
if (E.isLeft(opened)) throw new Error(describeError(opened.left));
// opened.right is { stream, events, decided, version }: the stream decided on, the events as stored, the same
// events typed by the modules (DeskEvent here), the stream's version after them.
for (const event of opened.right.decided) {
  if (event.type === 'SessionAssigned') console.log(`${event.data.sessionId} assigned to ${event.data.agentId} (${event.data.via})`);
  else console.log(event.type);
}

// Lin ends it, so the customer can open another next run.
const ended = await engine.dispatch({ type: 'EndSession', shopId, actor: lin, data: { sessionId } });
console.log(E.isRight(ended) ? `${sessionId} ended; the routing stream is at version ${ended.right.version}` : describeError(ended.left));

await engine.close(); // stops the engine's reactor; a store you pass in stays open: you close it
await store.close();
