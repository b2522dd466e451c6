/**
 * Embedding kefu in a backend, on the embedded SQLite store: a shop, its agents,
 * customers writing in, sessions routed, queued and handed over, and the agent
 * board printed. Then the log is replayed into a fresh board: the same numbers.
 *
 *   npm run example            (builds the package, then runs this file)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { agentBoard, boardRows, createEngine, deskModule, describeError, queueView, seededRandom, virtualClock, waitingIn } from 'kefu';
import type { AgentBoard, ProjectedEvent, QueueView, DeskEvent } from 'kefu';
import { createSqliteEventStore } from 'kefu/sqlite';

const dir = mkdtempSync(join(tmpdir(), 'kefu-example-'));
const store = createSqliteEventStore({ filename: join(dir, 'shop.sqlite') });
const clock = virtualClock(Date.UTC(2026, 10, 23, 9, 0)); // 09:00 UTC; a real server uses the system clock (the default)
const engine = createEngine({ store, clock, random: seededRandom(2026), modules: [deskModule], inlineProjections: [agentBoard, queueView] });

const shopId = 'tea-house';
const admin = { kind: 'system' } as const;

/** Sends a command; prints and returns what happened. */
const send = async (type: string, data: Record<string, unknown>, actor: object = admin) => {
  const result = await engine.dispatch({ type, shopId, actor, data });
  if (E.isLeft(result)) {
    console.log(`  ${type}: refused (${describeError(result.left)})`);
    return [];
  }
  return result.right.events;
};

const say = (events: readonly { type: string; data: unknown }[]) => {
  for (const e of events) {
    const d = e.data as Record<string, unknown>;
    if (e.type === 'SessionAssigned') console.log(`  ${d.sessionId} (${d.customerId}) -> ${d.agentId} via ${d.via}`);
    if (e.type === 'SessionQueued') console.log(`  ${d.sessionId} (${d.customerId}) waits in the queue`);
    if (e.type === 'SessionTransferred') console.log(`  ${d.sessionId} handed from ${d.from} to ${d.to}`);
  }
};

console.log('Setting up the shop: least-load routing, a pre-sale group, three agents online.');
await send('ConfigureRouting', { settings: { baseMode: 'least-load' } });
await send('CreateGroup', { groupId: 'presale', name: 'Pre-sale' });
for (const [agentId, name, maxSessions] of [['lin', 'Lin', 2], ['wei', 'Wei', 3], ['zhao', 'Zhao', 2]] as const) {
  await send('RegisterAgent', { agentId, name, maxSessions, groups: ['presale'] });
  await send('ChangeAgentStatus', { agentId, status: 'online' }, { kind: 'agent', id: agentId });
}

console.log('Nine customers write in (the last is a VIP):');
for (let i = 1; i <= 9; i++) {
  await clock.advanceBy(20_000);
  say(await send('OpenSession', { sessionId: `s${i}`, customerId: `customer-${i}`, channel: 'web-mall', vip: i === 9 }, { kind: 'customer', id: `customer-${i}` }));
}

console.log('Lin ends s1; the VIP is served first from the queue:');
say(await send('EndSession', { sessionId: 's1' }, { kind: 'agent', id: 'lin' }));
console.log('Zhao raises the limit to 4 and takes the rest of the queue:');
say(await send('SetMaxSessions', { agentId: 'zhao', maxSessions: 4 }, { kind: 'agent', id: 'zhao' }));
console.log('Wei hands s2 to the pre-sale group, whose routing picks the agent with room:');
say(await send('TransferSession', { sessionId: 's2', toGroupId: 'presale' }, { kind: 'agent', id: 'wei' }));
console.log('Lin lowers the limit to 1 while serving 2: allowed, and flagged over capacity.');
await send('SetMaxSessions', { agentId: 'lin', maxSessions: 1 }, { kind: 'agent', id: 'lin' });

const board = engine.projection<AgentBoard>('agent-board');
console.log('\nThe agent board:');
console.table(boardRows(board, shopId).map((r) => ({ agent: r.name, status: r.status, load: `${r.load}/${r.maxSessions}`, 'over capacity': r.overCapacity })));
console.log(`Waiting: ${waitingIn(engine.projection<QueueView>('queue-view'), shopId).length} session(s)`);

// Analysts rebuild read models from the log alone: the same board.
let rebuilt = agentBoard.initialState();
for (let after = 0; ; ) {
  const page = await store.readAll({ after, maxCount: 100, shopId });
  if (E.isLeft(page)) throw new Error(describeError(page.left));
  for (const recorded of page.right) {
    const decoded = engine.registry.decodeEvent(recorded);
    if (E.isLeft(decoded)) throw new Error(describeError(decoded.left));
    rebuilt = agentBoard.apply(rebuilt, { ...recorded, data: decoded.right.data } as ProjectedEvent<DeskEvent>);
  }
  if (page.right.length < 100) break;
  after = page.right[page.right.length - 1]!.globalPosition;
}
const same = JSON.stringify(boardRows(rebuilt, shopId)) === JSON.stringify(boardRows(board, shopId));
console.log(`Board rebuilt by replaying ${shopId}'s log: ${same ? 'identical to the live board' : 'DIFFERENT'}.`);

await engine.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
if (!same) process.exit(1);
