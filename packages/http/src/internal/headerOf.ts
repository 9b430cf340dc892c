import type { HttpRequest } from '../types.js';

/** A request header by its lower-case name: the first value when it was sent more than once. */
export function headerOf(request: HttpRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
