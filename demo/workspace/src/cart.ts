import { client } from './redisClient';
import { CART_PREFIX } from './config';

/** Process-local cache in front of Redis; its mget has nothing to do with Redis. */
class MemoryCache {
  private readonly entries = new Map<string, string>();
  mget(keys: string[]): Array<string | undefined> {
    return keys.map((key) => this.entries.get(key));
  }
}
const memory = new MemoryCache();

export async function cartSummary(userId: string) {
  const local = memory.mget([`${CART_PREFIX}:${userId}`, 'totals']);
  // Hash-tagged: both keys live in the user's slot.
  const [items, total] = await client.mGet([`{${CART_PREFIX}:${userId}}:items`, `{${CART_PREFIX}:${userId}}:total`]);
  return { local, items, total };
}

export async function popularItems() {
  return client.mGet(['stats:popular', 'stats:trending']);
}

export async function checkout(userId: string, orderId: string) {
  await client
    .multi()
    .del(`cart:${userId}`)
    .set(`order:${orderId}`, 'pending')
    .exec();
}
