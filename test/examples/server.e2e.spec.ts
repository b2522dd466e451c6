/**
 * The embedding example server (examples/server) over real HTTP on a loopback
 * port, on a temporary SQLite store and the system clock (its reactor live, as in
 * production): a session from the customer's first message to the workload
 * report, the event stream, the read models, the error mapping, a fuzz of bad
 * bodies (never a 5xx), and a clean shutdown that leaves no handle behind.
 */
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { concurrencyConflict, createEngine, createInMemoryEventStore, deskModule, storeFailure } from 'kefu';
import type { Engine, EventStore } from 'kefu';
import { createSqliteEventStore, type SqliteEventStore } from 'kefu/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerEngine } from '../../examples/server/kefuEngine.js';
import { buildServer } from '../../examples/server/server.js';
import { exitOf, spawnChild } from '../support/childProcesses.js';

const SHOP = 'tea-house';
const ZONE = 'Asia/Shanghai';

interface Frame {
  readonly id: number;
  readonly event: string;
  readonly data: { readonly type: string; readonly globalPosition: number; readonly data: Record<string, unknown> };
}

/** An SSE client on fetch: frames parsed as they come, comments counted, the end noticed. */
const openStream = async (url: string, headers: Record<string, string> = {}) => {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const frames: Frame[] = [];
  let comments = 0;
  let ended = false;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  const pump = (async () => {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments++;
            const colon = line.indexOf(': ');
            if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 2));
          }
          if (fields.has('id')) frames.push({ id: Number(fields.get('id')), event: fields.get('event') ?? '', data: JSON.parse(fields.get('data') ?? 'null') as Frame['data'] });
        }
        notify();
      }
    } catch {
      // aborted by the test
    }
    ended = true;
    notify();
  })();
  const until = (check: () => boolean, what: string, timeoutMs = 10_000) =>
    new Promise<void>((resolve, reject) => {
      if (check()) return resolve();
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const listener = () => {
        if (!check()) return;
        clearTimeout(timer);
        listeners.delete(listener);
        resolve();
      };
      listeners.add(listener);
    });
  return {
    response,
    frames,
    comments: () => comments,
    ended: () => ended,
    /** The first frame matching, once it has come. */
    waitFor: async (match: (f: Frame) => boolean, what: string) => {
      await until(() => frames.some(match), what);
      return frames.find(match) as Frame;
    },
    waitForEnd: (timeoutMs: number) => until(() => ended, 'the end of the stream', timeoutMs),
    close: async () => {
      abort.abort();
      await pump;
    },
  };
};

const serverSockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;

describe('the example server (examples/server) over HTTP', () => {
  let dir: string;
  let store: SqliteEventStore;
  let engine: Engine;
  let app: FastifyInstance;
  let base: string;
  let closed = false;
  const listenersBefore = serverSockets();

  /** `actor`: the x-kefu-actor header, null for none. */
  const send = async (type: string, data: unknown, actor: string | null = 'system', shopId = SHOP) => {
    const response = await fetch(`${base}/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(actor === null ? {} : { 'x-kefu-actor': actor }) },
      body: JSON.stringify({ type, shopId, data }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const get = async (path: string) => {
    const response = await fetch(`${base}${path}`);
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type') ?? '', text, body: (response.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as unknown) : undefined };
  };
  const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kefu-server-e2e-'));
    store = createSqliteEventStore({ filename: join(dir, 'server.sqlite') });
    engine = createServerEngine({ store });
    // A long catch-up wait: on a loaded machine the read models may trail a write by more than the default 2 s.
    app = buildServer({ engine, zone: ZONE, heartbeatMs: 100, catchUpMs: 15_000 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    for (const agentId of ['a1', 'a2']) {
      expect((await send('RegisterAgent', { agentId, name: `Agent ${agentId}`, maxSessions: 3 })).status).toBe(200);
      expect((await send('ChangeAgentStatus', { agentId, status: 'online' }, `agent:${agentId}`)).status).toBe(200);
    }
  });

  afterAll(async () => {
    if (!closed) await app.close();
    await engine.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('drives a session from the first customer message to the report, pushed over SSE in order with ids (S1, R3, M2)', async () => {
    const stream = await openStream(`${base}/events?shopId=${SHOP}`);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);

    const first = await send('SendCustomerMessage', { sessionId: 's1', messageId: 'm1', customerId: 'c1', content: { kind: 'text', text: '你好, is the oolong in stock?' }, channel: 'web-mall' }, 'customer:c1');
    expect(first.status).toBe(200);
    expect(first.body['stream']).toBe(`conversation-${SHOP}-s1`);
    // The live reactor opens the routed session: the assignment comes over the stream.
    const assigned = await stream.waitFor((f) => f.event === 'SessionAssigned' && f.data.data['sessionId'] === 's1', 'SessionAssigned');
    const agentId = assigned.data.data['agentId'] as string;
    expect(['a1', 'a2']).toContain(agentId);

    expect((await send('SendAgentMessage', { sessionId: 's1', messageId: 'm2', content: { kind: 'text', text: 'Yes, 3 tins left.' } }, `agent:${agentId}`)).status).toBe(200);
    const board = (await get(`/shops/${SHOP}/agents?after=${assigned.id}`)).body as { agents: { agentId: string; load: number; status: string }[] };
    expect(board.agents.find((a) => a.agentId === agentId)).toMatchObject({ load: 1, status: 'online' });
    const queue = (await get(`/shops/${SHOP}/queue?after=${assigned.id}`)).body as { waiting: unknown[] };
    expect(queue.waiting).toEqual([]);

    const ended = await send('EndSession', { sessionId: 's1' }, `agent:${agentId}`);
    expect(ended.status).toBe(200);
    const sessionEnded = await stream.waitFor((f) => f.event === 'SessionEnded', 'SessionEnded');

    // Every frame's id is its global position, strictly increasing, and the story is in order.
    const ids = stream.frames.map((f) => f.id);
    expect(ids).toEqual(stream.frames.map((f) => f.data.globalPosition));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const at = (match: (f: Frame) => boolean) => stream.frames.findIndex(match);
    const customerMessage = at((f) => f.event === 'MessageSent' && f.data.data['messageId'] === 'm1');
    const agentMessage = at((f) => f.event === 'MessageSent' && f.data.data['messageId'] === 'm2');
    expect(customerMessage).toBeGreaterThanOrEqual(0);
    expect(customerMessage).toBeLessThan(at((f) => f.event === 'SessionAssigned'));
    expect(at((f) => f.event === 'SessionAssigned')).toBeLessThan(agentMessage);
    expect(agentMessage).toBeLessThan(at((f) => f.event === 'SessionEnded'));

    // The explain trace names the rule that decided (the base mode, the agents it weighed).
    const explain = await get(`/shops/${SHOP}/sessions/s1/explain?versus=${agentId === 'a1' ? 'a2' : 'a1'}`);
    expect(explain.status).toBe(200);
    const trace = explain.body as { agentId: string; decision: { step: string; mode?: string }; text: string; versus: { reason: string; text: string } };
    expect(trace.agentId).toBe(agentId);
    expect(trace.decision.step).toBe('base-mode');
    expect(trace.text).toContain(`picked by ${trace.decision.mode ?? ''}`);
    expect(trace.versus.reason).toBe('runner-up');

    // The workload report counts the session for the agent, today in the shop's zone (M2, M3).
    const day = today();
    const report = await get(`/shops/${SHOP}/reports/workload?from=${day}&to=${day}&agents=${agentId}&after=${sessionEnded.id}`);
    expect(report.status).toBe(200);
    const rows = report.body as { agentId: string; totalSessions: number; repliedSessions: number; agentMessages: number }[];
    expect(rows.find((r) => r.agentId === agentId)).toMatchObject({ totalSessions: 1, repliedSessions: 1, agentMessages: 1 });
    const csv = await get(`/shops/${SHOP}/reports/workload?from=${day}&to=${day}&format=csv`);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.text.split('\n')[0]).toMatch(/^"agentId","customersReceived","totalSessions"/);

    // Heartbeats keep the idle stream open; a reconnect with Last-Event-ID resumes right after it.
    // (The session above can take less than one heartbeat interval on a quiet machine: wait for one, bounded.)
    for (let waited = 0; stream.comments() === 0 && waited < 5_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await stream.close();
    expect(stream.comments()).toBeGreaterThan(0);
    const resumed = await openStream(`${base}/events?shopId=${SHOP}`, { 'last-event-id': String(assigned.id) });
    await resumed.waitFor((f) => f.id === sessionEnded.id, 'the resumed stream to reach SessionEnded');
    expect(resumed.frames[0]?.id).toBe(ids[ids.indexOf(assigned.id) + 1]);
    expect(resumed.frames.map((f) => f.id).filter((id) => id <= sessionEnded.id)).toEqual(ids.slice(ids.indexOf(assigned.id) + 1, ids.indexOf(sessionEnded.id) + 1));
    await resumed.close();
  });

  it('shows a waiting session in the queue when no agent has room (R11, R12)', async () => {
    const shop = 'queue-shop';
    expect((await send('RegisterAgent', { agentId: 'solo', name: 'Solo', maxSessions: 1 }, 'system', shop)).status).toBe(200);
    expect((await send('ChangeAgentStatus', { agentId: 'solo', status: 'online' }, 'agent:solo', shop)).status).toBe(200);
    const stream = await openStream(`${base}/events?shopId=${shop}`);
    for (const n of [1, 2]) {
      const sent = await send('SendCustomerMessage', { sessionId: `q${n}`, messageId: `qm${n}`, customerId: `qc${n}`, content: { kind: 'text', text: 'hello' }, channel: 'app' }, `customer:qc${n}`, shop);
      expect(sent.status).toBe(200);
    }
    const queued = await stream.waitFor((f) => f.event === 'SessionQueued', 'SessionQueued');
    await stream.close();
    const queue = (await get(`/shops/${shop}/queue?after=${queued.id}`)).body as { waiting: { sessionId: string; channel: string }[] };
    expect(queue.waiting).toEqual([expect.objectContaining({ sessionId: 'q2', channel: 'app' })]);
    const board = (await get(`/shops/${shop}/agents?after=${queued.id}`)).body as { agents: { agentId: string; load: number }[] };
    expect(board.agents).toEqual([expect.objectContaining({ agentId: 'solo', load: 1 })]);
  });

  it('answers bad commands with 400 and the field paths, refusals with 409 or 422 (A1)', async () => {
    const invalid = await send('RegisterAgent', { agentId: 'a9', name: '', maxSessions: 0 });
    expect(invalid.status).toBe(400);
    expect(invalid.body['error']).toBe('ValidationError');
    const paths = (invalid.body['issues'] as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['data.name', 'data.maxSessions']));

    const unknownType = await send('MakeTea', {});
    expect(unknownType.status).toBe(400);
    expect((unknownType.body['issues'] as { path: string }[])[0]?.path).toBe('type');

    const exists = await send('RegisterAgent', { agentId: 'a1', name: 'Again', maxSessions: 2 });
    expect(exists).toMatchObject({ status: 409, body: { error: 'DomainError', code: 'agent.exists' } });
    const unknownSession = await send('EndSession', { sessionId: 'nope' });
    expect(unknownSession).toMatchObject({ status: 422, body: { error: 'DomainError', code: 'session.unknown' } });

    const anonymous = await send('RegisterAgent', { agentId: 'a9', name: 'Nine', maxSessions: 2 }, null);
    expect(anonymous.status).toBe(401);
    const badActor = await send('RegisterAgent', { agentId: 'a9', name: 'Nine', maxSessions: 2 }, 'root');
    expect(badActor.status).toBe(400);
    expect((badActor.body['issues'] as { path: string }[])[0]?.path).toBe('headers.x-kefu-actor');
  });

  it('turns malformed JSON, odd bodies and bad queries into 4xx JSON in the same shape', async () => {
    const post = (body: string, contentType = 'application/json') =>
      fetch(`${base}/commands`, { method: 'POST', headers: { 'content-type': contentType, 'x-kefu-actor': 'system' }, body });
    for (const body of ['{"type":', '', '[1,2]', '"text"', 'null', '{"__proto__":{"x":1}}']) {
      const response = await post(body);
      expect(response.status, body).toBe(400);
      expect(((await response.json()) as { error: string }).error, body).toBe('ValidationError');
    }
    expect((await post('type=x', 'application/x-www-form-urlencoded')).status).toBe(415);

    const day = today();
    const cases: [string, number, string][] = [
      [`/shops/${SHOP}/reports/workload?from=2026-13-01&to=${day}`, 400, 'from'],
      [`/shops/${SHOP}/reports/workload?from=${day}&to=2020-01-01`, 400, 'to'],
      [`/shops/${SHOP}/reports/workload?from=${day}&to=${day}&agents=ghost`, 400, 'agents.0'],
      [`/shops/${SHOP}/reports/workload?from=${day}&to=${day}&format=xml`, 400, 'format'],
      [`/shops/${SHOP}/reports/nothing?from=${day}&to=${day}`, 404, 'name'],
      [`/shops/${SHOP}/agents?after=soon`, 400, 'after'],
      ['/events?after=-1', 400, 'after'],
      ['/no/such/route', 404, 'url'],
    ];
    for (const [path, status, field] of cases) {
      const answer = await get(path);
      expect(answer.status, path).toBe(status);
      expect((answer.body as { issues: { path: string }[] }).issues.map((i) => i.path), path).toContain(field);
    }
    const never = await get(`/shops/${SHOP}/sessions/never/explain`);
    expect(never).toMatchObject({ status: 404, body: { code: 'explain.not-assigned' } });
  });

  it('never answers a 5xx to a fuzz of bad bodies: each answer is JSON, 4xx unless it was a valid command', async () => {
    const commandTypes = ['RegisterAgent', 'ChangeAgentStatus', 'OpenSession', 'EndSession', 'SendCustomerMessage', 'TransferSession', 'CreateGroup', 'SetMaxSessions'];
    const body = fc.oneof(
      fc.string().map((s) => ({ text: s, parsed: false })),
      fc.jsonValue().map((v) => ({ text: JSON.stringify(v), parsed: true })),
      fc
        .record({ type: fc.oneof(fc.constantFrom(...commandTypes), fc.string()), shopId: fc.oneof(fc.constant(SHOP), fc.string()), data: fc.anything() }, { requiredKeys: [] })
        .map((v) => ({ text: JSON.stringify(v) ?? '{}', parsed: true })),
    );
    const actor = fc.constantFrom('system', 'agent:a1', 'customer:c7', 'agent:', 'nobody');
    await fc.assert(
      fc.asyncProperty(body, actor, async ({ text }, who) => {
        const response = await fetch(`${base}/commands`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kefu-actor': who }, body: text });
        const answer = (await response.json()) as { error?: string };
        expect(response.status).toBeLessThan(500);
        if (response.status !== 200) {
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(typeof answer.error).toBe('string');
        }
      }),
      { numRuns: 40, seed: 19 },
    );
  });

  it('ends the event stream on close and leaves no listening handle', async () => {
    const stream = await openStream(`${base}/events`);
    await stream.waitFor(() => true, 'a first frame');
    await app.close();
    closed = true;
    await stream.waitForEnd(2_000);
    expect(stream.ended()).toBe(true);
    await stream.close();
    expect(serverSockets()).toBe(listenersBefore);
  });
});

describe('examples/server/main.ts as a process', () => {
  it('serves on the port it was given, and on SIGTERM ends its event streams and exits by itself with 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-server-main-'));
    // The sources rather than dist/: the test needs no build.
    const env = { ...process.env, TSX_TSCONFIG_PATH: 'examples/tsconfig.src.json' };
    const child = spawnChild('examples/server/main.ts', ['--port', '0', '--db', join(dir, 'main.sqlite'), '--zone', ZONE], env);
    try {
      const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
      let base: string | undefined;
      for await (const line of lines) {
        const url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
        if (url !== undefined) {
          base = url;
          break;
        }
      }
      expect(base).toBeDefined();
      // Keep reading its log, or a full pipe would stall it.
      child.stdout?.resume();
      const registered = await fetch(`${base}/commands`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kefu-actor': 'system' },
        body: JSON.stringify({ type: 'RegisterAgent', shopId: SHOP, data: { agentId: 'a1', name: 'Lin', maxSessions: 2 } }),
      });
      expect(registered.status).toBe(200);
      const stream = await openStream(`${base}/events`);
      await stream.waitFor((f) => f.event === 'AgentRegistered', 'AgentRegistered');
      const started = Date.now();
      child.kill('SIGTERM');
      await stream.waitForEnd(15_000);
      // Nothing keeps the process alive once closed: it exits on its own, not killed.
      expect(await exitOf(child)).toEqual({ code: 0, signal: null });
      expect(Date.now() - started).toBeLessThan(15_000);
      await stream.close();
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the example server on a store that fails', () => {
  const registerAgent = { type: 'RegisterAgent', shopId: SHOP, data: { agentId: 'a1', name: 'Lin', maxSessions: 2 } };
  const answerOn = async (append: EventStore['append']) => {
    const inner = createInMemoryEventStore();
    const engine = createEngine({ store: { ...inner, append }, modules: [deskModule], sleep: async () => {} });
    const app = buildServer({ engine });
    try {
      const response = await app.inject({ method: 'POST', url: '/commands', headers: { 'x-kefu-actor': 'system' }, payload: registerAgent });
      return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
    } finally {
      await app.close();
      await engine.close();
      await inner.close();
    }
  };

  it('answers a StoreFailure with 503, its cause kept out of the answer', async () => {
    const answer = await answerOn(async () => E.left(storeFailure('append', new Error('SQLITE_FULL: database or disk is full'))));
    expect(answer).toEqual({ status: 503, body: { error: 'StoreFailure', message: 'the store failed during append' } });
  });

  it('answers a race the engine could not settle with 409 ConcurrencyConflict', async () => {
    const answer = await answerOn(async (stream) => E.left(concurrencyConflict(stream, 0, 1)));
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ error: 'ConcurrencyConflict', stream: `routing-${SHOP}`, actual: 1 });
  });
});
