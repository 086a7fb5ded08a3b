var redis = require('redis');
var redisConfig = require('./config').redis;

var sessionClient = redis.createClient(redisConfig.port, redisConfig.host, {
  auth_pass: redisConfig.key,
  tls: { servername: redisConfig.host }
});

module.exports = sessionClient;
