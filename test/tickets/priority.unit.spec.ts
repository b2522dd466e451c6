import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodeWith } from '../../src/domain/validation.js';
import { byUrgency, ticketPriorityCodec } from '../../src/tickets/priority.js';

describe('T4 ticket priorities', () => {
  it('decodes the three priorities and names the field of anything else', () => {
    expect(decodeWith(ticketPriorityCodec, 'ticket')('urgent')).toEqual(E.right('urgent'));
    expect(decodeWith(ticketPriorityCodec, 'ticket')('asap')).toEqual(
      E.left({ _tag: 'ValidationError', source: 'ticket', issues: [{ path: '', reason: 'must be one of urgent, normal, low, got "asap"' }] }),
    );
  });

  it('sorts the most urgent first', () => {
    expect((['low', 'urgent', 'normal'] as const).slice().sort(byUrgency)).toEqual(['urgent', 'normal', 'low']);
  });
});
