/**
 * A loopback TCP proxy between a store and the real server, for tests of cut
 * connections: `cut()` resets every connection passing through it at the moment the
 * test chooses (the client sees ECONNRESET, the server a closed socket), `refuse()`
 * makes it drop new connections at once (the server is "down") and `accept()` lets
 * them through again (the server is back). Nothing is timed: the test decides when.
 */
import net from 'node:net';

export interface CuttingProxy {
  /** The server's URL with the proxy's address in place of the server's. */
  readonly url: string;
  /** Resets every open connection, both sides. */
  readonly cut: () => void;
  /** New connections are reset as soon as they arrive. */
  readonly refuse: () => void;
  /** New connections reach the server again. */
  readonly accept: () => void;
  /** How many connections are open through the proxy. */
  readonly open: () => number;
  readonly close: () => Promise<void>;
}

export const startCuttingProxy = async (serverUrl: string): Promise<CuttingProxy> => {
  const target = new URL(serverUrl);
  const host = target.hostname;
  const port = Number(target.port || 5432);
  const pairs = new Set<{ readonly client: net.Socket; readonly server: net.Socket }>();
  let accepting = true;

  const server = net.createServer((client) => {
    if (!accepting) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(port, host);
    const pair = { client, server: upstream };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address() as net.AddressInfo;
  const url = new URL(serverUrl);
  url.hostname = '127.0.0.1';
  url.port = String(address.port);

  const cut = () => {
    for (const pair of [...pairs]) {
      pairs.delete(pair);
      pair.client.resetAndDestroy();
      pair.server.resetAndDestroy();
    }
  };

  return {
    url: url.toString(),
    cut,
    refuse: () => {
      accepting = false;
    },
    accept: () => {
      accepting = true;
    },
    open: () => pairs.size,
    close: async () => {
      cut();
      await new Promise<void>((closed) => server.close(() => closed()));
    },
  };
};
