import type { ThrottlerStorage } from '@nestjs/throttler';
import { describe, expect, it } from 'vitest';

import { FailOpenThrottlerStorage } from './fail-open-throttler.storage.js';

describe(FailOpenThrottlerStorage.name, () => {
  it("passes the store's count through while the store works", async () => {
    const record = { totalHits: 7, timeToExpire: 30, isBlocked: true, timeToBlockExpire: 12 };
    const store: ThrottlerStorage = { increment: () => Promise.resolve(record) };

    expect(await new FailOpenThrottlerStorage(store).increment('k', 60_000, 5, 0, 'default')).toEqual(record);
  });

  it('lets the request through when the store fails', async () => {
    const store: ThrottlerStorage = { increment: () => Promise.reject(new Error('Stream is not writeable')) };
    const record = await new FailOpenThrottlerStorage(store).increment('k', 60_000, 5, 0, 'default');

    expect(record.isBlocked).toBe(false);
    expect(record.totalHits).toBeLessThanOrEqual(5);
  });
});
