/**
 * The attacks found on the running portal (ACCEPTANCE 42-56, `docs/security.md`), written once
 * and replayed over real sockets through `@monban/express` and `@monban/fastify`: one test per
 * attack, named after its case, doing over HTTP what the attacker did and asserting the refusal.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe } from 'vitest';
import { serveSites } from './attackKit.js';
import { describeEpochAttacks } from './attacksEpoch.js';
import { describeGuessingAttacks } from './attacksGuessing.js';
import { describeInputAttacks } from './attacksInput.js';
import type { StartServer } from './contract.js';

export function describeAttacks(adapter: string, start: StartServer) {
  describe(`attacks on the running portal, replayed over HTTP (${adapter})`, () => {
    const boot = serveSites(start);
    describeEpochAttacks(boot);
    describeGuessingAttacks(boot);
    describeInputAttacks(boot);
  });
}

/** A Node server listening on 127.0.0.1 as a started site, its API mounted at `mount`. */
export async function listening(server: Server, mount: string) {
  if (!server.listening) await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${mount}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
