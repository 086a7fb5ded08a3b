import { NODE_REDIS_IMPORT, ruleTester } from './ruleTester';

ruleTester('legacy-hostname', {
  valid: [
    {
      name: 'a StackExchange InstanceName is a key prefix, not a host',
      file: '/ws/appsettings.json',
      code: '{ "Cache": { "Configuration": "localhost:6379", "InstanceName": "orders.redis.cache.windows.net:" } }\n',
    },
    { name: 'AMR host', code: NODE_REDIS_IMPORT + "createClient({ url: 'rediss://orders.westus2.redis.azure.net:10000' });\n" },
    { name: 'localhost', code: NODE_REDIS_IMPORT + "createClient({ url: 'redis://localhost:6379' });\n" },
    { name: 'a non-Azure host', code: NODE_REDIS_IMPORT + "createClient({ socket: { host: 'redis.example.com', port: 6380 } });\n" },
    { name: 'a look-alike suffix', code: "const docs = 'see notredis.cache.windows.network.example.org';\n" },
    { name: 'prose that mentions the suffix', code: "export const note = 'Azure Cache hosts end in redis.cache.windows.net';\n" },
    { name: 'AMR host in .env', file: '/ws/.env', code: 'REDIS_HOST=orders.westus2.redis.azure.net\n' },
    { name: 'a bracket that is not a placeholder of the name', file: '/ws/notes.properties', code: 'note=see [the docs].redis.cache.windows.net\n' },
  ],
  invalid: [
    {
      name: 'a host in a commented-out config line is information only (XML, .env URL, YAML, JSON with comments)',
      code: {
        '/ws/Web.config': '<appSettings>\n  <!-- <add key="RedisHost" value="old.redis.cache.windows.net" /> -->\n</appSettings>\n',
        '/ws/.env': '# REDIS_URL=rediss://:k3yk3yk3y@old.redis.cache.windows.net:6380\n',
        '/ws/redis.yaml': 'redis:\n  # host: old.redis.cache.windows.net\n',
        '/ws/appsettings.json': '{\n  // "Redis": "old.redis.cache.windows.net:6380",\n  "Other": 1\n}\n',
      },
      errors: [
        { file: '/ws/.env', line: 1, column: 33, severity: 'info' },
        { file: '/ws/Web.config', line: 2, column: 36, severity: 'info' },
        { file: '/ws/appsettings.json', line: 2, column: 16, severity: 'info' },
        { file: '/ws/redis.yaml', line: 2, column: 11, severity: 'info' },
      ],
    },
    {
      name: 'placeholders for the cache name ({cacheName}, <cache-name>, [cache-name]) still end in the old suffix',
      file: '/ws/app.properties',
      code: 'a={cacheName}.redis.cache.windows.net\nb=<cache-name>.redis.cache.windows.net\nc=[cache-name].redis.cache.windows.net\nd=my-<env>-cache.redis.cache.windows.net\n',
      errors: [
        { line: 1, column: 3, message: /'\{cacheName\}\.redis\.cache\.windows\.net'/ },
        { line: 2, column: 3 },
        { line: 3, column: 3 },
        { line: 4, column: 3, message: /'my-<env>-cache\.redis/ },
      ],
    },
    {
      name: 'a placeholder host in a commented-out JS line',
      code: "// var host = '{cacheName}.redis.cache.windows.net'\nvar port = 1;\n",
      errors: [{ line: 1, column: 16 }],
    },
    {
      name: 'host inside a URL passed to createClient',
      code: NODE_REDIS_IMPORT + "createClient({ url: 'rediss://orders.redis.cache.windows.net:6380' });\n",
      errors: [{ line: 2, column: 31, message: /'orders\.redis\.cache\.windows\.net' is an Azure Cache for Redis host name/ }],
    },
    {
      name: 'constant imported from another file is reported where it is written',
      code: {
        '/ws/src/config.ts': "export const HOST = 'orders.redis.cache.windows.net';\n",
        '/ws/src/cache.ts': NODE_REDIS_IMPORT + "import { HOST } from './config';\ncreateClient({ socket: { host: HOST, tls: true } });\n",
      },
      errors: [{ file: '/ws/src/config.ts', line: 1, column: 22 }],
    },
    {
      name: 'host map by cache name gives a preferred fix',
      code: "import Redis from 'ioredis';\nnew Redis(6380, 'orders.redis.cache.windows.net', { tls: {} });\n",
      settings: { hostMap: { orders: 'orders.westus2.redis.azure.net' } },
      errors: [{ line: 2, column: 18, message: /host map: 'orders\.westus2\.redis\.azure\.net'/ }],
      output: "import Redis from 'ioredis';\nnew Redis(6380, 'orders.westus2.redis.azure.net', { tls: {} });\n",
    },
    {
      name: 'host map by full host name, in a StackExchange connection string (appsettings.json)',
      file: '/ws/appsettings.json',
      code: '{\n  "ConnectionStrings": {\n    "Redis": "Orders.redis.cache.windows.net:6380,password=k,ssl=True"\n  }\n}\n',
      settings: { hostMap: { 'orders.redis.cache.windows.net': 'orders.westus2.redis.azure.net' } },
      errors: [{ line: 3, column: 15 }],
      output: '{\n  "ConnectionStrings": {\n    "Redis": "orders.westus2.redis.azure.net:6380,password=k,ssl=True"\n  }\n}\n',
    },
    {
      name: 'a full host name in the host map wins over its cache name, whatever their order',
      file: '/ws/.env',
      code: 'A=orders.redis.cache.windows.net\nB=orders.redis.cache.chinacloudapi.cn\n',
      settings: { hostMap: { orders: 'orders.chinaeast2.redis.azure.net', 'orders.redis.cache.windows.net': 'orders.westus2.redis.azure.net' } },
      errors: [{ line: 1, column: 3 }, { line: 2, column: 3 }],
      output: 'A=orders.westus2.redis.azure.net\nB=orders.chinaeast2.redis.azure.net\n',
    },
    {
      name: 'sovereign clouds and Enterprise suffixes in .env',
      file: '/ws/.env',
      code:
        'A=cn.redis.cache.chinacloudapi.cn\nB=gov.redis.cache.usgovcloudapi.net\nC=ent.westeurope.redisenterprise.cache.azure.net\n',
      errors: [
        { line: 1, column: 3 },
        { line: 2, column: 3 },
        { line: 3, column: 3 },
      ],
    },
    {
      name: 'Kubernetes env value and Python keyword argument',
      code: {
        '/ws/k8s.yaml': 'env:\n  - name: REDIS_HOST\n    value: "orders.redis.cache.windows.net"\n',
        '/ws/app.py': 'import redis\nr = redis.Redis(host="orders.redis.cache.windows.net", port=6380, ssl=True)\n',
      },
      errors: [
        { file: '/ws/app.py', line: 2, column: 23 },
        { file: '/ws/k8s.yaml', line: 3, column: 13 },
      ],
    },
    {
      name: 'a cache name computed at run time on a legacy suffix is reported at the suffix',
      code: NODE_REDIS_IMPORT + 'export const make = (name: string) => createClient({ url: `rediss://${name}.redis.cache.windows.net:6380` });\n',
      errors: [{ line: 2, column: 77, message: /'…\.redis\.cache\.windows\.net' is an Azure Cache for Redis host name/ }],
    },
    {
      name: 'host composed from a constant and a literal suffix is reported at the suffix, without a host-map fix',
      code: NODE_REDIS_IMPORT + "const NAME = 'orders';\ncreateClient({ socket: { host: NAME + '.redis.cache.windows.net', tls: true } });\n",
      settings: { hostMap: { orders: 'orders.westus2.redis.azure.net' } },
      errors: [{ line: 3, column: 41, message: /'….redis.cache.windows.net'/ }],
    },
    {
      name: 'a commented-out host line still needs editing; its commented-out port and key do not count',
      file: '/ws/cache.js',
      code: "// const host = 'old.redis.cache.windows.net';\n// const port = 6380;\nmodule.exports = 1;\n",
      errors: [{ line: 1, column: 18 }],
    },
    {
      name: 'a whole host glued after a prefix computed at run time, in a C# connection string and a JS template URL',
      code: {
        '/ws/Cache.cs':
          'using StackExchange.Redis;\nclass Cache {\n  static string prefix;\n' +
          '  static ConnectionMultiplexer Open() => ConnectionMultiplexer.Connect(prefix + "orders.redis.cache.windows.net,ssl=true,password=...");\n}\n',
        '/ws/app.ts': NODE_REDIS_IMPORT + 'export const make = (env: string) => createClient({ url: `rediss://${env}-orders.redis.cache.windows.net:6380` });\n',
      },
      errors: [
        { file: '/ws/Cache.cs', line: 4, column: 82, message: /'…orders\.redis\.cache\.windows\.net'/ },
        { file: '/ws/app.ts', line: 2, column: 75, message: /'…-orders\.redis\.cache\.windows\.net'/ },
      ],
    },
    {
      name: 'a cache name computed at run time in a plain string (C# interpolation, Python f-string, JS template)',
      code: {
        '/ws/Hosts.cs': 'class Hosts {\n  static string Of(string name) => $"{name}.redis.cache.windows.net:6380";\n}\n',
        '/ws/hosts.py': 'import os\nHOST = f"{os.environ[\'NAME\']}.redis.cache.windows.net"\n',
        '/ws/hosts.ts': 'export const hostOf = (name: string) => `${name}.redis.cache.windows.net`;\n',
      },
      errors: [
        { file: '/ws/Hosts.cs', line: 2, column: 45, message: /'…\.redis\.cache\.windows\.net'/ },
        { file: '/ws/hosts.py', line: 2, column: 31 },
        { file: '/ws/hosts.ts', line: 1, column: 50 },
      ],
    },
    {
      name: 'a suffix held on its own, to which cache names are appended (C# field, properties setting)',
      code: {
        '/ws/Endpoints.cs': 'class Endpoints {\n  private static string _suffix = "redis.cache.windows.net";\n}\n',
        '/ws/app.properties': 'cache.suffix=.redis.cache.windows.net\n',
      },
      errors: [
        { file: '/ws/Endpoints.cs', line: 2, column: 36, message: /'…\.redis\.cache\.windows\.net'/ },
        { file: '/ws/app.properties', line: 1, column: 15 },
      ],
    },
  ],
});
