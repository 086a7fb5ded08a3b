var redis = require('redis');

var cachePort = process.env.CACHEPORT;
var cacheHost = process.env.CACHEHOST;
var cacheSecret = process.env.CACHESECRET;

var client = redis.createClient(cachePort, cacheHost,
  {
    auth_pass: cacheSecret,
    tls: { servername: cacheHost },
  });

module.exports = client;
