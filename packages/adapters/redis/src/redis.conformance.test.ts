import { createCompositeStorage } from '@monban/core/ports';
import { createMemoryStorage } from '@monban/memory';
import { describeStorageConformance } from '@monban/test-utils';
import { describe, it } from 'vitest';
import { createRedisStores } from './createRedisStores.js';
import { deletePrefix, openClient, redisUrl, testPrefix } from './internal/testing/services.js';

const url = redisUrl();

if (url) {
  // Sessions, tokens and counters on Redis; accounts, credentials, flows and transactions on the
  // memory adapter (the suite's durable tests need one transactional backend). The same
  // composite on PostgreSQL runs in @monban/postgres' tests through createCompositeStorage.
  describeStorageConformance('Redis (sessions, tokens, counters) + memory', async () => {
    const client = await openClient(url);
    const prefix = testPrefix('conformance');
    const durable = createMemoryStorage();
    const storage = createCompositeStorage({
      durable,
      shortLived: createRedisStores({ client, prefix }),
    });
    let down = false;
    return {
      storage,
      makeUnavailable: async () => {
        down = true;
        durable.setUnavailable(true);
        client.disconnect(); // Redis really unreachable: no offline queue, commands reject
      },
      cleanup: async () => {
        if (down) return;
        await deletePrefix(client, prefix);
        client.disconnect();
      },
    };
  });
} else {
  describe('Storage conformance: Redis', () => {
    it.skip('needs REDIS_URL (set MONBAN_REQUIRE_SERVICES to make this an error)', () => {});
  });
}
