import { NODE_REDIS_IMPORT, IOREDIS_IMPORT, ruleTester } from './ruleTester';

ruleTester('non-tls-connection', {
  valid: [
    { name: 'redis:// to localhost', code: NODE_REDIS_IMPORT + "createClient({ url: 'redis://localhost:6379' });\n" },
    { name: 'a Spring placeholder named after localhost', file: '/ws/application.properties', code: 'redis.host=${localhost}\nredis.port=6379\n' },
    { name: 'redis:// to 127.0.0.1 in .env', file: '/ws/.env', code: 'REDIS_URL=redis://127.0.0.1:6379/0\n' },
    { name: 'rediss:// on 6379 to a host that may be another provider', code: NODE_REDIS_IMPORT + "createClient({ url: `rediss://${process.env.HOST}:6379` });\n" },
    { name: 'rediss:// to Azure', code: NODE_REDIS_IMPORT + "createClient({ url: 'rediss://orders.redis.cache.windows.net:6380' });\n" },
    {
      name: 'redis:// URL but socket.tls turned on',
      code: NODE_REDIS_IMPORT + "createClient({ url: 'redis://orders.redis.cache.windows.net:6380', socket: { tls: true } });\n",
    },
    {
      name: 'a URL constant read by a client that turns TLS on',
      code: {
        '/ws/src/urls.ts': "export const URL = 'redis://orders.redis.cache.windows.net:6380';\n",
        '/ws/src/c.ts': NODE_REDIS_IMPORT + "import { URL } from './urls';\ncreateClient({ url: URL, socket: { tls: true } });\n",
      },
    },
    { name: 'ssl=True connection string', file: '/ws/appsettings.json', code: '{ "R": "orders.redis.cache.windows.net:6380,ssl=True" }\n' },
    { name: 'tls false to a non-Azure host', code: IOREDIS_IMPORT + "new Redis({ host: 'redis.example.com', tls: false });\n" },
  ],
  invalid: [
    {
      name: 'a placeholder whose default is localhost may still be set to Azure',
      file: '/ws/application.properties',
      code: 'redis.host=${REDIS_HOST:localhost}\nredis.port=6379\n',
      errors: [{ line: 2, column: 12 }],
    },
    {
      name: 'redis:// URL to Azure',
      code: NODE_REDIS_IMPORT + "createClient({ url: 'redis://orders.redis.cache.windows.net:6380' });\n",
      errors: [{ line: 2, column: 22, message: /use 'rediss:\/\/'/ }],
      output: NODE_REDIS_IMPORT + "createClient({ url: 'rediss://orders.redis.cache.windows.net:6380' });\n",
    },
    {
      name: 'redis:// URL from the environment default',
      code: IOREDIS_IMPORT + "const redis = new Redis(process.env.REDIS_URL || 'redis://orders.redis.cache.windows.net:6380');\n",
      errors: [{ line: 2, column: 51 }],
      output: IOREDIS_IMPORT + "const redis = new Redis(process.env.REDIS_URL || 'rediss://orders.redis.cache.windows.net:6380');\n",
    },
    {
      name: 'socket.tls false with an unknown host',
      code: NODE_REDIS_IMPORT + 'createClient({ socket: { host: process.env.H, port: 10000, tls: false } });\n',
      errors: [{ line: 2, column: 65, message: /TLS is turned off/ }],
      output: NODE_REDIS_IMPORT + 'createClient({ socket: { host: process.env.H, port: 10000, tls: true } });\n',
    },
    {
      name: 'ssl=False in a connection string keeps its case when fixed',
      file: '/ws/appsettings.json',
      code: '{ "R": "orders.redis.cache.windows.net:6380,password=k,ssl=False" }\n',
      errors: [{ line: 1, column: 60 }],
      output: '{ "R": "orders.redis.cache.windows.net:6380,password=k,ssl=True" }\n',
    },
    {
      name: "rediss:// on port 6379 to an Azure host (what the scheme fix leaves) gets port 10000",
      code: NODE_REDIS_IMPORT + "createClient({ url: 'rediss://orders.redis.cache.windows.net:6379' });\n",
      errors: [{ line: 2, column: 62, message: /Port 6379 is the plaintext/ }],
      output: NODE_REDIS_IMPORT + "createClient({ url: 'rediss://orders.redis.cache.windows.net:10000' });\n",
    },
    {
      name: 'plaintext port 6379 to Azure (no safe single edit)',
      code: IOREDIS_IMPORT + "new Redis(6379, 'orders.redis.cache.windows.net');\n",
      errors: [{ line: 2, column: 11, message: /Port 6379 is the plaintext/ }],
    },
    {
      name: 'ARM enableNonSslPort and a REDIS_TLS=false setting',
      code: {
        '/ws/azuredeploy.json': '{ "properties": { "enableNonSslPort": true, "minimumTlsVersion": "1.2" } }\n',
        '/ws/.env': 'REDIS_TLS=false\n',
      },
      errors: [
        { file: '/ws/.env', line: 1, column: 11 },
        { file: '/ws/azuredeploy.json', line: 1, column: 39 },
      ],
      output: {
        '/ws/azuredeploy.json': '{ "properties": { "enableNonSslPort": false, "minimumTlsVersion": "1.2" } }\n',
        '/ws/.env': 'REDIS_TLS=true\n',
      },
    },
    {
      name: 'Spring Boot ssl.enabled=false',
      file: '/ws/application.properties',
      code: 'spring.data.redis.host=${REDIS_HOST}\nspring.data.redis.ssl.enabled=false\n',
      errors: [{ line: 2, column: 31 }],
      output: 'spring.data.redis.host=${REDIS_HOST}\nspring.data.redis.ssl.enabled=true\n',
    },
    {
      name: 'Python ssl=False near a Redis constructor',
      file: '/ws/cache.py',
      code: 'import redis\nr = redis.Redis(host=os.environ["REDIS_HOST"], port=10000, ssl=False)\n',
      errors: [{ line: 2, column: 64 }],
      output: 'import redis\nr = redis.Redis(host=os.environ["REDIS_HOST"], port=10000, ssl=True)\n',
    },
  ],
});
