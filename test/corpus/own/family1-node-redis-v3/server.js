var express = require('express');
var redis = require('redis');
var app = express();

var client;
if (process.env.NODE_ENV === 'production') {
  var redisPort = 6380;
  var redisHost = 'shop-sessions.redis.cache.windows.net';
  client = redis.createClient(redisPort, redisHost, {
    auth_pass: process.env.REDIS_PASSWORD,
    tls: { servername: redisHost }
  });
} else {
  client = redis.createClient();
}

function connectBilling() {
  var billing = redis.createClient(6380, 'billing.redis.cache.windows.net', {
    tls: { servername: 'billing.redis.cache.windows.net' }
  });
  billing.auth(process.env.BILLING_REDIS_KEY);
  return billing;
}

var payments = redis.createClient('rediss://payments.redis.cache.windows.net:6380', { auth_pass: process.env.PAYMENTS_KEY });

app.get('/', function (req, res) {
  client.incr('hits', function (err, hits) {
    res.send('hits: ' + hits);
  });
});

module.exports = { app: app, connectBilling: connectBilling, payments: payments };
