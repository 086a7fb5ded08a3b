import { NODE_REDIS_IMPORT, IOREDIS_IMPORT, ruleTester } from './ruleTester';

const NODE_REDIS = `${NODE_REDIS_IMPORT}const client = createClient();\n`;
const IOREDIS = `${IOREDIS_IMPORT}const redis = new Redis();\n`;

ruleTester('multi-key-command', {
  valid: [
    { name: 'keys sharing a hash tag', code: NODE_REDIS + "client.mGet(['{user:1}:name', '{user:1}:email']);\n" },
    { name: 'hash tag built with a template around a known tag', code: NODE_REDIS + 'const id = req.id;\nclient.mGet([`{cart}:${id}`, `{cart}:total`]);\n' },
    { name: 'a single key', code: IOREDIS + "redis.del('a');\n" },
    { name: 'a single unknown key variable', code: IOREDIS + 'export function drop(key: string) { return redis.del(key); }\n' },
    { name: 'an in-memory cache mget', code: "import NodeCache from 'node-cache';\nconst cache = new NodeCache();\ncache.mget(['a', 'b']);\n" },
    { name: 'Map.get and lodash', code: "import _ from 'lodash';\nconst map = new Map();\nmap.get('a');\n_.mget?.(['a', 'b']);\n" },
    { name: 'an untyped parameter named client', code: 'export function f(client: any) { return client.mget(["a", "b"]); }\n' },
    {
      name: 'MGET across slots under the Enterprise policy',
      code: NODE_REDIS + "client.mGet(['a', 'b']);\n",
      settings: { clusterPolicy: 'enterprise' },
    },
    { name: 'anything under the non-clustered policy', code: IOREDIS + "redis.sunion('a', 'b');\n", settings: { clusterPolicy: 'none' } },
    { name: 'a transaction on one key', code: NODE_REDIS + "client.multi().incr('n').expire('n', 60).exec();\n" },
    {
      name: 'a transaction variable on one key; a same-named variable elsewhere does not leak in',
      code:
        NODE_REDIS +
        "async function a() {\n  const tx = client.multi();\n  tx.incr('{o}:n');\n  tx.expire('{o}:n', 60);\n  await tx.exec();\n}\n" +
        "function b(tx: { set(k: string): void }) {\n  tx.set('other');\n}\n",
    },
  ],
  invalid: [
    {
      name: 'node-redis mGet over two slots',
      code: NODE_REDIS + "client.mGet(['user:1', 'user:2']);\n",
      errors: [{ line: 3, column: 8, message: /MGET must touch a single slot under the OSS clustering policy, but 'user:1' \(slot \d+\) and 'user:2' \(slot \d+\) hash to different slots/ }],
    },
    {
      name: 'ioredis variadic del with unknown keys says the slot cannot be known',
      code: IOREDIS + 'export const drop = (a: string, b: string) => redis.del(a, b);\n',
      errors: [{ line: 3, column: 53, message: /cannot be known statically/ }],
    },
    {
      name: 'a spread key list',
      code: IOREDIS + 'export const get = (keys: string[]) => redis.mget(...keys);\n',
      errors: [{ line: 3, column: 46, message: /key list cannot be known statically/ }],
    },
    {
      name: 'set algebra stays single-slot under the Enterprise policy',
      code: NODE_REDIS + "client.sInterStore('dest', ['a', 'b']);\n",
      settings: { clusterPolicy: 'enterprise' },
      errors: [{ line: 3, column: 8, message: /SINTERSTORE must touch a single slot under the Enterprise clustering policy/ }],
    },
    {
      name: 'keys from constants, mSet with an object, rename and blocking pop',
      code:
        IOREDIS +
        "const A = 'orders:a';\nconst B = 'orders:b';\nredis.mset({ [A]: 1, 'orders:b': 2 });\nredis.rename(A, B);\nredis.blpop(A, B, 5);\n",
      errors: [
        { line: 5, column: 7, message: /MSET/ },
        { line: 6, column: 7, message: /RENAME/ },
        { line: 7, column: 7, message: /BLPOP/ },
      ],
    },
    {
      name: 'eval with several keys (both client styles)',
      code:
        NODE_REDIS +
        "client.eval(script, { keys: ['a', 'b'], arguments: ['1'] });\nclass Store { constructor(private redis: Redis) {}\n  run() { return this.redis.eval(script, 2, 'a', 'b', 'x'); } }\n",
      errors: [
        { line: 3, column: 8, message: /EVAL/ },
        { line: 5, column: 29, message: /EVAL/ },
      ],
    },
    {
      name: 'a MULTI chain touching two slots and a raw sendCommand',
      code: NODE_REDIS + "client.multi().set('a', '1').get('b').exec();\nclient.sendCommand(['MGET', 'a', 'b']);\n",
      errors: [
        { line: 3, column: 8, message: /This MULTI transaction/ },
        { line: 4, column: 8, message: /MGET/ },
      ],
    },
    {
      name: 'a transaction variable touching two slots, and a pipeline filled in a loop',
      code:
        IOREDIS +
        "async function save(order: Order) {\n  const tx = redis.multi();\n  tx.set('orders:1', 'x');\n  tx.sadd('customers', '1');\n  await tx.exec();\n}\n" +
        "async function warm(ids: string[]) {\n  const pipeline = redis.pipeline();\n  for (const id of ids) pipeline.get(`item:${id}`);\n  return pipeline.exec();\n}\n",
      errors: [
        { line: 4, column: 20, message: /This MULTI transaction .* 'orders:1' \(slot \d+\) and 'customers'/ },
        { line: 10, column: 26, message: /This pipeline .* key list cannot be known statically/ },
      ],
    },
    {
      name: 'a client imported from a redis module of the scan',
      code: {
        '/ws/src/redis.ts': "import { createClient } from 'redis';\nexport const client = createClient();\n",
        '/ws/src/use.ts': "import { client } from './redis';\nclient.del(['x', 'y']);\n",
      },
      errors: [{ file: '/ws/src/use.ts', line: 2, column: 8 }],
    },
  ],
});
