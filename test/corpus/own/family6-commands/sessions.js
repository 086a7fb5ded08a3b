const { createClient } = require('redis');
const NodeCache = require('node-cache');

const client = createClient({ url: process.env.REDIS_URL });
const local = new NodeCache({ stdTTL: 60 });

async function expireAll() {
  const keys = await client.keys('session:*');
  for (const key of keys) await client.del(key);
}

async function listUsers() {
  const found = [];
  for await (const key of client.scanIterator({ MATCH: 'user:*', COUNT: 100 })) {
    found.push(key);
  }
  return found;
}

async function profiles(ids) {
  return client.mGet(ids.map((id) => `profile:${id}`));
}

async function purge(staleKeys) {
  await client.del(...staleKeys);
}

async function cart(userId) {
  const [items, total] = await client.mGet([`{cart:${userId}}:items`, `{cart:${userId}}:total`]);
  await client.del(`session:${userId}`);
  return { items, total, cached: local.mget(['a', 'b']) };
}

module.exports = { expireAll, listUsers, profiles, purge, cart };
