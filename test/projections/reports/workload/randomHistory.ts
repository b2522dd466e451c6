/**
 * Random histories for the workload properties: customers write, agents reply
 * (the session's holder, as the live fold knows it), auto answers and notices,
 * transfers, ends, proactive openings and status changes, with the clock moving
 * on between them (agents leaving requeue their sessions or keep them) from 23:50 in Shanghai, so histories cross midnight. A command
 * the engine refuses (a transfer to an offline agent, ...) is simply skipped:
 * the history is whatever the engine took.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { SEC, SHOP, workloadHarness } from './workloadHarness.js';

export const AGENTS = ['a1', 'a2', 'a3'] as const;
const CUSTOMERS = ['c1', 'c2', 'c3', 'c4'] as const;
export const START = Date.UTC(2026, 11, 2, 15, 50, 0); // 23:50 in Shanghai

export type Step =
  | { readonly k: 'write'; readonly c: number; readonly channel: 'web-mall' | 'app' }
  | { readonly k: 'reply'; readonly c: number }
  | { readonly k: 'note'; readonly c: number }
  | { readonly k: 'auto'; readonly c: number; readonly purpose: 'faq' | 'welcome' | 'idle-no-response-prompt' }
  | { readonly k: 'transfer'; readonly c: number; readonly to: number }
  | { readonly k: 'end'; readonly c: number }
  | { readonly k: 'proactive'; readonly c: number; readonly a: number }
  | { readonly k: 'status'; readonly a: number; readonly to: 'online' | 'busy' | 'offline' };

const c = fc.integer({ min: 0, max: CUSTOMERS.length - 1 });
const a = fc.integer({ min: 0, max: AGENTS.length - 1 });

export const stepArb: fc.Arbitrary<{ readonly step: Step; readonly waitSec: number }> = fc.record({
  step: fc.oneof(
    { weight: 6, arbitrary: fc.record({ k: fc.constant('write' as const), c, channel: fc.constantFrom('web-mall' as const, 'app' as const) }) },
    { weight: 6, arbitrary: fc.record({ k: fc.constant('reply' as const), c }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('note' as const), c }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('auto' as const), c, purpose: fc.constantFrom('faq' as const, 'welcome' as const, 'idle-no-response-prompt' as const) }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('transfer' as const), c, to: a }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('end' as const), c }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('proactive' as const), c, a }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('status' as const), a, to: fc.constantFrom('online' as const, 'busy' as const, 'offline' as const) }) },
  ),
  waitSec: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 300 })),
});

export interface History {
  /** whenAgentLeaves: an agent going offline requeues its sessions (or keeps them). */
  readonly requeue: boolean;
  readonly steps: readonly { readonly step: Step; readonly waitSec: number }[];
}

export const historyArb: fc.Arbitrary<History> = fc.record({ requeue: fc.boolean(), steps: fc.array(stepArb, { minLength: 10, maxLength: 30 }) });

/** Drives the steps through a real engine; returns the harness (its log and its live fold). */
export const drive = async ({ requeue, steps }: History) => {
  const h = workloadHarness(START);
  if (requeue) await h.run(h.d.configure({ whenAgentLeaves: 'requeue' }));
  await h.agents(AGENTS);
  let sessions = 0;
  let messages = 0;
  const mid = () => `m${++messages}`;
  const current: Record<string, string> = {};
  /** The customer's session while it is open (as the live fold knows it). */
  const openOf = (customer: string): string | undefined => {
    const id = current[customer];
    return id !== undefined && h.live().shops[SHOP]?.open[id] !== undefined ? id : undefined;
  };
  const send = async (raw: unknown) => {
    const result = await h.engine.dispatchUnknown(raw);
    if (E.isRight(result)) await h.settle();
  };
  const asAgent = (id: string, sessionId: string, type: 'SendAgentMessage' | 'AddInternalNote') =>
    send({ type, shopId: SHOP, actor: { kind: 'agent', id }, data: { sessionId, messageId: mid(), content: { kind: 'text', text: 'ok' } } });
  for (const { step, waitSec } of steps) {
    await h.at(h.clock.now() + waitSec * SEC);
    const customer = 'c' in step ? (CUSTOMERS[step.c] as string) : '';
    const open = customer === '' ? undefined : openOf(customer);
    const holder = open === undefined ? undefined : (h.live().shops[SHOP]?.open[open]?.segment?.agentId ?? undefined);
    switch (step.k) {
      case 'write': {
        const sessionId = open ?? `s${++sessions}`;
        current[customer] = sessionId;
        await send({ type: 'SendCustomerMessage', shopId: SHOP, actor: { kind: 'customer', id: customer }, data: { sessionId, messageId: mid(), customerId: customer, content: { kind: 'text', text: 'hi' }, channel: step.channel } });
        break;
      }
      case 'reply':
      case 'note':
        if (open !== undefined && holder !== undefined) await asAgent(holder, open, step.k === 'reply' ? 'SendAgentMessage' : 'AddInternalNote');
        break;
      case 'auto':
        if (open !== undefined) await send({ type: 'SendSystemMessage', shopId: SHOP, actor: { kind: 'system' }, data: { sessionId: open, messageId: mid(), text: 'auto', purpose: step.purpose } });
        break;
      case 'transfer':
        if (open !== undefined) await send(h.d.transfer({ sessionId: open, toAgentId: AGENTS[step.to] as string }));
        break;
      case 'end':
        if (open !== undefined) await send(h.d.end({ sessionId: open }));
        break;
      case 'proactive':
        if (open === undefined) {
          const sessionId = `s${++sessions}`;
          current[customer] = sessionId;
          await send(h.d.proactive({ sessionId, customerId: customer, agentId: AGENTS[step.a] as string, channel: 'app' }));
        }
        break;
      case 'status':
        await send(h.d.setStatus({ agentId: AGENTS[step.a] as string, status: step.to }));
        break;
    }
  }
  return h;
};
