/**
 * libpq's multi-host connection string, as the PostgreSQL store reads it
 * (hostList.ts): the hosts in order with their ports, target_session_attrs
 * (read-write by default with several hosts), one-host URLs left to pg untouched,
 * and bad input a ValidationError naming connectionString, from the parser and
 * from the store; the time a call takes with no primary reachable (loopback
 * listeners that refuse, or take connections and never answer). No server is needed.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { parseHostList, type HostList } from '../../../src/adapters/postgres/hostList.js';
import { meansPrimaryLost } from '../../../src/adapters/postgres/primaryLost.js';
import { createPostgresEventStore } from '../../../src/adapters/postgres/index.js';
import type { ValidationError } from '../../../src/domain/errors.js';
import { events, left } from '../../conformance/fixtures.js';
import { expectValidationErrorAt } from '../../support/validationError.js';

const parsed = (url: string): HostList => {
  const result = parseHostList(url);
  if (E.isLeft(result) || result.right === undefined) throw new Error(`expected a host list from ${url}: ${JSON.stringify(result)}`);
  return result.right;
};

describe('parseHostList', () => {
  it('reads the hosts in order, each with its port (5432 when none is written)', () => {
    const list = parsed('postgres://kefu:secret@db1:5433,db2,10.0.0.3:6000/desk?sslmode=disable');
    expect(list.hosts).toEqual([
      { host: 'db1', port: 5433 },
      { host: 'db2', port: 5432 },
      { host: '10.0.0.3', port: 6000 },
    ]);
    expect(list.targetSessionAttrs).toBe('read-write');
  });

  it('gives each host a one-host URL with the user, password, database and other parameters kept', () => {
    const list = parsed('postgresql://kefu:p%40ss@db1:5433,db2:5434/desk?sslmode=disable&target_session_attrs=primary&application_name=x');
    expect(list.targetSessionAttrs).toBe('primary');
    expect(list.urlFor(list.hosts[1]!)).toBe('postgresql://kefu:p%40ss@db2:5434/desk?sslmode=disable&application_name=x');
    expect(list.urlFor({ host: 'db1', port: 5433 })).toBe('postgresql://kefu:p%40ss@db1:5433/desk?sslmode=disable&application_name=x');
  });

  it('reads bracketed IPv6 hosts and writes them back bracketed', () => {
    const list = parsed('postgres://u@[::1]:5433,[fe80::2]/d');
    expect(list.hosts).toEqual([
      { host: '::1', port: 5433 },
      { host: 'fe80::2', port: 5432 },
    ]);
    expect(list.urlFor(list.hosts[1]!)).toBe('postgres://u@[fe80::2]:5432/d');
  });

  it('takes target_session_attrs any, read-write and primary; a one-host URL with it is followed too', () => {
    expect(parsed('postgres://u@a,b/d?target_session_attrs=any').targetSessionAttrs).toBe('any');
    const one = parsed('postgres://u@a:1/d?target_session_attrs=read-write');
    expect(one.hosts).toEqual([{ host: 'a', port: 1 }]);
    expect(one.urlFor(one.hosts[0]!)).toBe('postgres://u@a:1/d');
  });

  it('leaves a one-host URL without target_session_attrs, or a string that is not a URL, to pg as it is', () => {
    expect(parseHostList('postgres://postgres@127.0.0.1:5432/test')).toEqual(E.right(undefined));
    expect(parseHostList('postgres://postgres@127.0.0.1:5432/test?sslmode=disable')).toEqual(E.right(undefined));
    expect(parseHostList('/var/run/postgresql')).toEqual(E.right(undefined));
  });

  it.each([
    ['an empty host', 'postgres://u@a,,b/d', /host is empty/],
    ['a port that is not a number', 'postgres://u@a:x,b/d', /port "x"/],
    ['a port out of range', 'postgres://u@a:70000,b/d', /port "70000"/],
    ['an unsupported target_session_attrs', 'postgres://u@a,b/d?target_session_attrs=standby', /target_session_attrs must be one of any, read-write, primary/],
  ])('refuses %s, naming connectionString', (_what, url, reason) => {
    const result = parseHostList(url);
    expect(E.isLeft(result)).toBe(true);
    const error = (result as E.Left<ValidationError>).left;
    expectValidationErrorAt(error, 'connectionString');
    expect(error.issues.map((i) => i.reason).join(' ')).toMatch(reason);
  });
});

describe('the store with a multi-host connection string', () => {
  it('answers every call with a ValidationError naming connectionString when the host list is bad', async () => {
    const store = createPostgresEventStore({ connectionString: 'postgres://u@a:0,b/d' });
    expectValidationErrorAt(left(await store.ready()), 'connectionString');
    await store.close();
  });

  it('names a bad probeTimeoutMs and queryTimeoutMs', async () => {
    const store = createPostgresEventStore({ connectionString: 'postgres://u@a,b/d', probeTimeoutMs: 0, queryTimeoutMs: -5 });
    const error = left(await store.ready());
    expect(error._tag === 'ValidationError' && error.issues.map((i) => i.path)).toEqual(['probeTimeoutMs', 'queryTimeoutMs']);
    await store.close();
  });

  it('answers StoreFailure, naming every host, when none is reachable, within hosts x probe timeout', async () => {
    // Ports 1 and 2 on loopback refuse at once; the bound is what matters, not the speed.
    const store = createPostgresEventStore({ connectionString: 'postgres://u@127.0.0.1:1,127.0.0.1:2/d', probeTimeoutMs: 500 });
    const started = performance.now();
    const error = left(await store.ready());
    expect(performance.now() - started).toBeLessThan(2 * 500 + 500);
    expect(error).toMatchObject({ _tag: 'StoreFailure', message: expect.stringMatching(/no read-write server among 2 hosts \(127\.0\.0\.1:1: .*; 127\.0\.0\.1:2: /) });
    await store.close();
  });
});

/** A loopback listener that accepts connections and never says a word: a host gone silent (no reset, no answer). */
const silentHost = async (): Promise<{ port: number; close: () => Promise<void> }> => {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};

describe('the bound with no primary reachable', () => {
  it('answers StoreFailure after each host has had its probe timeout, not later, when the hosts take connections but never answer', async () => {
    const [h1, h2] = [await silentHost(), await silentHost()];
    const probeTimeoutMs = 300;
    const store = createPostgresEventStore({ connectionString: `postgres://u@127.0.0.1:${h1.port},127.0.0.1:${h2.port}/d`, probeTimeoutMs });
    for (const call of [() => store.ready(), () => store.append('s', events(1), 'any'), () => store.readAll()]) {
      const started = performance.now();
      const error = left(await call());
      const took = performance.now() - started;
      expect(error).toMatchObject({ _tag: 'StoreFailure', message: expect.stringMatching(/no answer within 300 ms.*no answer within 300 ms/) });
      // Both hosts were waited for in turn (about 2 x 300 ms), and no more than that and a little.
      expect(took).toBeGreaterThanOrEqual(2 * probeTimeoutMs - 20);
      expect(took).toBeLessThan(2 * probeTimeoutMs + 400);
    }
    await store.close();
    await Promise.all([h1.close(), h2.close()]);
  });
});

describe('meansPrimaryLost', () => {
  it('is true for a cut or refused connection, a shutdown, a read-only server and a recovery conflict', () => {
    expect(meansPrimaryLost(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(meansPrimaryLost(new Error('Connection terminated unexpectedly'))).toBe(true);
    for (const code of ['57P01', '57P02', '57P03', '25006', '08006']) expect(meansPrimaryLost(Object.assign(new Error(code), { code }))).toBe(true);
    expect(meansPrimaryLost(Object.assign(new Error('canceling statement due to conflict with recovery'), { code: '40001' }))).toBe(true);
  });

  it('is false for what a healthy primary answers', () => {
    for (const code of ['23505', '42601', '40P01']) expect(meansPrimaryLost(Object.assign(new Error(code), { code }))).toBe(false);
    expect(meansPrimaryLost(Object.assign(new Error('could not serialize access'), { code: '40001' }))).toBe(false);
  });
});
