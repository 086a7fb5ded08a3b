const { createClient } = require('redis');
const Keyv = require('keyv');

const host = process.env.REDIS_HOST;
const key = process.env.REDIS_KEY;

const templateUrl = `rediss://:${key}@${host}:6380`;

function buildRedisUrl(cacheHost, accessKey) {
  return 'rediss://:' + accessKey + '@' + cacheHost + ':6380';
}

const client = createClient({ url: templateUrl });
const keyv = new Keyv('redis://:' + process.env.SESSIONS_KEY + '@sessions.redis.cache.windows.net:6379');

module.exports = { client, keyv, other: createClient({ url: buildRedisUrl(host, key) }) };
