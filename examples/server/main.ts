/**
 * Runs the example server on the embedded SQLite store and the system clock.
 *
 *   node --import tsx examples/server/main.ts --port 3000 --db kefu-server.sqlite
 *   PORT=3000 KEFU_DB=kefu-server.sqlite KEFU_ZONE=Asia/Shanghai node --import tsx examples/server/main.ts
 *
 * `kefu` resolves to dist/ (run `npm run build` first), or to the sources with
 * TSX_TSCONFIG_PATH=examples/tsconfig.src.json.
 *
 * Ctrl-C (SIGINT) or SIGTERM closes it gracefully: the listener stops taking
 * requests, open event streams are ended, the read models and the engine's
 * reactor stop (its checkpoint saved), then the store is closed.
 */
import { Command, InvalidArgumentError } from 'commander';
import { createSqliteEventStore } from 'kefu/sqlite';
import { createServerEngine } from './kefuEngine.js';
import { buildServer } from './server.js';

const port = (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65_535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return n;
};

const options = new Command('kefu-server')
  .description('The kefu embedding example: commands over HTTP, read models as JSON, events as server-sent events.')
  .option('-p, --port <port>', 'port to listen on (env PORT)', port, port(process.env['PORT'] ?? '3000'))
  .option('--host <host>', 'address to listen on (env HOST)', process.env['HOST'] ?? '127.0.0.1')
  .option('--db <file>', 'SQLite file of the event log (env KEFU_DB)', process.env['KEFU_DB'] ?? 'kefu-server.sqlite')
  .option('--zone <zone>', "the shops' IANA time zone, for the reports' days (env KEFU_ZONE)", process.env['KEFU_ZONE'] ?? 'Asia/Shanghai')
  .parse()
  .opts<{ port: number; host: string; db: string; zone: string }>();

const store = createSqliteEventStore({ filename: options.db });
const engine = createServerEngine({ store, onReactorReport: (report) => app.log.warn({ report }, 'reactor') });
const app = buildServer({ engine, zone: options.zone, logger: { level: 'info' } });

let closing = false;
const shutdown = async (signal: string) => {
  if (closing) return;
  closing = true;
  app.log.info(`${signal}: closing`);
  await app.close();
  await engine.close();
  await store.close();
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(signal));

try {
  await app.listen({ port: options.port, host: options.host });
} catch (error) {
  // The port is taken or the address is not ours: say so on one line and leave.
  app.log.error(error instanceof Error ? error.message : String(error));
  await engine.close();
  await store.close();
  process.exitCode = 1;
}
