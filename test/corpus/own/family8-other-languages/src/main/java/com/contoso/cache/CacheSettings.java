package com.contoso.cache;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisShardInfo;

public class CacheSettings {
    private static final String HOST_NAME = "contoso-cache.redis.cache.windows.net";
    private static final int SSL_PORT = 6380;
    private static final String CACHE_KEY_PREFIX = "contoso:";

    public static Jedis connect() {
        JedisShardInfo shardInfo = new JedisShardInfo(HOST_NAME, SSL_PORT, true);
        shardInfo.setPassword(System.getenv("REDISCACHEKEY"));
        return new Jedis(shardInfo);
    }
}
