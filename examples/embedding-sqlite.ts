/**
 * Embedding kefu in a backend, on the embedded SQLite store: a shop, its agents,
 * customers writing in, sessions routed, queued and handed over, and the agent
 * board printed. Then the log is replayed into a fresh board: the same numbers.
 *
 *   npm run example            (runs this file on the sources through tsx, no build)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { agentBoard, boardRows, createEngine, deskModule, describeError, queueView, seededRandom, virtualClock, waitingIn } from 'kefu';
import type { Actor, AgentBoard, CommandInputOf, ProjectedEvent, QueueView, DeskEvent } from 'kefu';
import { createSqliteEventStore } from 'kefu/sqlite';

const dir = mkdtempSync(join(tmpdir(), 'kefu-example-'));
const store = createSqliteEventStore({ filename: join(dir, 'shop.sqlite') });
const clock = virtualClock(Date.UTC(2026, 10, 23, 9, 0)); // 09:00 UTC; a real server uses the system clock (the default)
const engine = createEngine({ store, clock, random: seededRandom(2026), modules: [deskModule], inlineProjections: [agentBoard, queueView] });

const shopId = 'tea-house';
const admin: Actor = { kind: 'system' };
const agent = (id: string): Actor => ({ kind: 'agent', id });

/** Sends a desk command (typed: a misspelt type or field does not compile); prints a refusal, returns the events. */
const send = async (command: CommandInputOf<typeof deskModule>) => {
  const result = await engine.dispatch(command);
  if (E.isLeft(result)) {
    console.log(`  ${command.type}: refused (${describeError(result.left)})`);
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
await send({ type: 'ConfigureRouting', shopId, actor: admin, data: { settings: { baseMode: 'least-load' } } });
await send({ type: 'CreateGroup', shopId, actor: admin, data: { groupId: 'presale', name: 'Pre-sale' } });
for (const [agentId, name, maxSessions] of [['lin', 'Lin', 2], ['wei', 'Wei', 3], ['zhao', 'Zhao', 2]] as const) {
  await send({ type: 'RegisterAgent', shopId, actor: admin, data: { agentId, name, maxSessions, groups: ['presale'] } });
  await send({ type: 'ChangeAgentStatus', shopId, actor: agent(agentId), data: { agentId, status: 'online' } });
}

console.log('Nine customers write in (the last is a VIP):');
for (let i = 1; i <= 9; i++) {
  await clock.advanceBy(20_000);
  const customerId = `customer-${i}`;
  say(await send({ type: 'OpenSession', shopId, actor: { kind: 'customer', id: customerId }, data: { sessionId: `s${i}`, customerId, channel: 'web-mall', vip: i === 9 } }));
}

console.log('Lin ends s1; the VIP is served first from the queue:');
say(await send({ type: 'EndSession', shopId, actor: agent('lin'), data: { sessionId: 's1' } }));
console.log('Zhao raises the limit to 4 and takes the rest of the queue:');
say(await send({ type: 'SetMaxSessions', shopId, actor: agent('zhao'), data: { agentId: 'zhao', maxSessions: 4 } }));
console.log('Wei hands s2 to the pre-sale group, whose routing picks the agent with room:');
say(await send({ type: 'TransferSession', shopId, actor: agent('wei'), data: { sessionId: 's2', toGroupId: 'presale' } }));
console.log('Lin lowers the limit to 1 while serving 2: allowed, and flagged over capacity.');
await send({ type: 'SetMaxSessions', shopId, actor: agent('lin'), data: { agentId: 'lin', maxSessions: 1 } });

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
