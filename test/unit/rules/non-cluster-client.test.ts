import { ruleTester } from './ruleTester';

const NODE_REDIS = "import { createClient, createCluster } from 'redis';\n";
const IOREDIS = "import Redis, { Cluster } from 'ioredis';\n";

ruleTester('non-cluster-client', {
  valid: [
    { name: 'createClient to localhost', code: NODE_REDIS + "createClient({ url: 'redis://localhost:6379' });\n" },
    { name: 'createClient without options (localhost)', code: NODE_REDIS + 'createClient();\n' },
    {
      name: 'createCluster to AMR',
      code: NODE_REDIS + "createCluster({ rootNodes: [{ url: 'rediss://orders.westus2.redis.azure.net:10000' }] });\n",
    },
    { name: 'ioredis Cluster', code: IOREDIS + "new Cluster([{ host: process.env.H, port: 10000 }], { redisOptions: { tls: {} } });\n" },
    {
      name: 'Enterprise policy accepts a single-node client',
      code: NODE_REDIS + "createClient({ url: process.env.REDIS_URL });\n",
      settings: { clusterPolicy: 'enterprise' },
    },
    { name: 'a createClient that is not Redis', code: "import { createClient } from '@supabase/supabase-js';\ncreateClient(process.env.URL!, 'anon');\n" },
  ],
  invalid: [
    {
      name: 'a host that is local in one branch only still may be Azure',
      code: NODE_REDIS + "export const client = createClient({ socket: { host: dev ? 'localhost' : process.env.REDIS_HOST, tls: true } });\n",
      errors: [{ line: 2, column: 23 }],
    },
    {
      name: 'createClient with a URL from the environment',
      code: NODE_REDIS + "export const client = createClient({ url: process.env.REDIS_URL });\n",
      errors: [{ line: 2, column: 23, message: /single-node client/ }],
    },
    {
      name: 'ioredis to a legacy host, namespace-style node-redis v3',
      code:
        IOREDIS +
        "new Redis(6380, 'orders.redis.cache.windows.net', { tls: {} });\nconst redis = require('redis');\nredis.createClient(6380, 'orders.redis.cache.windows.net');\n",
      errors: [
        { line: 2, column: 5 },
        { line: 4, column: 1 },
      ],
    },
    {
      name: 'node-redis v3 client inside a function, host from the environment',
      file: '/ws/app.js',
      code: "var redis = require('redis');\nfunction connect() {\n  return redis.createClient(6380, process.env.REDIS_HOST, { tls: {} });\n}\n",
      errors: [{ line: 3, column: 10 }],
    },
  ],
});
