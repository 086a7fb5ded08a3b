import { NODE_REDIS_IMPORT, ruleTester } from './ruleTester';

const NODE_REDIS = `${NODE_REDIS_IMPORT}const client = createClient();\n`;

ruleTester('keyspace-notifications', {
  valid: [
    { name: 'ordinary pub/sub channel', code: NODE_REDIS + "client.subscribe('orders:events', listener);\n" },
    { name: 'a config file without notifications', file: '/ws/redis.conf.json', code: '{ "maxmemory-policy": "allkeys-lru" }\n' },
  ],
  invalid: [
    {
      name: 'CONFIG SET notify-keyspace-events',
      code: NODE_REDIS + "client.configSet('notify-keyspace-events', 'Ex');\n",
      errors: [{ line: 3, column: 19, message: /notifyKeyspaceEvents/ }],
    },
    {
      name: 'keyevent channel in a template and keyspace channel in a pattern',
      code: NODE_REDIS + "const db = 0;\nclient.pSubscribe(`__keyevent@${db}__:expired`, l);\nclient.pSubscribe('__keyspace@0__:orders:*', l);\n",
      errors: [
        { line: 4, column: 20, message: /Subscribes to keyspace notifications/ },
        { line: 5, column: 20 },
      ],
    },
    {
      name: 'ARM redisConfiguration and Python config_set',
      code: {
        '/ws/azuredeploy.json': '{ "redisConfiguration": { "notify-keyspace-events": "KEA" } }\n',
        '/ws/worker.py': "r.config_set('notify-keyspace-events', 'Ex')\n",
      },
      errors: [
        { file: '/ws/azuredeploy.json', line: 1, column: 28 },
        { file: '/ws/worker.py', line: 1, column: 15 },
      ],
    },
  ],
});
