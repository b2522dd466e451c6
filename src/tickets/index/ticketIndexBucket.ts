/**
 * T10/T4: the open tickets of a shop, spread over a fixed number of buckets so
 * that indexing (one event per created and per completed ticket) never funnels
 * the whole shop through one stream, while a new SLA version still finds every
 * open ticket by reading 16 streams. A ticket's bucket is a stable hash of its
 * id: the same on every machine and every run.
 */
import { stableId } from '../../domain/stableId.js';

export const TICKET_INDEX_BUCKETS = 16;

export const ticketIndexBucket = (ticketId: string): number => Number.parseInt(stableId('', [ticketId]).slice(0, 8), 16) % TICKET_INDEX_BUCKETS;

export const ticketIndexStream = (shopId: string, bucket: number): string => `ticket-index-${shopId}-${bucket}`;

export const TICKET_INDEX_BUCKET_NUMBERS: readonly number[] = Array.from({ length: TICKET_INDEX_BUCKETS }, (_, i) => i);
