/**
 * S8 no-response timeouts, the conversation's part: the clock that runs while one
 * side owes the other an answer, and its events. Which clock runs follows from the
 * conversation alone (noResponseClock.ts); how long it may run comes from the
 * shop's settings, bound to the session when it is assigned (a session keeps the
 * timeouts in effect when it reached its agent: a settings change applies to the
 * sessions assigned after it, so no running clock moves under anyone's feet).
 */
import type { DomainEvent } from '../../decider.js';
import type { AgentTimeoutAction, NoResponseTimeout } from '../../shopSettings/shopSettings.js';

/** `agent`: the customer waits for a reply. `customer`: the agent replied and waits for the customer. */
export type NoResponseClock = 'agent' | 'customer';

export interface BoundTimeouts {
  readonly settingsVersion: number;
  readonly customer: (NoResponseTimeout & { readonly prompt: string }) | null;
  readonly agent: (NoResponseTimeout & { readonly prompt: string; readonly onTimeout: AgentTimeoutAction }) | null;
}

export interface RunningClock {
  readonly clock: NoResponseClock;
  /** 1, 2, ... in the conversation: the identity of this run (two runs may start at one instant). */
  readonly run: number;
  /** When the silence began. */
  readonly since: number;
  readonly promptAt: number;
  readonly endAt: number;
  readonly prompted: boolean;
}

type SessionRef = { readonly sessionId: string };
type Run = SessionRef & { readonly clock: NoResponseClock; readonly run: number; readonly since: number };

export type NoResponseEvent =
  | DomainEvent<'NoResponseTimeoutsBound', SessionRef & { readonly timeouts: BoundTimeouts; readonly at: number }>
  | DomainEvent<'NoResponseClockStarted', Run & { readonly promptAt: number; readonly endAt: number }>
  | DomainEvent<'NoResponseClockStopped', Run & { readonly at: number }>
  | DomainEvent<'NoResponsePrompted', Run & { readonly at: number }>
  /** The silence lasted: the session ends (or, for an agent with `onTimeout: 'requeue'`, goes to another agent). */
  | DomainEvent<'NoResponseTimedOut', Run & { readonly action: AgentTimeoutAction; readonly agentId?: string; readonly at: number }>;
