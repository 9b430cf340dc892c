/**
 * Node's `crypto` module, reached without a static import (`process.getBuiltinModule`: Node
 * 20.16 and later, Bun, Deno), so the package stays runtime-agnostic: where it is missing
 * (browsers, edge runtimes) callers use WebCrypto. For a short input a WebCrypto digest costs
 * about ten times the CPU of a synchronous one (a job handed to the thread pool and back), and
 * tokens are hashed on every flow step and session use.
 * @module
 */

/** The part of `node:crypto` used here. */
export interface NativeCrypto {
  createHash(algorithm: 'sha256'): { update(data: Uint8Array): { digest(): Uint8Array } };
}

function load(): NativeCrypto | undefined {
  try {
    const runtime = globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } };
    const mod = runtime.process?.getBuiltinModule?.('node:crypto') as NativeCrypto | undefined;
    return typeof mod?.createHash === 'function' ? mod : undefined;
  } catch {
    return undefined;
  }
}

/** `node:crypto` when the runtime has it, else `undefined`. */
export const nativeCrypto: NativeCrypto | undefined = load();
