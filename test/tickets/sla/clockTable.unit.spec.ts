// T5: the status table of the SLA clocks, row by row, and the events that stop them.
import { describe, expect, it } from 'vitest';
import { SLA_CLOCKS } from '../../../src/tickets/settings/ticketSettingsTypes.js';
import { CLOCK_TABLE, CLOCK_TABLE_WHY, STOPPED_BY, motionOf } from '../../../src/tickets/sla/clockTable.js';
import { TICKET_STATUSES } from '../../../src/tickets/ticket/ticketTypes.js';

describe('T5 the clock table', () => {
  it('lists every status, each with both clocks and a reason, and nothing else', () => {
    expect(Object.keys(CLOCK_TABLE).sort()).toEqual([...TICKET_STATUSES].sort());
    expect(Object.keys(CLOCK_TABLE_WHY).sort()).toEqual([...TICKET_STATUSES].sort());
    for (const status of TICKET_STATUSES) {
      expect(Object.keys(CLOCK_TABLE[status]).sort()).toEqual([...SLA_CLOCKS].sort());
      expect(CLOCK_TABLE_WHY[status].length).toBeGreaterThan(10);
    }
  });

  it('says how a clock not stopped yet stands in each status', () => {
    expect(CLOCK_TABLE).toEqual({
      'to-assign': { response: 'runs', resolution: 'runs' },
      'to-process': { response: 'runs', resolution: 'runs' },
      'in-progress': { response: 'stopped', resolution: 'runs' },
      waiting: { response: 'stopped', resolution: 'paused' },
      completed: { response: 'stopped', resolution: 'stopped' },
    });
  });

  it('only the waiting status pauses, and only the resolution clock', () => {
    const paused = TICKET_STATUSES.flatMap((s) => SLA_CLOCKS.filter((c) => CLOCK_TABLE[s][c] === 'paused').map((c) => `${s}/${c}`));
    expect(paused).toEqual(['waiting/resolution']);
  });

  it('names the stopping events: first processing or remark, or completion, for the response; completion for the resolution', () => {
    expect(STOPPED_BY.response).toEqual(['TicketProcessingStarted', 'TicketRemarked', 'TicketCompleted']);
    expect(STOPPED_BY.resolution).toEqual(['TicketCompleted']);
  });

  it('a stopped clock stays stopped in every status: a reopen never restarts it', () => {
    for (const status of TICKET_STATUSES) for (const clock of SLA_CLOCKS) expect(motionOf(status, clock, true)).toBe('stopped');
    expect(motionOf('to-process', 'resolution', false)).toBe('runs');
  });
});
