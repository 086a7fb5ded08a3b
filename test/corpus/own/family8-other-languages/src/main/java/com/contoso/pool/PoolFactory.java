package com.contoso.pool;

import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

public final class PoolFactory {
    private static final String HOST_NAME = "inventory.redis.cache.windows.net";
    private static final String ACCESS_KEY = "c2VjcmV0LWtleS1mb3ItdGhlLWNhY2hlLTAwMQ==";
    private static final int TLS_PORT = 6380;
    private static final int PLAIN_PORT = 6379;
    private static final boolean USE_TLS = true;
    private static final int CONNECT_TIMEOUT = 5000;
    private static final int READ_TIMEOUT = 1000;

    private PoolFactory() {}

    static int port(boolean tls) {
        return tls ? TLS_PORT : PLAIN_PORT;
    }

    public static JedisPool create() {
        return new JedisPool(new JedisPoolConfig(), HOST_NAME, port(USE_TLS), CONNECT_TIMEOUT, READ_TIMEOUT, ACCESS_KEY, 0, "inventory", USE_TLS, null, null, null);
    }
}
