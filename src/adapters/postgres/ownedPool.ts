/**
 * The pool a store opens for itself from its options, and the settings of its
 * LISTEN connection. One host: pg's own Client, the connection string as given
 * (as before multi-host support: nothing extra on any path). Several hosts: a
 * Client that connects to the primary the resolver finds (failoverClient.ts,
 * primaryResolver.ts), for the pool and the LISTEN connection alike.
 */
import pg from 'pg';
import type { ClientConfig } from 'pg';
import { failoverClientClass } from './failoverClient.js';
import type { HostList } from './hostList.js';
import { DEFAULT_PROBE_TIMEOUT_MS, type OwnedPoolOptions } from './options.js';
import { createPrimaryResolver } from './primaryResolver.js';

/** The pool and the LISTEN connection's settings of a store that owns its pool; with several hosts, both follow the primary. */
export const ownedConnections = (owned: OwnedPoolOptions, schema: string, hosts: HostList | undefined) => {
  const connectMs = owned.connectionTimeoutMs ?? 10_000;
  const common = {
    max: owned.maxConnections ?? 10,
    idleTimeoutMillis: owned.idleTimeoutMs ?? 10_000,
    application_name: owned.applicationName ?? `kefu-${schema}`,
    ...(owned.statementTimeoutMs === undefined ? {} : { statement_timeout: owned.statementTimeoutMs }),
    ...(owned.queryTimeoutMs === undefined ? {} : { query_timeout: owned.queryTimeoutMs }),
  };
  if (hosts === undefined) {
    const pool = new pg.Pool({ ...common, connectionString: owned.connectionString, connectionTimeoutMillis: connectMs });
    const listen: ClientConfig = { connectionString: owned.connectionString, connectionTimeoutMillis: connectMs, keepAlive: true, application_name: `kefu-listen-${schema}` };
    return { pool, listen, client: undefined, resolver: undefined };
  }
  const probeMs = owned.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const resolver = createPrimaryResolver({ hosts, probeTimeoutMs: probeMs, applicationName: `kefu-probe-${schema}` });
  const client = failoverClientClass(resolver, connectMs);
  // The first host's URL gives pg the user, database and parameters; the host itself is the resolver's choice.
  const connectionString = hosts.urlFor(hosts.hosts[0]!);
  // pg.Pool's own timeout covers the whole connect: probing every host, then the connection itself.
  const budget = connectMs === 0 ? 0 : hosts.hosts.length * probeMs + connectMs;
  const pool = new pg.Pool({ ...common, connectionString, connectionTimeoutMillis: budget, keepAlive: true, Client: client });
  const listen: ClientConfig = { connectionString, connectionTimeoutMillis: connectMs, keepAlive: true, application_name: `kefu-listen-${schema}` };
  return { pool, listen, client, resolver };
};

