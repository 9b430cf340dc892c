/**
 * Placeholder; replaced by the policy implementation.
 * @packageDocumentation
 */
export const version = '0.0.0';
