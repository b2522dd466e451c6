/**
 * POST /commands: a command input as JSON, `{ type, shopId, data }` (plus the
 * optional `commandId`, `correlationId`, `causationId`, `expectedVersion` kefu accepts). The
 * actor comes from authentication (actor.ts), never from the body. kefu decodes
 * the command itself, so the server checks nothing else: a bad field comes back
 * as kefu's ValidationError, with its path (`data.maxSessions`).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { FastifyInstance } from 'fastify';
import type { Engine } from 'kefu';
import { actorFromHeaders } from '../actor.js';
import { badRequest, httpErrorOf } from '../errors.js';

export const commandRoutes = (app: FastifyInstance, engine: Engine): void => {
  app.post('/commands', async (request, reply) => {
    const actor = actorFromHeaders(request.headers);
    if (E.isLeft(actor)) {
      const { missing, issue } = actor.left;
      return reply.code(missing ? 401 : 400).send(missing ? { error: 'Unauthenticated', issues: [issue] } : badRequest([issue]).body);
    }
    const body: unknown = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return reply.code(400).send(badRequest([{ path: '', reason: 'expected a command: an object { type, shopId, data }' }]).body);
    }
    const result = await engine.dispatchUnknown({ ...body, actor: actor.right });
    if (E.isLeft(result)) {
      const failure = httpErrorOf(result.left);
      if (failure.status >= 500) request.log.error({ error: result.left }, 'command failed on the store');
      return reply.code(failure.status).send(failure.body);
    }
    const { events, version, stream } = result.right;
    // The position of the last event: pass it as `?after=` to a read route to read this write.
    const position = events[events.length - 1]?.globalPosition;
    return reply.code(200).send({ stream, version, events, ...(position === undefined ? {} : { position }) });
  });
};
