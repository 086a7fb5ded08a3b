// Connection settings shared by every Redis client of the service.
export const REDIS_HOST = process.env.REDIS_HOST ?? 'orders-prod.redis.cache.windows.net';
export const REDIS_PORT = Number(process.env.REDIS_PORT ?? 6380);
export const REDIS_KEY = process.env.REDIS_ACCESS_KEY;

export const SESSION_URL = process.env.SESSION_REDIS_URL || `redis://orders-sessions.redis.cache.windows.net:6379/2`;

export const CART_PREFIX = 'cart';
