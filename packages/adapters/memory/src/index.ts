/**
 * `@monban/memory`: an in-memory `Storage` adapter for Monban, for testing and development only.
 * @packageDocumentation
 */
export {
  createMemoryStorage,
  type MemoryStorage,
  type MemoryStorageOptions,
} from './createMemoryStorage.js';
