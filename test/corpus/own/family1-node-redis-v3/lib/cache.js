'use strict';
var redis = require('redis');
var config = require('./config');

var client = redis.createClient(config.redis.port, config.redis.host, {
  auth_pass: config.redis.key,
  tls: { servername: config.redis.host },
});

client.on('error', function (err) {
  console.error('redis error', err);
});

module.exports = client;
