/**
 * Model-based test (fc.commands): the desk against a deliberately naive reference
 * model that scans every agent and keeps the queue as a plain array. For least
 * load and round robin, with FIFO or LIFO and VIP first, the model predicts every
 * assignment exactly; any difference in who gets a session, in loads or in the
 * queue order fails the run.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { DeskCommand } from '../../../src/domain/desk/deskCommands.js';
import { decideDesk } from '../../../src/domain/desk/deskDecide.js';
import { evolveDesk } from '../../../src/domain/desk/deskEvolve.js';
import { initialDeskState, type DeskState } from '../../../src/domain/desk/deskState.js';
import { inServiceOrder } from '../../../src/routing/queue.js';
import { makeCommand } from '../../../src/testing/commands.js';

interface ModelAgent {
  status: 'online' | 'busy' | 'offline';
  max: number;
  load: number;
  lastSeq: number;
}

interface Model {
  readonly mode: 'least-load' | 'round-robin';
  readonly order: 'fifo' | 'lifo';
  readonly vipFirst: boolean;
  agents: Map<string, ModelAgent>;
  owners: Map<string, string>;
  queue: { id: string; vip: boolean; seq: number }[];
  sessions: string[];
  seq: number;
}

interface Real {
  state: DeskState;
  n: number;
  /** Assignments made by the last command: [session, agent]. */
  last: [string, string][];
}

const send = (real: Real, type: DeskCommand['type'], data: unknown): boolean => {
  const decided = decideDesk(makeCommand<DeskCommand>(type, data as never, { commandId: `c${real.n++}` }), real.state);
  real.last = [];
  if (E.isLeft(decided)) return false;
  for (const e of decided.right.events) if (e.type === 'SessionAssigned') real.last.push([e.data.sessionId, e.data.agentId]);
  real.state = decided.right.events.reduce(evolveDesk, real.state);
  return true;
};

// The naive model: scan everything.
const eligible = (m: Model) => [...m.agents.entries()].filter(([, a]) => a.status === 'online' && a.load < a.max);
const better = (m: Model) => (x: [string, ModelAgent], y: [string, ModelAgent]) => {
  if (m.mode === 'least-load') {
    const r = x[1].load / x[1].max - y[1].load / y[1].max;
    if (Math.abs(r) > 1e-12) return r < 0;
  }
  if (x[1].lastSeq !== y[1].lastSeq) return x[1].lastSeq < y[1].lastSeq;
  return x[0] < y[0];
};
const pick = (m: Model) => eligible(m).reduce<[string, ModelAgent] | undefined>((best, c) => (best === undefined || better(m)(c, best) ? c : best), undefined);
const assign = (m: Model, session: string, agentId: string) => {
  const a = m.agents.get(agentId)!;
  a.load++;
  a.lastSeq = ++m.seq;
  m.owners.set(session, agentId);
};
const queueHead = (m: Model) =>
  [...m.queue].sort((x, y) => (m.vipFirst && x.vip !== y.vip ? (x.vip ? -1 : 1) : m.order === 'fifo' ? x.seq - y.seq : y.seq - x.seq))[0];
const fill = (m: Model, agentId: string, made: [string, string][]) => {
  for (;;) {
    const a = m.agents.get(agentId)!;
    const head = queueHead(m);
    if (!(a.status === 'online' && a.load < a.max) || head === undefined) return;
    m.queue = m.queue.filter((q) => q !== head);
    assign(m, head.id, agentId);
    made.push([head.id, agentId]);
  }
};

const compare = (m: Model, r: Real, made: [string, string][]) => {
  expect(r.last).toEqual(made);
  for (const [id, a] of m.agents) expect(r.state.agents.get(id)?.load, `load of ${id}`).toBe(a.load);
  expect(inServiceOrder(r.state.queue).map((e) => e.sessionId)).toEqual(
    [...m.queue].sort((x, y) => (m.vipFirst && x.vip !== y.vip ? (x.vip ? -1 : 1) : m.order === 'fifo' ? x.seq - y.seq : y.seq - x.seq)).map((q) => q.id),
  );
};

class AddAgent implements fc.Command<Model, Real> {
  constructor(readonly max: number) {}
  check = (m: Readonly<Model>) => m.agents.size < 8;
  run(m: Model, r: Real) {
    const id = `a${m.agents.size}`;
    send(r, 'RegisterAgent', { agentId: id, name: id, maxSessions: this.max });
    m.agents.set(id, { status: 'offline', max: this.max, load: 0, lastSeq: -1 });
    const made: [string, string][] = [];
    send(r, 'ChangeAgentStatus', { agentId: id, status: 'online' });
    m.agents.get(id)!.status = 'online';
    fill(m, id, made);
    compare(m, r, made);
  }
  toString = () => `AddAgent(${this.max})`;
}

class SetStatus implements fc.Command<Model, Real> {
  constructor(readonly index: number, readonly status: ModelAgent['status']) {}
  check = (m: Readonly<Model>) => m.agents.size > 0;
  run(m: Model, r: Real) {
    const id = `a${this.index % m.agents.size}`;
    send(r, 'ChangeAgentStatus', { agentId: id, status: this.status });
    m.agents.get(id)!.status = this.status;
    const made: [string, string][] = [];
    if (this.status === 'online') fill(m, id, made);
    compare(m, r, made);
  }
  toString = () => `SetStatus(${this.index}, ${this.status})`;
}

class SetMax implements fc.Command<Model, Real> {
  constructor(readonly index: number, readonly max: number) {}
  check = (m: Readonly<Model>) => m.agents.size > 0;
  run(m: Model, r: Real) {
    const id = `a${this.index % m.agents.size}`;
    send(r, 'SetMaxSessions', { agentId: id, maxSessions: this.max });
    m.agents.get(id)!.max = this.max;
    const made: [string, string][] = [];
    fill(m, id, made);
    compare(m, r, made);
  }
  toString = () => `SetMax(${this.index}, ${this.max})`;
}

class Open implements fc.Command<Model, Real> {
  constructor(readonly vip: boolean) {}
  check = () => true;
  run(m: Model, r: Real) {
    const id = `s${m.sessions.length}`;
    m.sessions.push(id);
    send(r, 'OpenSession', { sessionId: id, customerId: `cust-${id}`, channel: 'app', vip: this.vip });
    const made: [string, string][] = [];
    const chosen = pick(m);
    if (chosen === undefined) m.queue.push({ id, vip: this.vip, seq: ++m.seq });
    else {
      assign(m, id, chosen[0]);
      made.push([id, chosen[0]]);
    }
    compare(m, r, made);
  }
  toString = () => `Open(${this.vip})`;
}

class End implements fc.Command<Model, Real> {
  constructor(readonly index: number) {}
  check = (m: Readonly<Model>) => m.sessions.length > 0;
  run(m: Model, r: Real) {
    const id = m.sessions[this.index % m.sessions.length]!;
    const accepted = send(r, 'EndSession', { sessionId: id });
    const owner = m.owners.get(id);
    const queued = m.queue.some((q) => q.id === id);
    expect(accepted).toBe(owner !== undefined || queued);
    const made: [string, string][] = [];
    if (queued) m.queue = m.queue.filter((q) => q.id !== id);
    if (owner !== undefined) {
      m.owners.delete(id);
      m.agents.get(owner)!.load--;
      fill(m, owner, made);
    }
    compare(m, r, made);
  }
  toString = () => `End(${this.index})`;
}

class Transfer implements fc.Command<Model, Real> {
  constructor(readonly index: number, readonly to: number) {}
  check = (m: Readonly<Model>) => m.sessions.length > 0 && m.agents.size > 1;
  run(m: Model, r: Real) {
    const id = m.sessions[this.index % m.sessions.length]!;
    const to = `a${this.to % m.agents.size}`;
    const accepted = send(r, 'TransferSession', { sessionId: id, toAgentId: to });
    const owner = m.owners.get(id);
    const possible = owner !== undefined && owner !== to && m.agents.get(to)!.status !== 'offline';
    expect(accepted).toBe(possible);
    const made: [string, string][] = [];
    if (possible) {
      m.owners.set(id, to);
      m.agents.get(owner)!.load--;
      m.agents.get(to)!.load++;
      fill(m, owner, made);
    }
    compare(m, r, made);
  }
  toString = () => `Transfer(${this.index} -> ${this.to})`;
}

const commands = [
  fc.integer({ min: 1, max: 4 }).map((max) => new AddAgent(max)),
  fc.tuple(fc.nat(), fc.constantFrom('online' as const, 'busy' as const, 'offline' as const)).map(([i, s]) => new SetStatus(i, s)),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 5 })).map(([i, max]) => new SetMax(i, max)),
  fc.boolean().map((vip) => new Open(vip)),
  fc.boolean().map((vip) => new Open(vip)),
  fc.nat().map((i) => new End(i)),
  fc.tuple(fc.nat(), fc.nat()).map(([i, to]) => new Transfer(i, to)),
];

describe('the desk against a naive reference model', () => {
  for (const mode of ['least-load', 'round-robin'] as const) {
    it(`agrees on every assignment, load and queue position in ${mode} mode`, () => {
      fc.assert(
        fc.property(fc.constantFrom('fifo' as const, 'lifo' as const), fc.boolean(), fc.commands(commands, { size: '+1' }), (order, vipFirst, cmds) => {
          const real: Real = { state: initialDeskState(), n: 0, last: [] };
          send(real, 'ConfigureRouting', { settings: { baseMode: mode, stickyRecentContact: false, queueOrder: order, vipFirst } });
          const model: Model = { mode, order, vipFirst, agents: new Map(), owners: new Map(), queue: [], sessions: [], seq: 0 };
          fc.modelRun(() => ({ model, real }), cmds);
        }),
        { numRuns: 200 },
      );
    });
  }
});
