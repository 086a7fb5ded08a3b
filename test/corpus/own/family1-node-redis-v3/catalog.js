var redis = require('redis');
var settings = require('./settings/cacheCredentials');

var client = redis.createClient(settings.port, settings.hostName, {
  auth_pass: settings.accessKey,
  tls: { servername: settings.hostName },
});

module.exports = client;
