/**
 * `@monban/core/internal`: helpers Monban's own packages share (the factor packages and the HTTP
 * layer). Not a public API: anything here may change in any release, without a changeset entry
 * of its own. Applications and third-party adapters must not import it.
 * @packageDocumentation
 * @internal
 */
export { builtinNodeCrypto } from './nativeCrypto.js';
export { timingSafeEqual } from './secrets.js';
