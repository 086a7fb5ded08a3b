const NodeCache = require('node-cache');

const cache = new NodeCache();
const USER_KEY = 'user';
const API_KEY = process.env.API_KEY;

function users(ids) {
  return cache.mget(ids.map((id) => `${USER_KEY}:${id}`));
}

function clear(keys) {
  cache.del(keys);
}

module.exports = { users, clear, API_KEY };
