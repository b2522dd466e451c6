import type { BaseMode } from '../model.js';
import { leastLoad } from './leastLoad.js';
import { random } from './random.js';
import { roundRobin } from './roundRobin.js';
import type { Strategy } from './strategy.js';
import { weighted } from './weighted.js';

export const strategyFor = (mode: BaseMode): Strategy => {
  switch (mode) {
    case 'least-load':
      return leastLoad;
    case 'round-robin':
      return roundRobin;
    case 'weighted':
      return weighted;
    case 'random':
      return random;
  }
};
