import { NODE_REDIS_IMPORT, IOREDIS_IMPORT, ruleTester } from './ruleTester';

const NODE_REDIS = `${NODE_REDIS_IMPORT}const client = createClient();\n`;
const IOREDIS = `${IOREDIS_IMPORT}const redis = new Redis();\n`;
const SUM = '.then((counts) => counts.reduce((sum, count) => sum + count, 0))';
const RENAME = /^Rename the keys to share the hash tag \{.+\} — data already stored under the old names is not moved$/;

/** A case whose single finding offers exactly `fixes`; `output` is what --fix (preferred fixes only) writes. */
function fixCase(name: string, prefix: string, before: string, line: number, column: number, fixes: Array<[RegExp, boolean, string]>, file?: string) {
  const preferred = fixes.find(([, isPreferred]) => isPreferred);
  return {
    name,
    code: prefix + before,
    ...(file && { file }),
    errors: [{ line, column, fixes: fixes.map(([title, isPreferred, after]) => ({ title, preferred: isPreferred, output: prefix + after })) }],
    ...(preferred && { output: prefix + preferred[2] }),
  };
}

ruleTester('multi-key-command', {
  valid: [
    {
      name: 'KEYS under the Enterprise policy, and Object.keys / node-cache keys()',
      settings: { clusterPolicy: 'enterprise' },
      code: NODE_REDIS_IMPORT + "const client = createClient();\nexport const k = () => client.keys('a:*');\nexport const o = Object.keys({ a: 1 });\n",
    },
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
    { name: 'split code is left alone (a second --fix run has nothing to do)', code: NODE_REDIS + `const n = await Promise.all([client.unlink('a'), client.unlink('b')])${SUM};\n` },
    { name: 'renamed keys are left alone', code: IOREDIS + "await redis.mget('{user:42}:profile', '{user:42}:cart');\n" },
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
      errors: [
        {
          line: 3,
          column: 53,
          message: /cannot be known statically/,
          fixes: [{ title: /one UNLINK per key/, preferred: true, output: IOREDIS + `export const drop = (a: string, b: string) => Promise.all([redis.unlink(a), redis.unlink(b)])${SUM};\n` }],
        },
      ],
      output: IOREDIS + `export const drop = (a: string, b: string) => Promise.all([redis.unlink(a), redis.unlink(b)])${SUM};\n`,
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
    fixCase(
      'node-redis mGet awaited: split into GETs (comments kept), or rename to a hash tag',
      NODE_REDIS,
      "const [p, c] = await client.mGet(['user:42:profile', /* cart */ 'user:42:cart']);\n",
      3,
      29,
      [
        [/^Split into one GET per key, sent together \(same array of values\)$/, true, "const [p, c] = await Promise.all([client.get('user:42:profile'), /* cart */ client.get('user:42:cart')]);\n"],
        [RENAME, false, "const [p, c] = await client.mGet(['{user:42}:profile', /* cart */ '{user:42}:cart']);\n"],
      ],
    ),
    fixCase(
      'ioredis variadic del awaited: per-key UNLINK summed, title says UNLINK frees memory asynchronously',
      IOREDIS,
      "const n = await redis.del('user:42:profile', 'user:42:cart');\n",
      3,
      23,
      [
        [/^Split into one UNLINK per key, sent together, counts summed \(UNLINK frees the memory asynchronously\)$/, true,
          `const n = await Promise.all([redis.unlink('user:42:profile'), redis.unlink('user:42:cart')])${SUM};\n`],
        [RENAME, false, "const n = await redis.del('{user:42}:profile', '{user:42}:cart');\n"],
      ],
    ),
    fixCase(
      'ioredis mget with an array, returned; a multi-line list keeps its layout and comments',
      IOREDIS,
      "export function load(id: string) {\n  return redis.mget([\n    `cart:${id}`, // items\n    'stats:popular',\n  ]);\n}\n",
      4,
      16,
      [[/one GET per key/, true, "export function load(id: string) {\n  return Promise.all([\n    redis.get(`cart:${id}`), // items\n    redis.get('stats:popular'),\n  ]);\n}\n"]],
    ),
    fixCase(
      'node-redis exists used through then: counts summed before the callback; keys without a common segment get no rename',
      NODE_REDIS,
      "client.exists(['x', 'y']).then((count) => console.log(count));\n",
      3,
      8,
      [[/one EXISTS per key/, true, `Promise.all([client.exists('x'), client.exists('y')])${SUM}.then((count) => console.log(count));\n`]],
    ),
    fixCase(
      'a node-redis upper-case alias stays upper case',
      NODE_REDIS,
      "async function f() {\n  await client.TOUCH(['a', 'b']);\n}\n",
      4,
      16,
      [[/one TOUCH per key/, true, `async function f() {\n  await Promise.all([client.TOUCH('a'), client.TOUCH('b')])${SUM};\n}\n`]],
    ),
    fixCase(
      'node-redis mSet with an object: the split is offered but not preferred, and says it is not atomic',
      NODE_REDIS,
      "await client.mSet({ 'user:42:a': '1', 'user:42:b': '2' });\n",
      3,
      14,
      [
        [/^Split into one SET per key, sent together — NOT atomic/, false, "await Promise.all([ client.set('user:42:a', '1'), client.set('user:42:b', '2') ]).then(() => 'OK' as const);\n"],
        [RENAME, false, "await client.mSet({ '{user:42}:a': '1', '{user:42}:b': '2' });\n"],
      ],
    ),
    fixCase(
      'node-redis mSet with pairs in a JavaScript file: no TypeScript syntax in the fix',
      NODE_REDIS,
      "await client.mSet([['user:42:a', '1'], ['user:42:b', '2']]);\n",
      3,
      14,
      [
        [/one SET per key/, false, "await Promise.all([client.set('user:42:a', '1'), client.set('user:42:b', '2')]).then(() => 'OK');\n"],
        [RENAME, false, "await client.mSet([['{user:42}:a', '1'], ['{user:42}:b', '2']]);\n"],
      ],
      '/ws/app.mjs',
    ),
    fixCase(
      'ioredis variadic mset with a computed key: split only (no literal to rename)',
      IOREDIS,
      "const A = 'a';\nawait redis.mset(A, '1', 'user:42:b', '2');\n",
      4,
      13,
      [[/one SET per key/, false, "const A = 'a';\nawait Promise.all([redis.set(A, '1'), redis.set('user:42:b', '2')]).then(() => 'OK' as const);\n"]],
    ),
    fixCase(
      'template keys share their leading segments, substitution included',
      NODE_REDIS,
      'export function f(id: string) {\n  client.mGet([`user:${id}:profile`, `user:${id}:cart`]);\n}\n',
      4,
      10,
      [[RENAME, false, 'export function f(id: string) {\n  client.mGet([`{user:${id}}:profile`, `{user:${id}}:cart`]);\n}\n']],
    ),
    fixCase(
      'a literal prefix is enough: the tag ends before the first substitution that differs',
      NODE_REDIS,
      "export function f(field: string) {\n  client.mGet([`user:42:${field}`, 'user:42:cart']);\n}\n",
      4,
      10,
      [[/\{user:42\}/, false, "export function f(field: string) {\n  client.mGet([`{user:42}:${field}`, '{user:42}:cart']);\n}\n"]],
    ),
    {
      name: 'the tag never stops inside a substitution; ${…} written in a plain string is a hash tag already ({id}), so no rename',
      code: NODE_REDIS + "export function f(id: string) {\n  client.mGet([`user:${a}:x`, `user:${ab}:y`]);\n  client.mGet([`user:${id}:a`, 'user:${id}:b']);\n}\nconst a = '1', ab = '2';\n",
      errors: [
        { line: 4, column: 10, fixes: [{ title: /\{user\}/, preferred: false, output: NODE_REDIS + "export function f(id: string) {\n  client.mGet([`{user}:${a}:x`, `{user}:${ab}:y`]);\n  client.mGet([`user:${id}:a`, 'user:${id}:b']);\n}\nconst a = '1', ab = '2';\n" }] },
        { line: 5, column: 10, fixes: [] },
      ],
    },
    fixCase(
      'a statement whose promise is dropped gets no split; a RENAME only the hash-tag rename',
      IOREDIS,
      "redis.rename('user:42:a', 'user:42:b');\n",
      3,
      7,
      [[/\{user:42\}/, false, "redis.rename('{user:42}:a', '{user:42}:b');\n"]],
    ),
    {
      name: 'no fix: a spread, a receiver that is a call, a key already tagged, an escaped key, a callback',
      code:
        IOREDIS +
        "async function f(keys: string[]) {\n  await redis.mget(...keys);\n  await redis.duplicate().mget('user:1:a', 'user:1:b');\n" +
        "  redis.mget('{user:1}:a', 'user:1:b');\n  redis.del('user:1:\\x61', 'user:1:b');\n  redis.del('user:1:a', 'user:1:b', () => {});\n}\n",
      errors: [
        { line: 4, column: 15, fixes: [] },
        { line: 5, column: 27, fixes: [] },
        { line: 6, column: 9, fixes: [] },
        { line: 7, column: 9, fixes: [] },
        { line: 8, column: 9, fixes: [] },
      ],
    },
    {
      name: 'transactions, pipelines and scripts get guidance, never a fix',
      code:
        IOREDIS +
        "async function f() {\n  await redis.multi().set('a', '1').get('b').exec();\n  await redis.pipeline().set('a', '1').get('b').exec();\n" +
        "  await redis.eval('return 1', 2, 'a', 'b');\n}\n",
      errors: [
        { line: 4, column: 15, message: /splitting it would lose its atomicity: give the keys it touches a shared hash tag/, fixes: [] },
        { line: 5, column: 15, message: /send the commands on their own/, fixes: [] },
        { line: 6, column: 15, message: /a script runs on one shard, so every key it declares must share a hash tag .*moving the data/, fixes: [] },
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
    {
      name: 'KEYS and SCAN iterators walk one shard only (OSS policy)',
      code: NODE_REDIS_IMPORT + "const client = createClient({ url: process.env.REDIS_URL });\nexport async function all() {\n  const keys = await client.keys('session:*');\n  for await (const key of client.scanIterator({ MATCH: 'user:*' })) keys.push(key);\n  return keys;\n}\n",
      errors: [{ line: 4, column: 29, message: /one shard only/ }, { line: 5, column: 34, message: /one shard only/ }],
    },
    {
      name: 'key list computed by map',
      code: NODE_REDIS_IMPORT + "const client = createClient();\nexport const profiles = (ids: string[]) => client.mGet(ids.map((id) => `profile:${id}`));\n",
      errors: [{ line: 3, column: 51 }],
    },
  ],
});
