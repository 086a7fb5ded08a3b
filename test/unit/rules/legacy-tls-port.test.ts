import { NODE_REDIS_IMPORT, IOREDIS_IMPORT, ruleTester } from './ruleTester';

ruleTester('legacy-tls-port', {
  valid: [
    { name: 'redis-cli against localhost and a docker port map', file: '/ws/package.json', code: '{ "scripts": { "a": "redis-cli -h localhost -p 6380 ping", "b": "docker run -p 6380:6379 redis:7" } }\n' },
    { name: 'localhost on 6380', code: NODE_REDIS_IMPORT + "createClient({ socket: { host: 'localhost', port: 6380, tls: true } });\n" },
    { name: 'a non-Azure host', code: IOREDIS_IMPORT + "new Redis(6380, 'cache.internal.example.com');\n" },
    { name: 'port 10000', code: NODE_REDIS_IMPORT + "createClient({ url: 'rediss://orders.redis.cache.windows.net:10000' });\n" },
    { name: 'client without host defaults to localhost', code: NODE_REDIS_IMPORT + 'createClient({ socket: { port: 6380 } });\n' },
    { name: 'an unrelated 6380 literal', code: "const retries = 6380;\nexport const limit = retries;\n" },
    { name: '.env with a local host', file: '/ws/.env', code: 'REDIS_HOST=localhost\nREDIS_PORT=6380\n' },
    { name: 'compose service host', file: '/ws/compose.yml', code: 'services:\n  api:\n    environment:\n      - REDIS_HOST=redis\n      - REDIS_PORT=6380\n' },
  ],
  invalid: [
    {
      name: 'number literal next to a legacy host (ioredis positional)',
      code: IOREDIS_IMPORT + "new Redis(6380, 'orders.redis.cache.windows.net', { tls: {} });\n",
      errors: [{ line: 2, column: 11, message: /Azure Managed Redis listens on port 10000/ }],
      output: IOREDIS_IMPORT + "new Redis(10000, 'orders.redis.cache.windows.net', { tls: {} });\n",
    },
    {
      name: 'string port in options, host from the environment (unknown)',
      code: NODE_REDIS_IMPORT + "createClient({ socket: { host: process.env.REDIS_HOST, port: '6380', tls: true } });\n",
      errors: [{ line: 2, column: 63 }],
      output: NODE_REDIS_IMPORT + "createClient({ socket: { host: process.env.REDIS_HOST, port: '10000', tls: true } });\n",
    },
    {
      name: 'env-var default through a constant in another file',
      code: {
        '/ws/src/settings.ts': "export const PORT = Number(process.env.REDIS_PORT ?? 6380);\n",
        '/ws/src/client.ts': IOREDIS_IMPORT + "import { PORT } from './settings';\nexport const redis = new Redis({ host: process.env.REDIS_HOST, port: PORT, tls: {} });\n",
      },
      errors: [{ file: '/ws/src/settings.ts', line: 1, column: 54 }],
      output: { '/ws/src/settings.ts': "export const PORT = Number(process.env.REDIS_PORT ?? 10000);\n" },
    },
    {
      name: 'port inside a template URL with an unknown host',
      code: NODE_REDIS_IMPORT + 'const host = process.env.REDIS_HOST;\ncreateClient({ url: `rediss://${host}:6380` });\n',
      errors: [{ line: 3, column: 39 }],
      output: NODE_REDIS_IMPORT + 'const host = process.env.REDIS_HOST;\ncreateClient({ url: `rediss://${host}:10000` });\n',
    },
    {
      name: 'connection string in appsettings.json',
      file: '/ws/appsettings.json',
      code: '{ "Redis": "orders.redis.cache.windows.net:6380,ssl=True,abortConnect=False" }\n',
      errors: [{ line: 1, column: 44 }],
      output: '{ "Redis": "orders.redis.cache.windows.net:10000,ssl=True,abortConnect=False" }\n',
    },
    {
      name: '.env port with no host in the file',
      file: '/ws/.env.production',
      code: 'REDIS_PORT=6380\n',
      errors: [{ line: 1, column: 12 }],
      output: 'REDIS_PORT=10000\n',
    },
    {
      name: 'YAML nested under a redis section and a Spring properties file',
      code: {
        '/ws/application.yml': 'spring:\n  data:\n    redis:\n      host: orders.redis.cache.windows.net\n      port: 6380\n',
        '/ws/application.properties': 'spring.redis.host=orders.redis.cache.windows.net\nspring.redis.port=6380\n',
      },
      errors: [
        { file: '/ws/application.properties', line: 2, column: 19 },
        { file: '/ws/application.yml', line: 5, column: 13 },
      ],
      output: {
        '/ws/application.yml': 'spring:\n  data:\n    redis:\n      host: orders.redis.cache.windows.net\n      port: 10000\n',
        '/ws/application.properties': 'spring.redis.host=orders.redis.cache.windows.net\nspring.redis.port=10000\n',
      },
    },
    {
      name: 'ioredis cluster nodes written as host:port',
      code: "import { Cluster } from 'ioredis';\nnew Cluster(['orders.redis.cache.windows.net:6380'], { redisOptions: { tls: {} } });\n",
      errors: [{ line: 2, column: 46 }],
      output: "import { Cluster } from 'ioredis';\nnew Cluster(['orders.redis.cache.windows.net:10000'], { redisOptions: { tls: {} } });\n",
    },
    {
      name: 'Java and C# positional ports after a legacy host',
      code: {
        '/ws/Cache.java': 'Jedis jedis = new Jedis("orders.redis.cache.windows.net", 6380, true);\n',
        '/ws/Cache.cs': 'options.EndPoints.Add("orders.redis.cache.windows.net", 6380);\n',
      },
      errors: [
        { file: '/ws/Cache.cs', line: 1, column: 57 },
        { file: '/ws/Cache.java', line: 1, column: 59 },
      ],
      output: {
        '/ws/Cache.java': 'Jedis jedis = new Jedis("orders.redis.cache.windows.net", 10000, true);\n',
        '/ws/Cache.cs': 'options.EndPoints.Add("orders.redis.cache.windows.net", 10000);\n',
      },
    },
    {
      name: 'AMR host on the old port',
      code: IOREDIS_IMPORT + "new Redis('rediss://orders.westus2.redis.azure.net:6380');\n",
      errors: [{ line: 2, column: 52 }],
      output: IOREDIS_IMPORT + "new Redis('rediss://orders.westus2.redis.azure.net:10000');\n",
    },
    {
      name: 'node-redis v3 positional port with the host in a variable the scanner cannot read',
      file: '/ws/app.js',
      code: "var redis = require('redis');\nvar host = process.env.REDISCACHEHOSTNAME;\nvar client = redis.createClient(6380, host, { tls: { servername: host } });\n",
      errors: [{ line: 3, column: 33 }],
      output: "var redis = require('redis');\nvar host = process.env.REDISCACHEHOSTNAME;\nvar client = redis.createClient(10000, host, { tls: { servername: host } });\n",
    },
    {
      name: 'port and host from a CommonJS config module property (require(...).redis)',
      code: {
        '/ws/config.js': "module.exports = {\n  redis: { host: process.env.REDIS_HOST || 'orders.redis.cache.windows.net', port: 6380 },\n};\n",
        '/ws/cache.js': "var redis = require('redis');\nvar cfg = require('./config').redis;\nmodule.exports = redis.createClient(cfg.port, cfg.host, { tls: { servername: cfg.host } });\n",
      },
      errors: [{ file: '/ws/config.js', line: 2, column: 84 }],
      output: { '/ws/config.js': "module.exports = {\n  redis: { host: process.env.REDIS_HOST || 'orders.redis.cache.windows.net', port: 10000 },\n};\n" },
    },
    {
      name: 'cache-manager store options (socket form) handed to a store, not to a Redis constructor',
      code: "import { caching } from 'cache-manager';\nimport { redisStore } from 'cache-manager-redis-yet';\nexport const cache = caching(redisStore, { socket: { host: process.env.REDIS_HOST, port: 6380, tls: true } });\n",
      errors: [{ line: 3, column: 90 }],
      output: "import { caching } from 'cache-manager';\nimport { redisStore } from 'cache-manager-redis-yet';\nexport const cache = caching(redisStore, { socket: { host: process.env.REDIS_HOST, port: 10000, tls: true } });\n",
    },
    {
      name: 'URL assembled by concatenation in a small builder function',
      code: "export function redisUrl(host: string, key: string) {\n  return 'rediss://:' + key + '@' + host + ':6380';\n}\n",
      errors: [{ line: 2, column: 46 }],
      output: "export function redisUrl(host: string, key: string) {\n  return 'rediss://:' + key + '@' + host + ':10000';\n}\n",
    },
    {
      name: 'redis-cli command in a package.json script, host from the environment',
      file: '/ws/package.json',
      code: '{ "scripts": { "cache:ping": "redis-cli -h $REDIS_HOST -p 6380 --tls ping" } }\n',
      errors: [{ line: 1, column: 59 }],
      output: '{ "scripts": { "cache:ping": "redis-cli -h $REDIS_HOST -p 10000 --tls ping" } }\n',
    },
    {
      name: 'Java constant SSL_PORT in a file that connects to an Azure host',
      file: '/ws/Cache.java',
      code: 'import redis.clients.jedis.Jedis;\nclass Cache {\n  static final String HOST = "orders.redis.cache.windows.net";\n  static final int SSL_PORT = 6380;\n}\n',
      errors: [{ line: 4, column: 31 }],
      output: 'import redis.clients.jedis.Jedis;\nclass Cache {\n  static final String HOST = "orders.redis.cache.windows.net";\n  static final int SSL_PORT = 10000;\n}\n',
    },
    {
      name: 'a port after a cache name computed at run time, in a C# interpolated string',
      file: '/ws/Hosts.cs',
      code: 'class Hosts {\n  static string Of(string name) => $"{name}.redis.cache.windows.net:6380";\n}\n',
      errors: [{ line: 2, column: 69 }],
      output: 'class Hosts {\n  static string Of(string name) => $"{name}.redis.cache.windows.net:10000";\n}\n',
    },
  ],
});
