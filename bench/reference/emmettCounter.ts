/**
 * The same trivial counter as kefu's kernel benchmark, driven through Emmett's
 * public API (DeciderCommandHandler over its in-memory event store), for the
 * side-by-side comparison. Used only under bench/.
 */
import { DeciderCommandHandler, getInMemoryEventStore, type Command, type Event } from '@event-driven-io/emmett';

type Increment = Command<'Increment', { counterId: string; by: number }>;
type Incremented = Event<'Incremented', { by: number; total: number }>;
interface State {
  value: number;
  increments: number;
}

export const emmettCounter = () => {
  const store = getInMemoryEventStore();
  const handle = DeciderCommandHandler<State, Increment, Incremented>({
    initialState: () => ({ value: 0, increments: 0 }),
    evolve: (state, event) => ({ value: state.value + event.data.by, increments: state.increments + 1 }),
    decide: (command, state) => ({ type: 'Incremented', data: { by: command.data.by, total: state.value + command.data.by } }),
    mapToStreamId: (id) => `counter-${id}`,
  });
  return {
    store,
    increment: (counterId: string) => handle(store, counterId, { type: 'Increment', data: { counterId, by: 1 } }),
    /** The stream's version (its number of events), read through the public API, for the benchmark's count checks. */
    version: async (counterId: string): Promise<number> => Number((await store.readStream(`counter-${counterId}`)).currentStreamVersion),
    prefill: async (counterId: string, events: number) => {
      for (let done = 0; done < events; done += 1000) {
        const size = Math.min(1000, events - done);
        await store.appendToStream(
          `counter-${counterId}`,
          Array.from({ length: size }, (_, i) => ({ type: 'Incremented' as const, data: { by: 1, total: done + i + 1 } })),
        );
      }
    },
  };
};
