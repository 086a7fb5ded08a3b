import redis.clients.jedis.Jedis;

class ProviderCache {
    Jedis open() {
        Jedis jedis = new Jedis("cache-1.c240.us-east-1-3.ec2.cloud.redislabs.com", 19321);
        jedis.auth("not-an-azure-key");
        return jedis;
    }
}
