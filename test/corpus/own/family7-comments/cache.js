const Redis = require('ioredis');

// Old cache, kept for reference during the move:
// const host = 'legacy-store.redis.cache.windows.net';
// const password = 'bGVnYWN5a2V5bGVnYWN5a2V5bGVnYWN5a2V5';
// const port = 6380;

const redis = new Redis({
  host: process.env.REDIS_HOST,
  port: 10000,
  // password: process.env.REDIS_PASSWORD,
  tls: {},
});

module.exports = redis;
