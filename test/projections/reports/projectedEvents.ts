/** Hand-built recorded events for the report tests: increasing positions, the system actor, `occurredAt` = the event's `at`. */
import type { ProjectedEvent } from '../../../src/projections/projection.js';

export const projectedEvents = (shopId: string) => {
  let position = 0;
  return (type: string, data: Record<string, unknown> & { at: number }, stream: string): ProjectedEvent => {
    position++;
    return {
      type,
      data,
      schemaVersion: 1,
      stream,
      streamVersion: position,
      globalPosition: position,
      metadata: { eventId: `e${position}`, shopId, actor: { kind: 'system' }, occurredAt: data.at, correlationId: 'c', causationId: 'c' },
    } as unknown as ProjectedEvent;
  };
};
