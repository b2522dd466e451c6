/** The shop map contract over the in-memory map. */
import { createInMemoryShopMap } from '../../../src/adapters/sharded/index.js';
import { shopMapContract } from './shopMapContract.js';

shopMapContract('in-memory', async () => createInMemoryShopMap(), async (map) => map);
