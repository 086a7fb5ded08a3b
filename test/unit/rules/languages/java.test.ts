import { ruleTester } from '../ruleTester';

/** All eight rules on Java (Jedis, Lettuce, Spring), one table per rule, read through the Java syntax tree. */
const FILE = '/ws/Cache.java';
const HOST = 'orders.redis.cache.windows.net';
const wrap = (body: string) => `import redis.clients.jedis.*;\nclass Cache {\n  void m() {\n${body}  }\n}\n`;

ruleTester('legacy-hostname', {
  valid: [{ name: 'AMR host', file: FILE, code: wrap('    Jedis j = new Jedis("orders.westus2.redis.azure.net", 10000, true);\n') }],
  invalid: [
    {
      name: 'static final constant used by Jedis, fixed through the host map',
      file: FILE,
      code: `class Cache {\n  static final String HOST = "${HOST}";\n  Jedis j = new Jedis(HOST, 10000, true);\n}\n`,
      settings: { hostMap: { [HOST]: 'orders.westus2.redis.azure.net' } },
      errors: [{ line: 2, column: 31 }],
      output: 'class Cache {\n  static final String HOST = "orders.westus2.redis.azure.net";\n  Jedis j = new Jedis(HOST, 10000, true);\n}\n',
    },
    {
      name: 'Lettuce RedisURI builder withHost, and System.getenv with a default',
      file: FILE,
      code: wrap(`    String host = System.getenv().getOrDefault("REDIS_HOST", "${HOST}");\n    RedisURI uri = RedisURI.builder().withHost(host).withPort(10000).withSsl(true).build();\n`),
      errors: [{ line: 4, column: 63 }],
    },
  ],
});

ruleTester('legacy-tls-port', {
  valid: [
    { name: 'localhost Jedis on 6380', file: FILE, code: wrap('    Jedis j = new Jedis("localhost", 6380);\n') },
    { name: 'commented-out construction', file: FILE, code: wrap(`    // Jedis j = new Jedis("x", 6380, true);\n`) },
  ],
  invalid: [
    {
      name: 'Spring @Value default and a RedisURI port',
      file: FILE,
      code: 'class Cache {\n  @Value("${spring.redis.port:6380}") private int port;\n  RedisURI uri = RedisURI.builder().withHost(System.getenv("H")).withPort(6380).withSsl(true).build();\n}\n',
      errors: [{ line: 2, column: 31 }, { line: 3, column: 75 }],
      output: 'class Cache {\n  @Value("${spring.redis.port:10000}") private int port;\n  RedisURI uri = RedisURI.builder().withHost(System.getenv("H")).withPort(10000).withSsl(true).build();\n}\n',
    },
    {
      name: 'Spring Data RedisStandaloneConfiguration(host, port)',
      file: FILE,
      code: `class Cache {\n  RedisStandaloneConfiguration config = new RedisStandaloneConfiguration(\n      "${HOST}", 6380);\n}\n`,
      errors: [{ line: 3, column: 41 }],
      output: `class Cache {\n  RedisStandaloneConfiguration config = new RedisStandaloneConfiguration(\n      "${HOST}", 10000);\n}\n`,
    },
    {
      name: 'JedisShardInfo with host and port constants',
      file: FILE,
      code: `class Cache {\n  private static final String HOST_NAME = "${HOST}";\n  private static final int SSL_PORT = 6380;\n  JedisShardInfo info = new JedisShardInfo(HOST_NAME, SSL_PORT, true);\n}\n`,
      errors: [{ line: 3, column: 39 }],
      output: `class Cache {\n  private static final String HOST_NAME = "${HOST}";\n  private static final int SSL_PORT = 10000;\n  JedisShardInfo info = new JedisShardInfo(HOST_NAME, SSL_PORT, true);\n}\n`,
    },
  ],
});

const sslSwitch = (useSsl: string) =>
  `class Cache {\n  static final String HOST = "${HOST}";\n  static final int SSL_PORT = 6380;\n  static final int NON_SSL_PORT = 6379;\n` +
  `  static final boolean USE_SSL = ${useSsl};\n  static int port() { return USE_SSL ? SSL_PORT : NON_SSL_PORT; }\n}\n`;

/**
 * The cluster fix of `var c = RedisClient.create(<uri>)` in method m of class Cache, after the lines `before`: a
 * RedisClusterClient whose node addresses map to the host, for TLS.
 */
const lettuceMapped = (before: string, uri: string) => ({
  title: /RedisClusterClient, node addresses mapped to the host name for TLS\)$/,
  preferred: false,
  output: 'import io.lettuce.core.cluster.RedisClusterClient;\nimport io.lettuce.core.resource.DefaultClientResources;\n' +
    'import io.lettuce.core.resource.MappingSocketAddressResolver;\nimport io.lettuce.core.resource.DnsResolvers;\n\n' +
    `class Cache {\n  void m() {\n${before}    var c = RedisClusterClient.create(` +
    'DefaultClientResources.builder().socketAddressResolver(MappingSocketAddressResolver.create(DnsResolvers.UNRESOLVED, ' +
    `node -> io.lettuce.core.internal.HostAndPort.of("${HOST}", node.getPort()))).build(), ${uri});\n  }\n}\n`,
});

ruleTester('non-tls-connection', {
  valid: [
    { name: 'ssl true', file: FILE, code: wrap(`    Jedis j = new Jedis("${HOST}", 10000, true);\n`) },
    { name: 'the plaintext port a TLS switch falls back to', file: FILE, code: sslSwitch('true') },
    { name: 'the plaintext port under a switch set at run time', file: FILE, code: sslSwitch('Boolean.getBoolean("ssl")') },
    { name: 'no ssl argument to a local host', file: FILE, code: wrap('    Jedis j = new Jedis("localhost", 6379);\n') },
    { name: 'a Lettuce builder with withSsl(true)', file: FILE, code: wrap(`    RedisURI u = RedisURI.builder().withHost("${HOST}").withPort(10000).withSsl(true).build();\n`) },
  ],
  invalid: [
    {
      name: 'the plaintext port picked by a TLS switch written false',
      file: FILE,
      code: sslSwitch('false'),
      errors: [{ line: 4, column: 35 }],
    },
    {
      name: 'Jedis ssl false and a redis:// URL in RedisClient.create',
      file: FILE,
      code: wrap(`    Jedis j = new Jedis("${HOST}", 10000, false);\n    RedisClient c = RedisClient.create("redis://${HOST}:10000");\n`),
      errors: [{ line: 4, column: 66 }, { line: 5, column: 41 }],
      output: wrap(`    Jedis j = new Jedis("${HOST}", 10000, true);\n    RedisClient c = RedisClient.create("rediss://${HOST}:10000");\n`),
    },
    {
      name: 'DefaultJedisClientConfig ssl(false)',
      file: FILE,
      code: wrap('    JedisClientConfig config = DefaultJedisClientConfig.builder().ssl(false).build();\n'),
      errors: [{ line: 4, column: 71 }],
      output: wrap('    JedisClientConfig config = DefaultJedisClientConfig.builder().ssl(true).build();\n'),
    },
    {
      name: 'Jedis and JedisPool on an Azure host or port 6380 without an ssl argument: TLS is never turned on',
      file: FILE,
      code: wrap(`    Jedis j = new Jedis("${HOST}", 10000);\n    JedisPool p = new JedisPool(poolConfig, host, 6380);\n`),
      errors: [{ line: 4, column: 15, message: /TLS is not turned on/ }, { line: 5, column: 19 }],
      output: wrap(`    Jedis j = new Jedis("${HOST}", 10000, true);\n    JedisPool p = new JedisPool(poolConfig, host, 6380, true);\n`),
    },
    {
      name: 'a Lettuce RedisURI builder without withSsl',
      file: FILE,
      code: wrap(`    RedisURI u = RedisURI.builder().withHost("${HOST}").withPort(10000).build();\n`),
      errors: [{ line: 4, column: 18 }],
      output: wrap(`    RedisURI u = RedisURI.builder().withHost("${HOST}").withPort(10000).withSsl(true).build();\n`),
    },
  ],
});

ruleTester('access-key-auth', {
  valid: [
    { name: 'no password', file: FILE, code: wrap(`    Jedis j = new Jedis("${HOST}", 10000, true);\n`) },
    {
      name: 'auth() on a client of another provider',
      file: FILE,
      code: wrap('    Jedis jedis = new Jedis("redis-1.c240.us-east-1-3.ec2.cloud.redislabs.com", 19321);\n    jedis.auth("k3yValue");\n'),
    },
  ],
  invalid: [
    {
      name: 'auth, builder password and JedisPool password',
      file: FILE,
      code: wrap(
        '    jedis.auth(System.getenv("REDIS_KEY"));\n' +
        '    JedisClientConfig c = DefaultJedisClientConfig.builder().password(key).ssl(true).build();\n' +
        `    JedisPool pool = new JedisPool(new JedisPoolConfig(), "${HOST}", 10000, 2000, key, true);\n`,
      ),
      errors: [{ line: 4, column: 16 }, { line: 5, column: 71 }, { line: 6, column: 106 }],
    },
    {
      name: 'Lettuce withPassword',
      file: FILE,
      code: wrap(`    RedisURI uri = RedisURI.Builder.redis("${HOST}", 10000).withSsl(true).withPassword(key.toCharArray()).build();\n`),
      errors: [{ line: 4, column: 111 }],
    },
    {
      name: 'a key constant is reported where the key is written, not where the builder passes it',
      file: FILE,
      code: `class Cache {\n  private static final String PASSWORD = "k3yValue";\n  RedisURI uri = RedisURI.Builder.redis("${HOST}").withPassword(PASSWORD).withSsl(true).withPort(10000).build();\n}\n`,
      errors: [{ line: 2, column: 43 }],
    },
    {
      name: 'a settings class that clients elsewhere read: its key constant beside an Azure host, not a database password',
      file: FILE,
      code: `public final class RedisSettings {\n  public static final String HOST_NAME = "${HOST}";\n  public static final String PASSWORD = "k3yValue";\n  public static final String DB_PASSWORD = "sql";\n}\n`,
      errors: [{ line: 3, column: 42 }],
    },
    ...[
      { form: 'REDIS_KEY, a comment before its =', declaration: 'REDIS_KEY /* primary */ = "k3y";', column: 57 },
      { form: 'accessKey', declaration: 'accessKey= "k3y";', column: 42 },
      { form: 'CACHE_PASSWD', declaration: 'CACHE_PASSWD = "k3y";', column: 46 },
      { form: 'redisPassword, its value on the next line', declaration: 'redisPassword\n    = "k3y";', column: 8, line: 4 },
    ].map(({ form, declaration, column, line = 3 }) => ({
      name: `a settings class's key constant named ${form}`,
      file: FILE,
      code: `public final class RedisSettings {\n  public static final String HOST_NAME = "${HOST}";\n  public static final String ${declaration}\n}\n`,
      errors: [{ line, column }],
    })),
    {
      name: 'JedisPool with connection and socket timeouts before the key constant',
      file: FILE,
      code:
        `class Cache {\n  private static final String PASSWORD = "k3yValue";\n  private static final int OPERATION_TIMEOUT = 1000;\n` +
        `  JedisPool pool = new JedisPool(config, "${HOST}", 10000, 5000, OPERATION_TIMEOUT, PASSWORD, 0, "client1", true, null, null, null);\n}\n`,
      errors: [{ line: 2, column: 43 }],
    },
    {
      name: 'JedisPooled(host, port, user, key) and a pool given a user before the key: the key is reported, not the user',
      file: FILE,
      code: wrap(
        `    JedisPooled a = new JedisPooled("${HOST}", 10000, "app", key);\n` +
        `    JedisPooled b = new JedisPooled(poolConfig, "${HOST}", 10000, 2000, "app", key, true);\n`,
      ),
      errors: [{ line: 4, column: 85 }, { line: 5, column: 103 }],
    },
  ],
});

ruleTester('multi-key-command', {
  valid: [
    { name: 'hash-tagged keys', file: FILE, code: wrap('    jedis.mget("{u1}:a", "{u1}:b");\n') },
    { name: 'one key', file: FILE, code: wrap('    jedis.del(key);\n') },
  ],
  invalid: [
    {
      name: 'mget, del varargs, rename, eval with two keys',
      file: FILE,
      code: wrap('    jedis.mget("a", "b");\n    jedis.del("a", "user:" + id);\n    jedis.rename("old", "new");\n    jedis.eval(script, 2, "a", "b", "arg");\n'),
      errors: [{ line: 4, column: 5 }, { line: 5, column: 5 }, { line: 6, column: 5 }, { line: 7, column: 5 }],
    },
    {
      name: 'Jedis transaction touching two keys; KEYS',
      file: FILE,
      code: wrap('    Transaction t = jedis.multi();\n    t.set("a", "1");\n    t.set("b", "2");\n    t.exec();\n    Set<String> all = jedis.keys("user:*");\n'),
      errors: [{ line: 4, column: 21 }, { line: 8, column: 23 }],
    },
  ],
});

ruleTester('keyspace-notifications', {
  valid: [{ name: 'plain channel', file: FILE, code: wrap('    jedis.subscribe(listener, "orders");\n') }],
  invalid: [
    {
      name: 'psubscribe to keyspace events and configSet',
      file: FILE,
      code: wrap('    jedis.configSet("notify-keyspace-events", "KEA");\n    jedis.psubscribe(listener, "__keyevent@0__:expired");\n'),
      errors: [{ line: 4, column: 22 }, { line: 5, column: 33 }],
    },
  ],
});

ruleTester('database-select', {
  valid: [{ name: 'select(0)', file: FILE, code: wrap('    jedis.select(0);\n') }],
  invalid: [
    {
      name: 'select(1), withDatabase(2) and a database in a Lettuce URL',
      file: FILE,
      code: wrap(`    jedis.select(1);\n    RedisURI u = RedisURI.builder().withHost("${HOST}").withDatabase(2).build();\n    RedisClient c = RedisClient.create("rediss://${HOST}:10000/3");\n`),
      errors: [{ line: 4, column: 18 }, { line: 5, column: 93 }, { line: 6, column: 87 }],
    },
  ],
});

ruleTester('non-cluster-client', {
  valid: [
    { name: 'JedisCluster and RedisClusterClient', file: FILE, code: wrap(`    JedisCluster c = new JedisCluster(new HostAndPort("${HOST}", 10000));\n    RedisClusterClient l = RedisClusterClient.create("rediss://${HOST}:10000");\n`) },
    { name: 'Enterprise policy', file: FILE, settings: { clusterPolicy: 'enterprise' }, code: wrap(`    Jedis j = new Jedis("${HOST}", 10000, true);\n`) },
    { name: 'local Jedis', file: FILE, code: wrap('    Jedis j = new Jedis("localhost", 6379);\n') },
  ],
  invalid: [
    {
      name: 'Jedis, JedisPooled and RedisClient.create',
      file: FILE,
      code: wrap(`    Jedis j = new Jedis("${HOST}", 10000, true);\n    JedisPooled p = new JedisPooled(new HostAndPort("${HOST}", 10000), config);\n    RedisClient c = RedisClient.create("rediss://${HOST}:10000");\n`),
      errors: [{ line: 4, column: 15 }, { line: 5, column: 21 }, { line: 6, column: 21 }],
    },
    {
      name: 'a Jedis on a plaintext port becomes a JedisCluster with its declared type; a rediss:// Lettuce client maps nodes to the host',
      file: FILE,
      code: `class Cache {\n  void m() {\n    Jedis j = new Jedis("${HOST}", 6379);\n    j.set("a", "b");\n    var c = RedisClient.create("rediss://${HOST}:10000");\n  }\n}\n`,
      errors: [
        {
          line: 3,
          column: 15,
          fixes: [{
            title: /JedisCluster\)$/,
            preferred: false,
            output: `import redis.clients.jedis.JedisCluster;\nimport redis.clients.jedis.HostAndPort;\n\nclass Cache {\n  void m() {\n    JedisCluster j = new JedisCluster(new HostAndPort("${HOST}", 6379));\n    j.set("a", "b");\n    var c = RedisClient.create("rediss://${HOST}:10000");\n  }\n}\n`,
          }],
        },
        {
          line: 5,
          column: 13,
          fixes: [lettuceMapped(`    Jedis j = new Jedis("${HOST}", 6379);\n    j.set("a", "b");\n`, `"rediss://${HOST}:10000"`)],
        },
      ],
    },
    {
      name: 'a Lettuce builder that leaves TLS off by omission still maps nodes to the host: the TLS fix turns it on',
      file: FILE,
      code: `class Cache {\n  void m() {\n    var c = RedisClient.create(RedisURI.builder().withHost("${HOST}").withPort(10000).build());\n  }\n}\n`,
      errors: [{
        line: 3,
        column: 13,
        fixes: [lettuceMapped('', `RedisURI.builder().withHost("${HOST}").withPort(10000).build()`)],
      }],
    },
    {
      name: 'no fix where the client type would ripple: returned, pooled, passed on, or SELECT on it',
      file: FILE,
      code: wrap(`    JedisPool pool = new JedisPool("${HOST}", 10000);\n    use(new Jedis("${HOST}", 10000, true));\n    Jedis s = new Jedis("${HOST}", 10000, true);\n    s.select(0);\n`) +
        `class Factory {\n  RedisClient make() {\n    return RedisClient.create("rediss://${HOST}:10000");\n  }\n}\n`,
      errors: [
        { line: 4, column: 22, message: /No automatic fix: a JedisPool lends single-node Jedis connections/, fixes: [] },
        { line: 5, column: 9, message: /No automatic fix: the Jedis is passed as an argument/, fixes: [] },
        { line: 6, column: 15, message: /No automatic fix: select\(\) of the Jedis has no counterpart on JedisCluster/, fixes: [] },
        { line: 12, column: 12, message: /No automatic fix: the RedisClient is returned/, fixes: [] },
      ],
    },
  ],
});
