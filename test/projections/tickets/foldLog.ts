/**
 * Folds a projection over an engine's whole log (decoded as every reader of the
 * log decodes it): the read models of T9-T11 as a subscriber would have them,
 * checked against what the ticket module really wrote.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DomainEvent } from '../../../src/domain/decider.js';
import type { Engine } from '../../../src/engine.js';
import type { ProjectedEvent, Projection } from '../../../src/projections/projection.js';

export const foldLog = async <S, Ev extends DomainEvent>(engine: Engine, projection: Projection<S, Ev>): Promise<S> => {
  let state = projection.initialState();
  let after = 0;
  for (;;) {
    const page = await engine.store.readAll({ after, maxCount: 1000 });
    if (E.isLeft(page)) throw new Error(JSON.stringify(page.left));
    for (const event of page.right) {
      const decoded = engine.registry.decodeRecorded(event);
      if (E.isLeft(decoded)) throw new Error(JSON.stringify(decoded.left));
      state = projection.apply(state, decoded.right as ProjectedEvent<Ev>);
    }
    if (page.right.length < 1000) return state;
    after = page.right[page.right.length - 1]!.globalPosition;
  }
};
