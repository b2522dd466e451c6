/**
 * A pg Client that connects to whichever host the resolver names (the current
 * primary of a multi-host connection string), for pg.Pool's `Client` option and
 * the LISTEN connection. pg's Client connects to `this.host`/`this.port` (and reads
 * them nowhere else but in cancel), so setting both just before connecting is all
 * it takes; everything else (user, database, ssl, parameters) comes from the
 * one-host connection string it was made with.
 *
 * A failed connect, or an 'error' on the connection later, is told to the
 * resolver, which forgets the primary when the error means it may be gone, so the
 * next connection probes again. The 'error' listener stays for the client's whole
 * life: an 'error' nobody listens to would end the process.
 */
import pg from 'pg';
import type { ClientConfig } from 'pg';
import type { HostPort } from './hostList.js';
import type { PrimaryResolver } from './primaryResolver.js';

/** The ConnectionParameters pg keeps (not in its types): kept in line with host and port for anything that reads them. */
interface WithParameters {
  connectionParameters?: { host: string; port: number };
}

export type ClientClass = new (config?: string | ClientConfig) => pg.Client;

/**
 * `connectTimeoutMs` bounds the connection to the chosen host; the probe before it
 * has its own bound (the resolver's).
 */
export const failoverClientClass = (resolver: PrimaryResolver, connectTimeoutMs: number): ClientClass =>
  class FailoverClient extends pg.Client {
    private target: HostPort | undefined;

    constructor(config?: string | ClientConfig) {
      super(typeof config === 'string' ? config : { ...config, connectionTimeoutMillis: connectTimeoutMs });
      this.on('error', (error) => resolver.failed(this.target, error));
    }

    override connect(): Promise<pg.Client>;
    override connect(callback: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): void;
    override connect(callback?: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): Promise<pg.Client> | void {
      const attempt = this.connectToPrimary();
      if (callback === undefined) return attempt;
      const done = callback as (err: Error | null, c?: pg.Client) => void;
      attempt.then(
        (client) => done(null, client),
        (error: Error) => done(error),
      );
    }

    private async connectToPrimary(): Promise<pg.Client> {
      const target = await resolver.current();
      // pg.Pool's connection timeout cuts the socket when it fires; if it fired while the hosts were probed, give up as it meant.
      if (this.connection.stream.destroyed) throw new Error('timeout expired while looking for the primary');
      this.target = target;
      this.host = target.host;
      this.port = target.port;
      const parameters = (this as WithParameters).connectionParameters;
      if (parameters !== undefined) {
        parameters.host = target.host;
        parameters.port = target.port;
      }
      try {
        await super.connect();
      } catch (error) {
        resolver.failed(target, error);
        throw error;
      }
      const untrack = resolver.track(target, () => this.connection.stream.destroy());
      this.once('end', untrack);
      return this;
    }
  };
