const Redis = require('ioredis');

const CART_KEY = 'cart:';
const SESSION_KEY_PREFIX = process.env.SESSION_KEY_PREFIX || 'sess:';

const cache = new Redis({
  host: process.env.REDIS_HOST,
  port: Number(process.env.REDIS_PORT),
  password: process.env.REDISCACHEKEY,
  tls: { servername: process.env.REDIS_HOST },
});

async function cart(userId) {
  return cache.get(CART_KEY + userId);
}

module.exports = { cache, cart, SESSION_KEY_PREFIX };
