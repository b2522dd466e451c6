// The README's example of a new routing property, run as a test: the lines between the markers are the
// README's text, word for word. Below them, a check that the property can fail.
// README:start
import { canAutoTake } from 'kefu';
import { checkRoutingProperty, routingOperations, type RoutingStep } from 'kefu/testing';
import { it } from 'vitest';

const ratio = (a: { load: number; maxSessions: number }) => a.load / a.maxSessions;
// R2: least load gives each new session to an agent with the smallest load ratio among those who can take it.
const leastLoadPicksTheLightest = ({ before, events }: RoutingStep) =>
  events.every((e) => e.type !== 'SessionAssigned' || e.data.via !== 'base-mode' ||
    ratio(before.agents.get(e.data.agentId)!) <= Math.min(...[...before.agents.values()].filter((a) => canAutoTake(a, before.settings.adminsExcluded)).map(ratio)));

it('R2: least load picks the lightest agent', () =>
  checkRoutingProperty(routingOperations({ without: ['configure'] }), leastLoadPicksTheLightest, { settings: { baseMode: 'least-load' } }));
// README:end

import { rejects } from 'node:assert/strict';

it('R2: the same property fails where it should: round robin ignores load', async () => {
  const underRoundRobin = checkRoutingProperty(routingOperations({ without: ['configure'], maxLength: 60 }), leastLoadPicksTheLightest, { settings: { baseMode: 'round-robin' }, numRuns: 60, fcSeed: 19 });
  await rejects(underRoundRobin, /the property answered false/);
}, 30_000);
