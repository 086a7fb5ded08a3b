var redis = require("redis");
var bluebird = require("bluebird");

bluebird.promisifyAll(redis.RedisClient.prototype);

// The cache host name and access key come from the environment.
var cacheHostName = process.env.REDISCACHEHOSTNAME;
var cacheKey = process.env.REDISCACHEKEY;

async function testCache() {
  var client = redis.createClient(6380, cacheHostName,
    { auth_pass: cacheKey, tls: { servername: cacheHostName } });

  console.log("Cache response : " + await client.pingAsync());
  console.log("GET Message: " + await client.getAsync("Message"));
  client.quit();
}

testCache();
