import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { Decider, DomainEvent } from '../../src/domain/decider.js';
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

    it('answers the state after the history and the new events', () => {
      const state = counter.given({ type: 'Incremented', data: { by: 2, total: 2 } }).when(increment(3)).then({ type: 'Incremented', data: { by: 3, total: 5 } });
      expect(state).toEqual({ value: 5, increments: 2, closed: false });
    });
  });

  describe('when the counter is closed', () => {
    it('checks the refusal code', () => {
      counter.given({ type: 'Closed', data: { at: 1 } }).when(increment(1)).thenFails('counter.closed');
      expect(() => counter.given({ type: 'Closed', data: { at: 1 } }).when(increment(1)).thenNothing()).toThrow(/refusal/);
    });

    it('treats a repeated close as nothing to do, and answers the state as it was', () => {
      const state = counter
        .given({ type: 'Closed', data: { at: 1 } })
        .when(makeCommand<CounterCommand>('Close', { counterId: 'c' }))
        .thenNothing();
      expect(state.closed).toBe(true);
    });
  });
});

// A decider that emits one Tagged event per tag it is sent, to check matching over several events.
type TagEvent = DomainEvent<'Tagged', { readonly tag: string; readonly labels: readonly string[]; readonly detail: { readonly n: number; readonly note: string } }>;
type TagCommand = { readonly type: 'Tag'; readonly data: { readonly tags: readonly string[] } };
const tagger: Decider<readonly string[], TagCommand, TagEvent> = {
  initialState: () => [],
  decide: (command, state) =>
    E.right(command.data.tags.map((tag, i) => ({ type: 'Tagged' as const, data: { tag, labels: [tag, 'x'], detail: { n: state.length + i, note: 'why' } } }))),
  evolve: (state, event) => [...state, event.data.tag],
};
const tag = (...tags: string[]) => scenario(tagger).given().when({ type: 'Tag', data: { tags } });

describe('thenMatch, for events that carry more than a test is about', () => {
  it('passes when each event holds the fields given, in order, and answers the state after them', () => {
    expect(tag('a', 'b').thenMatch({ type: 'Tagged', data: { tag: 'a' } }, { type: 'Tagged', data: { detail: { n: 1 } } })).toEqual(['a', 'b']);
    tag('a').thenMatch({ type: 'Tagged' });
  });

  it('fails on a field with another value, at any depth, naming where', () => {
    expect(() => tag('a', 'b').thenMatch({ type: 'Tagged', data: { tag: 'a' } }, { type: 'Tagged', data: { detail: { n: 7 } } })).toThrow(
      'event 2 (Tagged).data.detail.n: expected 7, got 1',
    );
  });

  it('fails on a missing or extra event, a wrong order or a wrong type', () => {
    expect(() => tag('a', 'b').thenMatch({ type: 'Tagged', data: { tag: 'a' } })).toThrow('expected 1 events (Tagged), got 2 (Tagged, Tagged)');
    expect(() => tag('a').thenMatch({ type: 'Tagged' }, { type: 'Tagged' })).toThrow(/expected 2 events/);
    expect(() => tag().thenMatch({ type: 'Tagged' })).toThrow(/got 0 \(none\)/);
    expect(() => tag('a', 'b').thenMatch({ type: 'Tagged', data: { tag: 'b' } }, { type: 'Tagged', data: { tag: 'a' } })).toThrow(/event 1 .*expected "b", got "a"/);
    expect(() => tag('a').thenMatch({ type: 'Other' } as never)).toThrow(/event 1 \(Tagged\)\.type/);
  });

  it('holds lists to their length and items, and a field to being there', () => {
    tag('a').thenMatch({ type: 'Tagged', data: { labels: ['a', 'x'] } });
    expect(() => tag('a').thenMatch({ type: 'Tagged', data: { labels: ['a'] } })).toThrow(/labels: expected 1 items, got 2/);
    expect(() => tag('a').thenMatch({ type: 'Tagged', data: { labels: ['x', 'a'] } })).toThrow(/labels\[0\]/);
    expect(() => tag('a').thenMatch({ type: 'Tagged', data: { missing: 1 } as never })).toThrow(/there is no missing/);
  });

  it('fails on a refusal', () => {
    expect(() => counter.given({ type: 'Closed', data: { at: 1 } }).when(increment(1)).thenMatch({ type: 'Incremented' })).toThrow(/refusal/);
  });
});
