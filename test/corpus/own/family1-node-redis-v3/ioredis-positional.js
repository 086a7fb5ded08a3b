const Redis = require('ioredis');

const redisKey = process.env.AZURE_REDIS_KEY;
const inventoryHost = 'inventory.redis.cache.windows.net';

const redis = new Redis(6380, inventoryHost, {
  password: redisKey,
  tls: { servername: inventoryHost },
});

async function stock(sku) {
  return redis.get(`stock:${sku}`);
}

module.exports = { stock };
