/**
 * Which host of a multi-host connection string to connect to. The answer is
 * cached: connections after the first cost nothing extra. Until one is known (at
 * the start, or once an error said the primary may be gone), each host is probed
 * in order with a short-lived connection of its own, bounded by the probe timeout
 * (connect and question together), and the first that fits target_session_attrs
 * wins. Concurrent connections share one probe. When none fits, every waiting
 * connection fails at once, naming each host's answer: so with no primary
 * reachable a connection fails within hosts x probe timeout, and the next one
 * probes again.
 *
 * An error that means the primary may be gone starts a probe at once. Once it has
 * chosen, the connections still open to any other host are cut: idle ones in a
 * pool would otherwise be reused against a server that is dead or no longer takes
 * writes. A spurious alarm (one connection terminated on a healthy primary) finds
 * the same host again and cuts nothing.
 */
import pg from 'pg';
import type { HostList, HostPort } from './hostList.js';
import { meansPrimaryLost } from './primaryLost.js';

export interface PrimaryResolver {
  /** The host to connect to now; rejects (an Error naming every host's answer) when none fits. */
  readonly current: () => Promise<HostPort>;
  /** `error` came from a connection to `host`: if it means the primary may be gone, forget it (when it is still the cached one). */
  readonly failed: (host: HostPort | undefined, error: unknown) => void;
  /** A connection now open to `host`, cut once a probe chose another host (or found this one unfit); call the answer once it ends. */
  readonly track: (host: HostPort, cut: () => void) => () => void;
}

export interface PrimaryResolverOptions {
  readonly hosts: HostList;
  /** How long one host may take to connect and answer the probe. */
  readonly probeTimeoutMs: number;
  readonly applicationName: string;
}

const sameHost = (a: HostPort, b: HostPort) => a.host === b.host && a.port === b.port;
const label = (h: HostPort) => `${h.host}:${h.port}`;

interface ProbeRow {
  readonly recovery: boolean;
  readonly read_only: string;
}

/** What one host answered the probe. `answered` false: it said nothing in time (slow, or unreachable without a word). */
interface ProbeAnswer {
  readonly fits: boolean;
  readonly answered: boolean;
  readonly reason: string;
}

export const createPrimaryResolver = (options: PrimaryResolverOptions): PrimaryResolver => {
  const { hosts, probeTimeoutMs } = options;
  let primary: HostPort | undefined;
  let probing: Promise<HostPort> | undefined;
  const open = new Set<{ host: HostPort; cut: () => void }>();

  const probe = (host: HostPort): Promise<ProbeAnswer> =>
    new Promise((resolve) => {
      const client = new pg.Client({
        connectionString: hosts.urlFor(host),
        connectionTimeoutMillis: probeTimeoutMs,
        application_name: options.applicationName,
      });
      let settled = false;
      const finish = (answer: ProbeAnswer, polite: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        client.end().catch(() => undefined);
        // end() says goodbye and waits for the socket to close: a host that did not answer gets its socket cut.
        if (!polite) client.connection.stream.destroy();
        resolve(answer);
      };
      const refused = (error: unknown) => finish({ fits: false, answered: true, reason: error instanceof Error ? error.message : String(error) }, false);
      const timer = setTimeout(() => finish({ fits: false, answered: false, reason: `no answer within ${probeTimeoutMs} ms` }, false), probeTimeoutMs);
      client.on('error', refused);
      client
        .connect()
        .then(() => client.query<ProbeRow>("SELECT pg_is_in_recovery() AS recovery, current_setting('transaction_read_only') AS read_only"))
        .then(({ rows: [row] }) => {
          const misfit =
            row === undefined
              ? 'the probe got no row'
              : hosts.targetSessionAttrs === 'read-write' && row.read_only !== 'off'
                ? 'read-only'
                : hosts.targetSessionAttrs === 'primary' && row.recovery
                  ? 'in recovery (a standby)'
                  : undefined;
          finish({ fits: misfit === undefined, answered: true, reason: misfit ?? 'fits' }, true);
        })
        .catch(refused);
    });

  /**
   * Connections to a host other than the one chosen are no use: cut them (idle ones
   * in a pool would be reused). With none chosen, those to a host that answered it
   * does not fit, or refused; not those to one that was only slow to answer.
   */
  const cut = (chosen: HostPort | undefined, answers: ReadonlyMap<string, ProbeAnswer>) => {
    for (const connection of open) {
      const drop = chosen !== undefined ? !sameHost(connection.host, chosen) : answers.get(label(connection.host))?.answered === true;
      if (drop) connection.cut();
    }
  };

  const search = async (): Promise<HostPort> => {
    const answers = new Map<string, ProbeAnswer>();
    for (const host of hosts.hosts) {
      const answer = await probe(host);
      answers.set(label(host), answer);
      if (answer.fits) {
        primary = host;
        cut(host, answers);
        return host;
      }
    }
    cut(undefined, answers);
    const told = [...answers].map(([host, answer]) => `${host}: ${answer.reason}`);
    throw new Error(`no ${hosts.targetSessionAttrs} server among ${hosts.hosts.length} hosts (${told.join('; ')})`);
  };

  const current = (): Promise<HostPort> => {
    if (primary !== undefined) return Promise.resolve(primary);
    probing ??= search().finally(() => {
      probing = undefined;
    });
    return probing;
  };

  return {
    current,
    failed: (host, error) => {
      if (primary === undefined || !meansPrimaryLost(error)) return;
      if (host !== undefined && !sameHost(host, primary)) return;
      primary = undefined;
      // Look again now, not at the next new connection: idle ones to a lost primary are cut as soon as another is found.
      current().catch(() => undefined);
    },
    track: (host, cutConnection) => {
      const entry = { host, cut: cutConnection };
      open.add(entry);
      return () => open.delete(entry);
    },
  };
};
