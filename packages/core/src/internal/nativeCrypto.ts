/**
 * Node's `crypto` module, reached without a static import (`process.getBuiltinModule`: Node
 * 20.16 and later, Bun, Deno), so the packages stay runtime-agnostic: where it is missing
 * (browsers, edge runtimes) callers use WebCrypto. For a short input a WebCrypto digest costs
 * about ten times the CPU of a synchronous one (a job handed to the thread pool and back), and
 * tokens are hashed on every flow step and session use.
 * @module
 */

/**
 * `node:crypto` when the runtime offers it through `process.getBuiltinModule` (Node 20.16+,
 * Bun, Deno) and it has the function `needed`, else `undefined`: the factor and HTTP packages
 * use it for synchronous hashing on hot paths and fall back to WebCrypto. Never a static import,
 * so packages that call it stay runtime-agnostic.
 *
 * @example
 * ```ts
 * const native = builtinNodeCrypto<{ createHash(a: 'sha256'): { update(d: Uint8Array): { digest(): Uint8Array } } }>('createHash');
 * const digest = native?.createHash('sha256').update(bytes).digest();
 * ```
 */
export function builtinNodeCrypto<T>(needed: keyof T & string): T | undefined {
  try {
    const runtime = globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } };
    const mod = runtime.process?.getBuiltinModule?.('node:crypto') as T | undefined;
    return typeof (mod as Record<string, unknown> | undefined)?.[needed] === 'function'
      ? mod
      : undefined;
  } catch {
    return undefined;
  }
}

/** The part of `node:crypto` used here. */
export interface NativeCrypto {
  createHash(algorithm: 'sha256'): {
    update(data: string, encoding: 'utf8'): { digest(encoding: 'base64url'): string };
  };
  /** One-shot digest (Node 20.12+): a third of `createHash`'s cost for a short input. */
  hash?(algorithm: 'sha256', data: string, encoding: 'base64url'): string;
}

/** `node:crypto` when the runtime has it, else `undefined`. */
export const nativeCrypto: NativeCrypto | undefined = builtinNodeCrypto<NativeCrypto>('createHash');
