/**
 * The read side as JSON: the queue, the agent board, the explain trace and the
 * reports. The board, the queue and the reports come from the read models
 * (readModels.ts); `?after=<position>` waits until they have folded that
 * position (a command's answer carries it), so a client reads its own write.
 * The explain trace is read from the log itself: the shop's routing stream.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { boardRows, explainAssignment, exportReport, routingStream, waitingIn } from 'kefu';
import type { Engine, ProjectedEvent, ValidationIssue } from 'kefu';
import { badRequest, httpErrorOf } from '../errors.js';
import { choiceParam, listParam, positionParam, textParam, type QueryValue } from '../queryParams.js';
import type { ReadModels } from '../readModels.js';

type Query = Record<string, QueryValue>;

export interface ReadRouteOptions {
  /** How long `?after=` waits for the read models before answering 503. */
  readonly catchUpMs: number;
}

/** Waits for `?after=`; false once it has answered (a bad value or a timeout). */
const caughtUp = async (models: ReadModels, query: Query, reply: FastifyReply, options: ReadRouteOptions): Promise<boolean> => {
  const after = positionParam(query['after'], 'after');
  if (E.isLeft(after)) {
    await reply.code(400).send(badRequest([after.left]).body);
    return false;
  }
  if (await models.waitFor(after.right, options.catchUpMs)) return true;
  await reply.code(503).send({ error: 'NotCaughtUp', after: after.right, position: models.position() });
  return false;
};

export const readModelRoutes = (app: FastifyInstance, engine: Engine, models: ReadModels, options: ReadRouteOptions): void => {
  app.get<{ Params: { shopId: string }; Querystring: Query }>('/shops/:shopId/queue', async (request, reply) => {
    if (!(await caughtUp(models, request.query, reply, options))) return reply;
    return { position: models.position(), waiting: waitingIn(models.queue(), request.params.shopId) };
  });

  app.get<{ Params: { shopId: string }; Querystring: Query }>('/shops/:shopId/agents', async (request, reply) => {
    if (!(await caughtUp(models, request.query, reply, options))) return reply;
    return { position: models.position(), agents: boardRows(models.board(), request.params.shopId) };
  });

  app.get<{ Params: { shopId: string; sessionId: string }; Querystring: Query }>('/shops/:shopId/sessions/:sessionId/explain', async (request, reply) => {
    const { shopId, sessionId } = request.params;
    // One shop's routing stream, read whole: fine for an example and a day's log; a
    // server explaining often keeps a projection of the decisions instead.
    const read = await engine.store.readStream(routingStream(shopId));
    if (E.isLeft(read)) {
      const failure = httpErrorOf(read.left);
      return reply.code(failure.status).send(failure.body);
    }
    const events: ProjectedEvent[] = [];
    for (const recorded of read.right) {
      const decoded = engine.registry.decodeRecorded(recorded);
      if (E.isRight(decoded)) events.push(decoded.right);
    }
    const versus = textParam(request.query['versus']);
    const explained = explainAssignment(events, sessionId, versus === undefined ? {} : { versus });
    if (E.isLeft(explained)) return reply.code(404).send({ error: 'DomainError', code: explained.left.code, message: explained.left.message });
    return explained.right;
  });

  app.get<{ Params: { shopId: string; name: string }; Querystring: Query }>('/shops/:shopId/reports/:name', async (request, reply) => {
    const { shopId, name } = request.params;
    if (!models.reports.names.includes(name)) {
      return reply.code(404).send({ error: 'NotFound', issues: [{ path: 'name', reason: `unknown report ${JSON.stringify(name)}; known: ${models.reports.names.join(', ')}` }] });
    }
    const q = request.query;
    const issues: ValidationIssue[] = [];
    const agents = listParam(q['agents'], 'agents');
    const channels = listParam(q['channels'], 'channels');
    const format = choiceParam(q['format'], 'format', ['json', 'csv'] as const);
    for (const parsed of [agents, channels, format]) if (E.isLeft(parsed)) issues.push(parsed.left);
    if (issues.length > 0 || E.isLeft(agents) || E.isLeft(channels) || E.isLeft(format)) return reply.code(400).send(badRequest(issues).body);
    if (!(await caughtUp(models, q, reply, options))) return reply;
    const query = {
      shopId,
      from: textParam(q['from']),
      to: textParam(q['to']),
      // M19's delayed conversions show as of now.
      asOf: engine.clock.now(),
      ...(agents.right === undefined ? {} : { agents: agents.right }),
      ...(channels.right === undefined ? {} : { channels: channels.right }),
    };
    // The kit checks the rest (dates, from <= to, agents and channels it has seen) and names the field.
    const exported = exportReport(models.reports, models.reportState(), name, query, format.right);
    if (E.isLeft(exported)) return reply.code(400).send(badRequest(exported.left.issues).body);
    if (format.right === 'csv') {
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(exported.right);
    }
    return reply.type('application/json; charset=utf-8').send(exported.right);
  });
};
