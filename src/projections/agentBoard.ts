/**
 * The agent board: per shop, each agent's status (and since when), load, max and
 * the over-capacity warning (A2), folded from the desk's events only. It shows
 * what a supervisor's screen shows, and a rebuild from the log gives the same board.
 * Persistent maps keep each update O(log n) however many agents a shop has.
 */
import { Map as IMap } from 'immutable';
import type { DeskEvent } from '../domain/desk/deskEvents.js';
import type { AgentStatus } from '../routing/model.js';
import type { Projection } from './projection.js';

export interface BoardRow {
  readonly agentId: string;
  readonly name: string;
  readonly status: AgentStatus;
  readonly since: number;
  readonly load: number;
  readonly maxSessions: number;
  readonly overCapacity: boolean;
  readonly groups: readonly string[];
}

/** Shop id -> agent id -> row. */
export type AgentBoard = IMap<string, IMap<string, BoardRow>>;

const touch = (board: AgentBoard, shop: string, agentId: string, change: (row: BoardRow) => Partial<BoardRow>): AgentBoard => {
  const row = board.getIn([shop, agentId]) as BoardRow | undefined;
  if (row === undefined) return board;
  const next = { ...row, ...change(row) };
  return board.setIn([shop, agentId], { ...next, overCapacity: next.load > next.maxSessions });
};

const load = (board: AgentBoard, shop: string, agentId: string, delta: number) => touch(board, shop, agentId, (row) => ({ load: row.load + delta }));

export const agentBoard: Projection<AgentBoard, DeskEvent> = {
  name: 'agent-board',
  initialState: () => IMap(),
  apply: (board, event) => {
    const shop = event.metadata.shopId;
    switch (event.type) {
      case 'AgentRegistered': {
        const e = event.data;
        const row: BoardRow = { agentId: e.agentId, name: e.name, status: 'offline', since: e.at, load: 0, maxSessions: e.maxSessions, overCapacity: false, groups: e.groups };
        return board.set(shop, (board.get(shop) ?? IMap<string, BoardRow>()).set(e.agentId, row));
      }
      case 'AgentStatusChanged':
        return touch(board, shop, event.data.agentId, () => ({ status: event.data.to, since: event.data.at }));
      case 'AgentMaxSessionsChanged':
        return touch(board, shop, event.data.agentId, () => ({ maxSessions: event.data.to }));
      case 'AgentGroupsChanged':
        return touch(board, shop, event.data.agentId, () => ({ groups: event.data.groups }));
      case 'SessionAssigned':
      case 'CoAgentAdded':
        return load(board, shop, event.data.agentId, 1);
      case 'CoAgentLeft':
        return load(board, shop, event.data.agentId, -1);
      case 'SessionRequeued':
        return load(board, shop, event.data.from, -1);
      case 'SessionTransferred':
        return load(load(board, shop, event.data.from, -1), shop, event.data.to, 1);
      case 'SessionEnded':
        return event.data.agents.reduce((b, agentId) => load(b, shop, agentId, -1), board);
      default:
        return board;
    }
  },
};

/** One shop's board as rows sorted by agent id. */
export const boardRows = (board: AgentBoard, shopId: string): BoardRow[] =>
  [...(board.get(shopId)?.values() ?? [])].sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
