'use strict';

module.exports = {
  port: process.env.PORT || 3000,
  redis: {
    host: process.env.REDIS_HOST || 'orders-prod.redis.cache.windows.net',
    port: 6380,
    key: process.env.REDIS_KEY,
  },
};
