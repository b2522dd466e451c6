import { describe, expect, it } from 'vitest';
import { makeCommand } from '../../src/testing/commands.js';
import { counterModule, type CounterCommand } from '../../src/testing/counterModule.js';
import { scenario } from '../../src/testing/scenario.js';

const counter = scenario(counterModule.decider);
const increment = (by: number) => makeCommand<CounterCommand>('Increment', { counterId: 'c', by });

describe('given / when / then', () => {
  describe('when the counter is open', () => {
    it('passes on the exact events in order', () => {
      counter
        .given({ type: 'Incremented', data: { by: 2, total: 2 } })
        .when(increment(3))
        .then({ type: 'Incremented', data: { by: 3, total: 5 } });
    });

    it('fails on an extra field, a wrong order or a missing event', () => {
      const when = counter.given().when(increment(1));
      expect(() => when.then({ type: 'Incremented', data: { by: 1, total: 1, extra: true } as never })).toThrow();
      expect(() => when.then()).toThrow();
      expect(() => when.thenFails('counter.closed')).toThrow(/expected the refusal counter.closed/);
    });
  });

  describe('when the counter is closed', () => {
    it('checks the refusal code', () => {
      counter.given({ type: 'Closed', data: { at: 1 } }).when(increment(1)).thenFails('counter.closed');
      expect(() => counter.given({ type: 'Closed', data: { at: 1 } }).when(increment(1)).thenNothing()).toThrow(/refusal/);
    });

    it('treats a repeated close as nothing to do', () => {
      counter
        .given({ type: 'Closed', data: { at: 1 } })
        .when(makeCommand<CounterCommand>('Close', { counterId: 'c' }))
        .thenNothing();
    });
  });
});
