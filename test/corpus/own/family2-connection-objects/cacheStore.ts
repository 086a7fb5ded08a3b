import { caching } from 'cache-manager';
import { redisStore } from 'cache-manager-redis-yet';

export async function createCache() {
  return caching(redisStore, {
    socket: {
      host: 'catalog.redis.cache.windows.net',
      port: 6380,
      tls: true,
    },
    password: process.env.CACHE_PASSWORD,
    ttl: 600 * 1000,
  });
}
