import { NODE_REDIS_IMPORT, IOREDIS_IMPORT, ruleTester } from './ruleTester';

ruleTester('database-select', {
  valid: [
    { name: 'database 0', code: NODE_REDIS_IMPORT + "createClient({ url: 'rediss://orders.redis.cache.windows.net:6380/0' });\n" },
    { name: 'a local database 3', code: IOREDIS_IMPORT + "new Redis({ host: 'localhost', db: 3 });\n" },
    { name: 'select on something that is not Redis', code: "const picker = { select(n: number) { return n; } };\npicker.select(2);\n" },
    { name: 'an unrelated DB setting', file: '/ws/.env', code: 'POSTGRES_DB=2\n' },
  ],
  invalid: [
    {
      name: '/n in a URL',
      code: NODE_REDIS_IMPORT + "createClient({ url: 'rediss://orders.redis.cache.windows.net:6380/2' });\n",
      errors: [{ line: 2, column: 67, message: /Uses database 2/ }],
    },
    {
      name: 'database option with an unknown host, and select(n) on a client',
      code: IOREDIS_IMPORT + "const redis = new Redis({ host: process.env.H, db: 4 });\nawait redis.select(5);\n",
      errors: [
        { line: 2, column: 52 },
        { line: 3, column: 20, message: /SELECT/ },
      ],
    },
    {
      name: 'defaultDatabase in a connection string and REDIS_DB in .env',
      code: {
        '/ws/appsettings.json': '{ "Redis": "orders.redis.cache.windows.net:6380,ssl=True,defaultDatabase=3" }\n',
        '/ws/.env': 'REDIS_DB=1\n',
      },
      errors: [
        { file: '/ws/.env', line: 1, column: 10 },
        { file: '/ws/appsettings.json', line: 1, column: 74 },
      ],
    },
  ],
});
