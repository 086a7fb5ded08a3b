const CACHE_NAME = process.env.CACHE_NAME ?? 'analytics';

export function redisUrl(password: string): string {
  const hostName = CACHE_NAME + '.redis.cache.windows.net';
  return 'rediss://:' + encodeURIComponent(password) + '@' + hostName + ':6380/0';
}

export const localUrl = 'redis://localhost:6379';
