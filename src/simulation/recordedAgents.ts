/**
 * An agent's recorded timeline (snapshots of status, availability, max and the
 * sessions it held) read two ways: as the shifts a replay gives it, and as the
 * figures of what really happened (time online, load integral).
 *
 * Shifts are the stretches in which the desk could give the agent new
 * sessions: online, enabled and active. A busy agent keeps its sessions but
 * takes none, so busy stretches are left out of the shifts: in the replay the
 * agent is offline then, which under `whenAgentLeaves: keep` (the default) is
 * the same thing (it keeps what it holds and takes nothing new).
 */
import type { AgentSnapshot, RecordedAgent } from './recordedFold.js';
import type { AgentOutcome, Shift, SimAgent } from './workload.js';

interface Segment {
  readonly from: number;
  readonly to: number;
  readonly state: AgentSnapshot;
}

/** The snapshots as segments clipped to [start, end). */
const segments = (snapshots: readonly AgentSnapshot[], start: number, end: number): Segment[] => {
  const out: Segment[] = [];
  for (const [i, state] of snapshots.entries()) {
    const from = Math.max(start, state.at);
    const to = Math.min(end, snapshots[i + 1]?.at ?? end);
    if (to > from) out.push({ from, to, state });
  }
  return out;
};

const takesSessions = (s: AgentSnapshot): boolean => s.status === 'online' && s.enabled && s.lifecycle === 'active';

/** The maximal stretches in which the agent took new sessions. */
export const shiftsOf = (agent: RecordedAgent, start: number, end: number): Shift[] => {
  const shifts: Shift[] = [];
  for (const seg of segments(agent.snapshots, start, end)) {
    if (!takesSessions(seg.state)) continue;
    const last = shifts[shifts.length - 1];
    if (last !== undefined && last.to === seg.from) shifts[shifts.length - 1] = { from: last.from, to: seg.to };
    else shifts.push({ from: seg.from, to: seg.to });
  }
  return shifts;
};

export const simAgentOf = (agent: RecordedAgent, start: number, end: number): SimAgent => ({
  agentId: agent.agentId,
  groups: agent.groups,
  maxSessions: agent.maxSessions,
  capability: agent.capability,
  shifts: shiftsOf(agent, start, end),
});

/** Time spent busy (online for the sessions it has, taking none) within the window. */
export const busyMsOf = (agent: RecordedAgent, start: number, end: number): number =>
  segments(agent.snapshots, start, end)
    .filter((s) => s.state.status === 'busy')
    .reduce((sum, s) => sum + (s.to - s.from), 0);

/** What really happened to the agent in the window: time on duty, the load integral, sessions received. */
export const agentOutcomeOf = (agent: RecordedAgent, start: number, end: number): AgentOutcome => {
  let onlineMs = 0;
  let loadMs = 0;
  for (const seg of segments(agent.snapshots, start, end)) {
    // On duty while online or busy, or while still holding sessions after going offline (as the simulator counts it).
    if (seg.state.status !== 'offline' || seg.state.held > 0) onlineMs += seg.to - seg.from;
    if (seg.state.maxSessions > 0) loadMs += (seg.state.held / seg.state.maxSessions) * (seg.to - seg.from);
  }
  return { agentId: agent.agentId, onlineMs, loadMs, received: agent.received };
};
