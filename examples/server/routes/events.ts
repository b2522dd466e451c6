/**
 * GET /events: the log as server-sent events, from a position on, then each new
 * event as it is appended (a subscription to the store, so appends by other
 * processes come too). Each frame's `id:` is the event's global position: a
 * client that reconnects sends it back as `Last-Event-ID` (EventSource does so
 * by itself) and resumes right after it, nothing missed and nothing twice.
 *
 *   id: 42
 *   event: SessionAssigned
 *   data: {"globalPosition":42,"stream":"routing-tea-house","type":"SessionAssigned",...}
 *
 * `?after=N` starts after position N (default 0: the whole log); `?shopId=`
 * keeps one shop's events. A comment line (`: heartbeat`) every few seconds keeps
 * proxies from closing an idle stream. On shutdown every stream is ended, so the
 * server closes without waiting for clients.
 *
 * A real server authorizes this route too: a shop's staff see their shop only.
 */
import type { ServerResponse } from 'node:http';
import * as E from 'fp-ts/lib/Either.js';
import type { FastifyInstance } from 'fastify';
import { describeError } from 'kefu';
import type { Engine, RecordedEvent } from 'kefu';
import { badRequest } from '../errors.js';
import { positionParam, textParam, type QueryValue } from '../queryParams.js';

export interface EventRouteOptions {
  readonly heartbeatMs: number;
}

const frame = (event: RecordedEvent) => `id: ${event.globalPosition}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/** Writes, waiting for the socket to drain when its buffer is full (a slow client holds its subscription back, not the server's memory). */
const writeTo = (res: ServerResponse, text: string, ending: AbortSignal): Promise<void> | undefined => {
  if (ending.aborted || res.destroyed || res.writableEnded || res.write(text)) return undefined;
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      ending.removeEventListener('abort', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
    ending.addEventListener('abort', done);
  });
};

export const eventRoutes = (app: FastifyInstance, engine: Engine, options: EventRouteOptions): void => {
  const open = new Set<() => Promise<void>>();
  // Before the listener closes: end every stream, or close would wait for the clients.
  app.addHook('preClose', async () => {
    await Promise.all([...open].map((end) => end()));
  });

  app.get<{ Querystring: Record<string, QueryValue> }>('/events', async (request, reply) => {
    const lastEventId = request.headers['last-event-id'];
    const after = lastEventId === undefined ? positionParam(request.query['after'], 'after') : positionParam(lastEventId, 'headers.last-event-id');
    if (E.isLeft(after)) return reply.code(400).send(badRequest([after.left]).body);
    const shopId = textParam(request.query['shopId']);

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 2000\n\n');

    // Aborted when the stream ends: a write waiting for a slow client gives up, so stopping never hangs.
    const ending = new AbortController();
    const subscription = engine.store.subscribe({
      after: after.right,
      ...(shopId === undefined ? {} : { shopId }),
      handler: (event) => writeTo(res, frame(event), ending.signal),
    });
    const heartbeat = setInterval(() => void writeTo(res, ': heartbeat\n\n', ending.signal), options.heartbeatMs);

    let ended: Promise<void> | undefined;
    const end = () =>
      (ended ??= (async () => {
        clearInterval(heartbeat);
        open.delete(end);
        ending.abort();
        await subscription.stop();
        if (!res.writableEnded) res.end();
      })());
    open.add(end);
    res.on('close', () => void end());
    void subscription.done.then((done) => {
      if (E.isLeft(done)) {
        request.log.error({ error: done.left }, 'event stream stopped');
        void writeTo(res, `event: kefu-error\ndata: ${JSON.stringify({ message: describeError(done.left) })}\n\n`, ending.signal);
      }
      return end();
    });
    return reply;
  });
};
