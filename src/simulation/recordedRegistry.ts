/**
 * What a recorded day is read with: the desk's and the conversation's events,
 * decoded by the same path as the reports (the registry's decodeRecorded,
 * upcasting first). Events of other modules (orders, reviews, tickets, ...) are
 * not the day's and are passed over without a word; one of the day's modules
 * that does not decode is an issue for the caller to report.
 */
import * as E from 'fp-ts/lib/Either.js';
import { conversationModule } from '../domain/conversation/conversationModule.js';
import { deskModule } from '../domain/desk/deskModule.js';
import type { RecordedEvent } from '../domain/envelope.js';
import type { ValidationError } from '../domain/errors.js';
import { createRegistry, type Registry } from '../domain/registry.js';
import type { ProjectedEvent } from '../projections/projection.js';
import { decodeForReports } from '../runtime/reportRunner.js';

export const RECORDED_DAY_MODULES = [deskModule, conversationModule] as const;

export const recordedDayRegistry = (): Registry => createRegistry([...RECORDED_DAY_MODULES]);

/** Right(undefined) for an event of another module; Left when one of the day's does not decode. */
export const decodeForRecordedDay = (registry: Registry) => {
  const decode = decodeForReports(registry);
  return (event: RecordedEvent): E.Either<ValidationError, ProjectedEvent | undefined> => (registry.knowsEvent(event.type) ? decode(event) : E.right(undefined));
};
