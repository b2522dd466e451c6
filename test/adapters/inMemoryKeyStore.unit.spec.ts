import { createInMemoryKeyStore } from '../../src/adapters/memory/inMemoryKeyStore.js';
import { keyStoreConformance } from '../conformance/keyStore.conformance.js';

keyStoreConformance({ name: 'in-memory', create: async () => createInMemoryKeyStore() });
