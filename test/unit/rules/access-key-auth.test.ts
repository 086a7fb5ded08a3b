import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { scanSources } from '../../../src/core/scan/scanner';
import { loadGrammar } from '../../../src/core/scan/syntaxTree/grammars';
import { DEFAULT_SCAN_SETTINGS } from '../../../src/core/findings';
import { NODE_REDIS_IMPORT, IOREDIS_IMPORT, ruleTester } from './ruleTester';
import { RULES } from '../../../src/core/rules';

// These cases scan C# and Java files synchronously: their grammars load first.
before(() => Promise.all([loadGrammar('c-sharp'), loadGrammar('java')]));

const KEY = 'Zm9vYmFyYmF6cXV4c2VjcmV0a2V5MTIzNDU2Nzg5MDE=';

ruleTester('access-key-auth', {
  valid: [
    {
      name: 'commented-out keys in config: XML, a .env URL, .properties, YAML',
      code: {
        '/ws/App.config': '<appSettings>\n  <!-- <add key="RedisCachePassword" value="secretsecretsecretsecret" /> -->\n</appSettings>\n',
        '/ws/.env': '# REDIS_URL=rediss://:k3yk3yk3y@host.example:6380\nREDIS_HOST=old.redis.cache.windows.net\n',
        '/ws/redis.properties': 'host=old.redis.cache.windows.net\n#password=secretsecretsecretsecret\n',
        '/ws/cache.yaml': 'redis:\n  host: old.redis.cache.windows.net\n  # password: secretsecretsecret\n',
      },
    },
    {
      name: 'an Entra ID token passed as password',
      code: NODE_REDIS_IMPORT + "const token = await credential.getToken(scope);\ncreateClient({ url: process.env.REDIS_URL, username: oid, password: token.token });\n",
    },
    { name: 'a user name without a password in a URL', file: '/ws/.env', code: 'REDIS_URL=rediss://appuser@orders.redis.cache.windows.net:6380\n' },
    { name: 'database options with a password', file: '/ws/db.js', code: "const db = { host: process.env.DB_HOST, port: 5432, password: process.env.DB_PASSWORD };\nmodule.exports = db;\n" },
    { name: 'SMTP options', file: '/ws/mail.js', code: "module.exports = { host: 'smtp.sendgrid.net', port: 587, password: process.env.SMTP_PASSWORD };\n" },
    { name: 'local Redis options for tests', file: '/ws/t.js', code: "const redisOptions = { host: '127.0.0.1', port: 6380, password: 'test' };\nmodule.exports = redisOptions;\n" },
    { name: 'password for a local Redis', code: NODE_REDIS_IMPORT + "createClient({ url: 'redis://:devpass@localhost:6379' });\n" },
    { name: 'no password (Entra credentials provider)', code: NODE_REDIS_IMPORT + "createClient({ url: 'rediss://orders.westus2.redis.azure.net:10000', credentialsProvider });\n" },
    { name: 'password undefined', code: IOREDIS_IMPORT + "new Redis({ host: process.env.H, password: undefined, tls: {} });\n" },
    { name: '.env password next to a local host', file: '/ws/.env', code: 'REDIS_HOST=localhost\nREDIS_PASSWORD=devpass\n' },
    { name: 'an unrelated password setting', file: '/ws/.env', code: 'DB_PASSWORD=secret\n' },
  ],
  invalid: [
    {
      name: 'fill-in templates: a placeholder host keeps the key a key (Kubernetes env list, URL placeholders, password-only user info)',
      code: {
        '/ws/pod.yaml': 'env:\n  - name: REDIS_HOSTNAME\n    value: "your redis hostname"\n  - name: REDIS_ACCESSKEY\n    value: "your access key"\n',
        '/ws/application.yml': 'redis:\n  uri: rediss://<REDIS_PASSWORD>@<REDIS_HOST>:6380\n',
        '/ws/app.properties': 'app.redis.url=rediss://${app.redis.password}@${app.redis.host}:6380\n',
      },
      errors: [
        { file: '/ws/app.properties', line: 1, column: 24 },
        { file: '/ws/application.yml', line: 2, column: 17 },
        { file: '/ws/pod.yaml', line: 5, column: 13 },
      ],
    },
    {
      name: 'the accessKey attribute of a Redis session-state provider',
      file: '/ws/Web.config',
      code: '<providers>\n  <add name="S" type="Microsoft.Web.Redis.RedisSessionStateProvider" host="s.redis.cache.windows.net" accessKey="k3yk3yk3yk3y" ssl="true" />\n</providers>\n',
      errors: [{ line: 2, column: 114 }],
    },
    {
      name: 'node-redis 3 with port, host and key all from the environment, and a key spread in only when set',
      code: {
        '/ws/a.js': "const redis = require('redis');\nconst key = process.env.CACHEKEY;\nredis.createClient(process.env.PORT, process.env.HOST, { auth_pass: key });\n",
        '/ws/b.js': "const redis = require('redis');\nconst key = process.env.CACHEKEY;\nredis.createClient(6380, process.env.HOST, { ...(key && { auth_pass: key }) });\n",
      },
      errors: [{ file: '/ws/a.js', line: 3, column: 69 }, { file: '/ws/b.js', line: 3, column: 70 }],
    },
    {
      name: 'a literal key in a config module is reported where it is written; a key from the environment at the option',
      code: {
        '/ws/config/credentials.js': "module.exports = {\n  host: '<name>.redis.cache.windows.net',\n  key: 'primaryKeyValue',\n};\n",
        '/ws/server.js': "var redis = require('redis'), credentials = require('./config/credentials');\nvar client = redis.createClient(6380, credentials.host,\n  { auth_pass: credentials.key, tls: { servername: credentials.host } });\n",
        '/ws/env.js': "var redis = require('redis');\nvar cacheKey = process.env.REDISCACHEKEY;\nvar client = redis.createClient(6380, process.env.REDISCACHEHOSTNAME, { auth_pass: cacheKey });\n",
      },
      errors: [{ file: '/ws/config/credentials.js', line: 3, column: 9 }, { file: '/ws/env.js', line: 3, column: 84 }],
    },
    {
      name: 'password in options from the environment',
      code: NODE_REDIS_IMPORT + "createClient({ url: process.env.REDIS_URL, password: process.env.REDIS_KEY });\n",
      errors: [{ line: 2, column: 54, message: /value hidden/ }],
    },
    {
      name: 'key inside a URL',
      code: IOREDIS_IMPORT + `new Redis('rediss://:${KEY}@orders.redis.cache.windows.net:6380');\n`,
      errors: [{ line: 2, column: 22 }],
    },
    {
      name: 'connection string password and a REDIS_PASSWORD entry',
      code: {
        '/ws/appsettings.json': `{ "Redis": "orders.redis.cache.windows.net:6380,password=${KEY},ssl=True" }\n`,
        '/ws/.env': `REDIS_PASSWORD=${KEY}\n`,
      },
      errors: [
        { file: '/ws/.env', line: 1, column: 16 },
        { file: '/ws/appsettings.json', line: 1, column: 58 },
      ],
    },
    {
      name: 'Python password from the environment is reported over the whole expression',
      file: '/ws/worker.py',
      code: 'import redis\nr = redis.Redis(host=os.environ["REDIS_HOST"], port=10000, ssl=True, password=os.environ["REDIS_KEY"])\n',
      errors: [{ line: 2, column: 79, endColumn: 102 }],
    },
    {
      name: 'ARM template listKeys of a cache',
      file: '/ws/main.json',
      code: `{ "value": "[listKeys(resourceId('Microsoft.Cache/redis', parameters('name')), '2024-03-01').primaryKey]" }\n`,
      errors: [{ line: 1, column: 14 }],
    },
    {
      name: 'node-redis v3 auth_pass with host and key from the environment (Azure sample form)',
      file: '/ws/app.js',
      code:
        "var redis = require('redis');\nvar cacheKey = process.env.REDISCACHEKEY;\n" +
        "var client = redis.createClient(6380, process.env.REDISCACHEHOSTNAME,\n  { auth_pass: cacheKey, tls: { servername: process.env.REDISCACHEHOSTNAME } });\n",
      errors: [{ line: 4, column: 16 }],
    },
    {
      name: 'client.auth(key) on a node-redis v3 client',
      file: '/ws/app.js',
      code: "var redis = require('redis');\nvar client = redis.createClient(6380, 'orders.redis.cache.windows.net');\nclient.auth(process.env.REDIS_KEY);\n",
      errors: [{ line: 3, column: 13 }],
    },
    {
      name: 'key in a template URL held in a variable: reported at the key expression, not at the client',
      code: NODE_REDIS_IMPORT + 'const url = `rediss://:${process.env.REDIS_KEY}@${process.env.REDIS_HOST}:6380`;\ncreateClient({ url });\n',
      errors: [{ line: 2, column: 26 }],
    },
    {
      name: 'BullMQ connection object with an Azure host, never handed to a Redis constructor',
      file: '/ws/queue.js',
      code: "const { Queue } = require('bullmq');\nconst connection = {\n  host: 'jobs.redis.cache.windows.net',\n  port: 6380,\n  password: process.env.REDIS_PASSWORD,\n};\nmodule.exports = new Queue('email', { connection });\n",
      errors: [{ line: 5, column: 13 }],
    },
    {
      name: 'options built by spreading a base object, password from a Redis-named variable',
      code: "const base = { host: process.env.REDIS_HOST, port: 6380 };\nexport const options = { ...base, password: process.env.REDIS_ACCESS_KEY, tls: {} };\n",
      errors: [{ line: 2, column: 45 }],
    },
    {
      name: 'factory function returning Redis options, host unknown',
      file: '/ws/factory.js',
      code: "function redisOptions(env) {\n  return { host: env.REDIS_HOST, port: env.REDIS_PORT, password: env.REDIS_PASSWORD };\n}\nmodule.exports = redisOptions;\n",
      errors: [{ line: 2, column: 66 }],
    },
    {
      name: 'credential variables named for Redis in .env, Kubernetes and compose files, data keys left alone',
      code: {
        '/ws/.env': 'REDISCACHEKEY=cXV4MTIzNDU2Nzg5MGFiY2RlZmZvb2Jhcg==\nCACHE_KEY=products:v2\nREDIS_KEY_PREFIX=orders:\n',
        '/ws/compose.yml': 'services:\n  api:\n    environment:\n      REDIS_HOST: ${REDIS_HOST}\n      CACHE_PASSWORD: "cGFzc3dvcmRwYXNzd29yZA"\n      CACHE_KEY_PREFIX: "api:"\n',
      },
      errors: [
        { file: '/ws/.env', line: 1, column: 15 },
        { file: '/ws/compose.yml', line: 5, column: 24 },
      ],
    },
    {
      name: 'redis-cli -a in a package.json script',
      file: '/ws/package.json',
      code: '{ "scripts": { "ping": "redis-cli -h orders.redis.cache.windows.net -p 6380 -a $REDIS_KEY --tls ping" } }\n',
      errors: [{ line: 1, column: 80 }],
    },
    {
      name: 'Jedis setPassword with a key from the environment',
      file: '/ws/Cache.java',
      code: 'import redis.clients.jedis.JedisShardInfo;\nclass Cache {\n  void connect(JedisShardInfo info) {\n    info.setPassword(System.getenv("REDISCACHEKEY"));\n  }\n}\n',
      errors: [{ line: 4, column: 22 }],
    },
  ],
});

test('access-key-auth never puts the key into a message', () => {
  const result = scanSources(
    [
      { path: '/ws/a.ts', text: IOREDIS_IMPORT + `new Redis('rediss://:${KEY}@orders.redis.cache.windows.net:6380');\n` },
      { path: '/ws/.env', text: `REDIS_PASSWORD=${KEY}\nREDIS_URL=rediss://:${KEY}@x.redis.cache.windows.net:6380\n` },
    ],
    DEFAULT_SCAN_SETTINGS,
    RULES,
  );
  assert.ok(result.findings.length > 3);
  for (const finding of result.findings) assert.ok(!finding.message.includes(KEY.slice(0, 12)), finding.message);
});
