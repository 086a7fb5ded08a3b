const redis = require('redis');

const settings = {
  redisHost: process.env.REDIS_HOST,
  redisPort: process.env.REDIS_PORT || '6380',
};

const client = redis.createClient({
  socket: { host: settings.redisHost, port: settings.redisPort, tls: true },
});

module.exports = client;
