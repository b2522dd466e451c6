/**
 * `kefu explain SESSION`: the decision behind each assignment of a session, from
 * the log alone (the decision every assignment event records, and the desk folded
 * up to it): which rule decided, the runners-up and why they ranked lower, and
 * why every other agent of the shop could not take it then.
 */
import { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import type { LineIssue } from '../../adapters/ndjsonLog.js';
import { explainAssignments, type SessionAssignmentExplanation } from '../../projections/explainAssignment.js';
import type { ProjectedEvent } from '../../projections/projection.js';
import { decodeIssue } from '../../runtime/reportRunner.js';
import { usageError, writeLine, type CliIo } from '../cliKit.js';
import { kefuRegistry, parseSource, passedOverError, readSource, reportLineIssue } from '../sources.js';

const EXAMPLES = `
Examples:
  $ kefu explain s-1042 --source tea-house.ndjson --shop tea-house
  $ kefu explain s-1042 --source kefu-demo.sqlite --shop tea-house --versus a-07
  $ kefu explain s-1042 --source postgres://kefu@db/kefu?schema=kefu --shop tea-house --json

Sample output:
  s-2, assignment 1 of 1 (SessionAssigned, 2026-12-01T01:00:10.000Z): to a2
    s-2 went to a2, picked by least-load among every agent who could take it. a2: load 0/2, never assigned before; ...
      runner-up #1 a1: a1 was runner-up #1: its load 1/2 was higher than 0/2.
      a3: a3 was busy (it keeps its sessions but takes no new ones) (load 0/2, never assigned before).
      off: off was offline (load 0/2, never assigned before).

Every assignment of the session is explained in order: the first, a dequeue after a wait, a transfer, a
re-assignment after its agent left (requeue). An unknown session is exit 2.
`;

interface ExplainCliOptions {
  readonly source: string;
  readonly shop: string;
  readonly versus?: string;
  readonly json?: boolean;
}

const iso = (at: number) => new Date(at).toISOString();

const waitedWords = (w: NonNullable<SessionAssignmentExplanation['waited']>): string =>
  w.kind === 'queued' ? `it had waited in the queue since ${iso(w.at)}` : `it went back to routing at ${iso(w.at)} when ${w.from ?? 'its agent'} left (${w.reason ?? 'left'})`;

const printExplanation = (io: CliIo, e: SessionAssignmentExplanation, total: number): void => {
  writeLine(io.stdout, `${e.sessionId}, assignment ${e.ordinal} of ${total} (${e.event}, ${iso(e.at)}): to ${e.agentId}`);
  if (e.waited !== undefined) writeLine(io.stdout, `  (${waitedWords(e.waited)}.)`);
  writeLine(io.stdout, `  ${e.text}`);
  const others = e.others ?? [];
  // A step that names its agent (a dequeue, a transfer, a pin) considered nobody else: one line says so.
  if (others.length > 0 && others.every((o) => o.reason === 'not-named')) writeLine(io.stdout, `    no other agent was considered: the ${e.decision?.step ?? 'assignment'} step names one agent (${others.map((o) => o.agentId).join(', ')} were not asked).`);
  else for (const other of others) writeLine(io.stdout, `    ${other.rank === undefined ? `${other.agentId}:` : `runner-up #${other.rank} ${other.agentId}:`} ${other.text}`);
  if (e.versus !== undefined) writeLine(io.stdout, `  Why not ${e.versus.agentId}: ${e.versus.text}`);
};

export const explainCommand = (io: CliIo): Command =>
  new Command('explain')
    .description('why each assignment of a session went to its agent: the rule that decided, the runners-up, why the others could not take it')
    .argument('<session>', 'the session id')
    .requiredOption('--source <src>', 'the log: an NDJSON file, a SQLite file or a postgres:// URL')
    .requiredOption('--shop <shop>', 'the shop the session belongs to')
    .option('--versus <agent>', 'also say why the session did not go to this agent')
    .option('--json', 'the explanations as JSON (one array) on stdout')
    .addHelpText('after', EXAMPLES)
    .action(async (sessionId: string, options: ExplainCliOptions) => {
      const source = parseSource(options.source, io.cwd);
      const registry = kefuRegistry();
      const routing: ProjectedEvent[] = [];
      const skipped: LineIssue[] = [];
      await readSource(source, {
        shopId: options.shop,
        onEvent: (recorded, line) => {
          // Only the shop's routing stream tells assignments; the rest is not decoded.
          if (!recorded.stream.startsWith('routing-')) return;
          const decoded = registry.decodeRecorded(recorded);
          if (E.isRight(decoded)) routing.push(decoded.right);
          else {
            const issue = decodeIssue(line, recorded.globalPosition, decoded.left);
            skipped.push(issue);
            reportLineIssue(io, source, issue);
          }
        },
        onIssue: (issue) => {
          skipped.push(issue);
          reportLineIssue(io, source, issue);
          return true;
        },
      });
      const explained = explainAssignments(routing, sessionId, { others: true, ...(options.versus === undefined ? {} : { versus: options.versus }) });
      if (E.isLeft(explained)) throw usageError(`session ${sessionId} was never given to an agent in shop ${options.shop} (${source.kind === 'postgres' ? 'PostgreSQL' : source.path})`);
      if (options.json === true) writeLine(io.stdout, JSON.stringify(explained.right, null, 2));
      else explained.right.forEach((e, i) => {
        if (i > 0) writeLine(io.stdout);
        printExplanation(io, e, explained.right.length);
      });
      if (skipped.length > 0) throw passedOverError(skipped.length);
    });
