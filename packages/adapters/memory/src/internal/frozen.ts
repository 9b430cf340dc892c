/**
 * A deep, frozen copy of JSON data being stored: the store keeps its own objects, which nobody
 * can change, and reads hand them out as they are (no copy per read: who-am-I reads a session
 * and an account on every request). A caller that tries to modify a returned record gets a
 * `TypeError` instead of silently changing the store. An own `__proto__` key stays an own
 * property.
 */
export function frozen<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozen)) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = frozen((value as Record<string, unknown>)[key]);
    if (key === '__proto__') {
      Object.defineProperty(out, key, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      out[key] = item;
    }
  }
  return Object.freeze(out) as T;
}
