/**
 * The Fastify app around an engine: commands in, read models and the event
 * stream out. It owns no store and no clock (main.ts, or a test, builds the
 * engine), so the same app runs on SQLite, PostgreSQL or memory.
 *
 *   const app = buildServer({ engine, zone: 'Asia/Shanghai' });
 *   await app.listen({ port: 3000 });
 *   ...
 *   await app.close();   // ends the event streams, stops the read models; the engine is the caller's
 */
import { fastify, type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { Engine } from 'kefu';
import { badRequest } from './errors.js';
import { startReadModels } from './readModels.js';
import { commandRoutes } from './routes/commands.js';
import { eventRoutes } from './routes/events.js';
import { readModelRoutes } from './routes/readModels.js';

export interface ServerOptions {
  readonly engine: Engine;
  /** The shops' IANA time zone (the reports' natural days); default Asia/Shanghai. */
  readonly zone?: string;
  /** How often an idle event stream gets a heartbeat comment; default 15 s. */
  readonly heartbeatMs?: number;
  /** How long a read route's `?after=` waits for the read models; default 2 s. */
  readonly catchUpMs?: number;
  /** Fastify's logger option; default off. */
  readonly logger?: FastifyServerOptions['logger'];
}

export const buildServer = (options: ServerOptions): FastifyInstance => {
  const { engine } = options;
  const app = fastify({ logger: options.logger ?? false });
  const models = startReadModels(engine, { zone: options.zone ?? 'Asia/Shanghai', onIssue: (message) => app.log.warn(message) });
  // A zone that does not exist is wiring, not input: refuse to start.
  if (isLeft(models)) throw new RangeError(`buildServer: ${models.left.issues.map((i) => `${i.path}: ${i.reason}`).join('; ')}`);

  // Fastify's own refusals (malformed JSON, an empty or oversized body, a content
  // type it cannot read) in the same shape as kefu's: a client parses one thing.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.code(status).send(badRequest([{ path: 'body', reason: error.message }]).body);
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send({ error: 'InternalError', message: 'the server failed; see its log' });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'NotFound', issues: [{ path: 'url', reason: `no route ${request.method} ${request.url.split('?')[0] ?? ''}` }] }),
  );

  commandRoutes(app, engine);
  readModelRoutes(app, engine, models.right, { catchUpMs: options.catchUpMs ?? 2_000 });
  eventRoutes(app, engine, { heartbeatMs: options.heartbeatMs ?? 15_000 });
  app.addHook('onClose', async () => {
    await models.right.stop();
  });
  return app;
};
