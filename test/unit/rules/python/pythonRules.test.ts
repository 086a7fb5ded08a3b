import { ruleTester } from '../ruleTester';

/** One table per rule, for redis-py code read through the Python syntax tree. */

const IMPORT = 'import redis\n';
const FILE = '/ws/app.py';
const HOST_MAP = { hostMap: { orders: 'orders.westeurope.redis.azure.net' } };
/** Azure's older redis-py-cluster sample: the pool carries the startup nodes, the key and the TLS connection class. */
const CLUSTER_POOL =
  'from rediscluster import StrictRedisCluster\nfrom rediscluster.connection import ClusterConnectionPool, SSLClusterConnection\n' +
  "port = 6380\nnodes = [{'host': 'orders.redis.cache.windows.net', 'port': port}]\n" +
  'pool = ClusterConnectionPool(startup_nodes=nodes, password=key, connection_class=SSLClusterConnection)\n' +
  'rc = StrictRedisCluster(connection_pool=pool)\n';

ruleTester('legacy-hostname', {
  valid: [
    { name: 'an AMR host', file: FILE, code: IMPORT + "r = redis.Redis(host='orders.westeurope.redis.azure.net', port=10000, ssl=True)\n" },
    { name: 'a host in a string that is not about Redis', file: FILE, code: "note = 'orders.example.com'\n" },
  ],
  invalid: [
    {
      name: 'host= keyword through a module constant, fixed with the host map',
      file: FILE,
      settings: HOST_MAP,
      code: IMPORT + "HOST = 'orders.redis.cache.windows.net'\nr = redis.Redis(host=HOST, port=10000, ssl=True)\n",
      errors: [{ line: 2, column: 9, message: /Azure Cache for Redis host name/ }],
      output: IMPORT + "HOST = 'orders.westeurope.redis.azure.net'\nr = redis.Redis(host=HOST, port=10000, ssl=True)\n",
    },
    {
      name: 'an os.getenv default, a URL in Django CACHES and a commented-out host',
      file: FILE,
      code:
        IMPORT +
        "import os\nHOST = os.getenv('REDIS_HOST', 'a.redis.cache.windows.net')\n" +
        "CACHES = {'default': {'BACKEND': 'django_redis.cache.RedisCache', 'LOCATION': 'rediss://b.redis.cache.windows.net:10000/0'}}\n" +
        "# OLD = 'c.redis.cache.windows.net'\n",
      errors: [
        { line: 3, column: 33, severity: 'warning' },
        { line: 4, column: 89 },
        { line: 5, column: 10, severity: 'info' },
      ],
    },
  ],
});

ruleTester('legacy-tls-port', {
  valid: [
    { name: 'port 10000', file: FILE, code: IMPORT + "r = redis.Redis(host='orders.redis.cache.windows.net', port=10000, ssl=True)\n" },
    { name: 'the settings of a local server', file: '/ws/settings.py', code: "REDIS_HOST = 'localhost'\nREDIS_PORT = 6380\n" },
  ],
  invalid: [
    {
      name: 'a settings class no client reads: an environment default of 6380 beside an Azure host',
      file: '/ws/settings.py',
      code: "import os\nclass Settings:\n    REDIS_HOST = os.getenv('REDIS_HOST', 'orders.redis.cache.windows.net')\n    REDIS_PORT = os.getenv('REDIS_PORT', 6380)\n",
      errors: [{ line: 4, column: 42, message: /'REDIS_PORT' setting/ }],
      output: "import os\nclass Settings:\n    REDIS_HOST = os.getenv('REDIS_HOST', 'orders.redis.cache.windows.net')\n    REDIS_PORT = os.getenv('REDIS_PORT', 10000)\n",
    },
    {
      name: 'module settings written with a type, a line continuation and blanks before the =',
      file: '/ws/settings.py',
      code: "# the redis cache settings\nREDIS_HOST: str = 'orders.redis.cache.windows.net'\nREDIS_PORT \\\n    = 6380\nCACHE_SSL_PORT\t= 6380\nREDIS_PORTS == 6380\n",
      errors: [
        { line: 4, column: 7, message: /'REDIS_PORT' setting/ },
        { line: 5, column: 18, message: /'CACHE_SSL_PORT' setting/ },
      ],
      output: "# the redis cache settings\nREDIS_HOST: str = 'orders.redis.cache.windows.net'\nREDIS_PORT \\\n    = 10000\nCACHE_SSL_PORT\t= 10000\nREDIS_PORTS == 6380\n",
    },
    {
      name: 'a host left blank to fill in is not the local default',
      file: FILE,
      code: IMPORT + 'myHostname = ""\nr = redis.StrictRedis(host=myHostname, port=6380, ssl=True)\n',
      errors: [{ line: 3, column: 45 }],
      output: IMPORT + 'myHostname = ""\nr = redis.StrictRedis(host=myHostname, port=10000, ssl=True)\n',
    },
    {
      name: "redis-py-cluster's ClusterConnectionPool and redis-py's ClusterNode with keywords: the first startup node's port",
      code: {
        '/ws/pool.py': CLUSTER_POOL,
        '/ws/cluster.py': IMPORT + "rc = redis.RedisCluster(startup_nodes=[redis.cluster.ClusterNode(port=6380, host='orders.redis.cache.windows.net')], ssl=True)\n",
      },
      errors: [{ file: '/ws/cluster.py', line: 2, column: 71 }, { file: '/ws/pool.py', line: 3, column: 8 }],
      output: {
        '/ws/pool.py': CLUSTER_POOL.replace('port = 6380', 'port = 10000'),
        '/ws/cluster.py': IMPORT + "rc = redis.RedisCluster(startup_nodes=[redis.cluster.ClusterNode(port=10000, host='orders.redis.cache.windows.net')], ssl=True)\n",
      },
    },
    {
      name: 'a port held by a settings class attribute, with an environment default',
      file: FILE,
      code: IMPORT + "import os\nclass GlobalArgs:\n    REDIS_PORT = os.getenv('REDIS_PORT', 6380)\nr = redis.StrictRedis(host=os.environ['REDIS_HOST'], port=GlobalArgs.REDIS_PORT, ssl=True)\n",
      errors: [{ line: 4, column: 42, message: /Port 6380/ }],
      output: IMPORT + "import os\nclass GlobalArgs:\n    REDIS_PORT = os.getenv('REDIS_PORT', 10000)\nr = redis.StrictRedis(host=os.environ['REDIS_HOST'], port=GlobalArgs.REDIS_PORT, ssl=True)\n",
    },
    {
      name: 'int(os.getenv(…, "6380")) — the default is fixed where it is written',
      file: FILE,
      code: IMPORT + "import os\nr = redis.StrictRedis(host=os.environ['REDIS_HOST'], port=int(os.getenv('REDIS_PORT', '6380')), ssl=True)\n",
      errors: [{ line: 3, column: 88, message: /Port 6380/ }],
      output: IMPORT + "import os\nr = redis.StrictRedis(host=os.environ['REDIS_HOST'], port=int(os.getenv('REDIS_PORT', '10000')), ssl=True)\n",
    },
  ],
});

ruleTester('non-tls-connection', {
  valid: [
    { name: 'ssl=True', file: FILE, code: IMPORT + "r = redis.Redis(host='orders.redis.cache.windows.net', port=10000, ssl=True)\n" },
    { name: 'a local server without TLS', file: FILE, code: IMPORT + "r = redis.Redis(host='localhost', port=6379)\n" },
    { name: "a redis-py-cluster pool of SSLClusterConnection connections", file: FILE, code: CLUSTER_POOL },
    {
      name: 'a pool of SSLConnection connections',
      file: FILE,
      code: IMPORT + "pool = redis.ConnectionPool(host='orders.redis.cache.windows.net', port=10000, connection_class=redis.SSLConnection)\n",
    },
  ],
  invalid: [
    {
      name: 'a settings URL whose parts are calls (django-environ env(…)): the scheme and the key expression',
      file: '/ws/settings/redis.py',
      code: "from django_environ import env\nREDIS_URL = f\"redis://:{env('REDIS_PASSWORD')}@{env('REDIS_HOST')}:{env('REDIS_PORT')}\"\n",
      errors: [{ line: 2, column: 15 }],
      output: "from django_environ import env\nREDIS_URL = f\"rediss://:{env('REDIS_PASSWORD')}@{env('REDIS_HOST')}:{env('REDIS_PORT')}\"\n",
    },
    {
      name: 'ssl=False is turned on',
      file: FILE,
      code: IMPORT + "r = redis.Redis(host='orders.redis.cache.windows.net', port=10000, ssl=False)\n",
      errors: [{ line: 2, column: 72, message: /TLS is turned off/ }],
      output: IMPORT + "r = redis.Redis(host='orders.redis.cache.windows.net', port=10000, ssl=True)\n",
    },
    {
      name: 'no ssl= at all: the fix adds it, on its own line when the arguments are',
      file: FILE,
      code: IMPORT + "r = redis.Redis(\n    host='orders.redis.cache.windows.net',\n    port=10000,\n)\n",
      errors: [{ line: 2, column: 5, message: /not turned on/ }],
      output: IMPORT + "r = redis.Redis(\n    host='orders.redis.cache.windows.net',\n    port=10000,\n    ssl=True,\n)\n",
    },
    {
      name: 'redis:// in from_url',
      file: FILE,
      code: IMPORT + "r = redis.from_url('redis://orders.redis.cache.windows.net:10000')\n",
      errors: [{ line: 2, column: 21 }],
      output: IMPORT + "r = redis.from_url('rediss://orders.redis.cache.windows.net:10000')\n",
    },
  ],
});

ruleTester('access-key-auth', {
  valid: [
    { name: 'a local server with a password', file: FILE, code: IMPORT + "r = redis.Redis(host='localhost', password='dev')\n" },
    { name: 'a data key name in a settings module', file: '/ws/settings.py', code: "REDIS_HOST = 'orders.redis.cache.windows.net'\nREDIS_KEY = 'user:sessions'\n" },
    { name: 'the settings of a local server', file: '/ws/settings.py', code: "REDIS_HOST = 'localhost'\nREDIS_PASSWORD = 'dev'\n" },
    { name: 'password=None', file: FILE, code: IMPORT + "r = redis.Redis(host='orders.redis.cache.windows.net', port=10000, ssl=True, password=None)\n" },
    {
      name: 'a Microsoft Entra ID token passed as password',
      file: FILE,
      code: IMPORT + "token = cred.get_token(scope)\nr = redis.Redis(host='orders.redis.cache.windows.net', port=10000, ssl=True, username=oid, password=token.token)\n",
    },
  ],
  invalid: [
    {
      name: 'password= becomes a redis-entraid credential_provider and username= goes',
      file: FILE,
      code: IMPORT + "import os\nr = redis.Redis(host='orders.redis.cache.windows.net', port=10000, ssl=True, username='app', password=os.environ['KEY'])\n",
      errors: [{
        line: 3,
        column: 103,
        message: /access key \(value hidden\)/,
        fixes: [{
          title: /Microsoft Entra ID \(redis-entraid credential_provider/,
          preferred: false,
          output:
            IMPORT + 'import os\nfrom redis_entraid.cred_provider import create_from_default_azure_credential\n' +
            "r = redis.Redis(host='orders.redis.cache.windows.net', port=10000, ssl=True, credential_provider=create_from_default_azure_credential((\"https://redis.azure.com/.default\",)))\n",
        }],
      }],
    },
    {
      name: 'the key in a from_url URL',
      file: FILE,
      code: IMPORT + "r = redis.from_url('rediss://:secret@orders.redis.cache.windows.net:10000')\n",
      errors: [{
        line: 2,
        column: 31,
        fixes: [{
          title: /redis-entraid credential_provider.*add redis-entraid to the project's dependencies/,
          preferred: false,
          output:
            IMPORT + 'from redis_entraid.cred_provider import create_from_default_azure_credential\n' +
            "r = redis.from_url('rediss://orders.redis.cache.windows.net:10000', credential_provider=create_from_default_azure_credential((\"https://redis.azure.com/.default\",)))\n",
        }],
      }],
    },
    {
      name: 'keys written in a settings module no client reads: a password default beside an Azure host, a key-like CACHE_KEY',
      file: '/ws/settings.py',
      code: "import os\nREDIS_HOST = 'orders.redis.cache.windows.net'\nREDIS_PASSWORD = os.getenv('REDIS_PASSWORD', 'k3y')\nCACHE_KEY = 'yzj4RTwjieNM0nPOoxnxltB8LR9YWqLSTAzCaPMWNBM='\n",
      errors: [{ line: 3, column: 47, message: /'REDIS_PASSWORD' setting/ }, { line: 4, column: 14 }],
    },
    { name: "redis-py-cluster's ClusterConnectionPool", file: FILE, code: CLUSTER_POOL, errors: [{ line: 5, column: 60 }] },
    {
      name: "django-redis OPTIONS 'PASSWORD'",
      file: FILE,
      code: "CACHES = {'default': {'LOCATION': 'rediss://orders.redis.cache.windows.net:10000', 'OPTIONS': {'PASSWORD': 'k'}}}\n",
      errors: [{ line: 1, column: 108 }],
    },
  ],
});

ruleTester('multi-key-command', {
  valid: [
    { name: 'keys sharing a hash tag', file: FILE, code: IMPORT + "r = redis.Redis()\nr.mget('{u1}:a', '{u1}:b')\n" },
    { name: 'delete of one key', file: FILE, code: IMPORT + "r = redis.Redis()\nr.delete('a')\n" },
    { name: 'eval with one key', file: FILE, code: IMPORT + "r = redis.Redis()\nr.eval(script, 1, 'a', 'b')\n" },
    { name: 'a method of something that is not a client', file: FILE, code: IMPORT + "d = {}\nitems.delete('a', 'b')\n" },
    { name: 'KEYS under the Enterprise policy', file: FILE, settings: { clusterPolicy: 'enterprise' }, code: IMPORT + "r = redis.Redis()\nr.keys('user:*')\n" },
  ],
  invalid: [
    {
      name: 'mget, mset, delete(*keys), sunion, rename and eval with two keys',
      file: FILE,
      code:
        IMPORT + 'r = redis.Redis()\n' +
        "r.mget(['user:1:a', 'user:1:b'])\n" +
        "r.mset({'a': 1, 'b': 2})\n" +
        'r.delete(*keys)\n' +
        "r.sunion('s1', 's2')\n" +
        "r.rename('old', 'new')\n" +
        "r.eval(script, 2, 'x', 'y')\n",
      errors: [
        { line: 3, column: 3, message: /MGET/ },
        { line: 4, column: 3, message: /MSET/ },
        { line: 5, column: 3, message: /key list cannot be known/ },
        { line: 6, column: 3, message: /SUNION/ },
        { line: 7, column: 3, message: /RENAME/ },
        { line: 8, column: 3, message: /EVAL/ },
      ],
    },
    {
      name: 'a transaction pipeline over two keys, and keys/scan_iter(match=)',
      file: FILE,
      code:
        IMPORT + 'r = redis.Redis()\n' +
        'with r.pipeline(transaction=True) as pipe:\n    pipe.set("a", 1).incr("b")\n    pipe.execute()\n' +
        "r.keys('user:*')\nfor key in r.scan_iter(match='user:*'):\n    pass\n",
      errors: [
        { line: 3, column: 8, message: /MULTI transaction/ },
        { line: 6, column: 3, message: /KEYS walks/ },
        { line: 7, column: 14, message: /SCAN walks/ },
      ],
    },
    {
      name: 'literal keys get the hash-tag fix',
      file: FILE,
      code: IMPORT + "r = redis.Redis()\nr.delete('user:42:a', 'user:42:b')\n",
      errors: [{
        line: 3,
        column: 3,
        fixes: [{ title: /hash tag \{user:42\}/, preferred: false, output: IMPORT + "r = redis.Redis()\nr.delete('{user:42}:a', '{user:42}:b')\n" }],
      }],
    },
  ],
});

ruleTester('keyspace-notifications', {
  valid: [{ name: 'other CONFIG SET', file: FILE, code: IMPORT + "r = redis.Redis()\nr.config_set('maxmemory-policy', 'allkeys-lru')\n" }],
  invalid: [
    {
      name: 'config_set and psubscribe',
      file: FILE,
      code: IMPORT + "r = redis.Redis()\nr.config_set('notify-keyspace-events', 'Ex')\np = r.pubsub()\np.psubscribe('__keyspace@0__:*')\n",
      errors: [
        { line: 3, column: 15, message: /notify-keyspace-events/ },
        { line: 5, column: 15, message: /Subscribes/ },
      ],
    },
  ],
});

ruleTester('database-select', {
  valid: [
    { name: 'db=0', file: FILE, code: IMPORT + "r = redis.Redis(host='orders.redis.cache.windows.net', db=0)\n" },
    { name: 'a local database', file: FILE, code: IMPORT + "r = redis.Redis(host='localhost', db=3)\n" },
  ],
  invalid: [
    {
      name: 'db= keyword, positional db, select(n) and /n in a URL',
      file: FILE,
      code:
        IMPORT +
        "r = redis.Redis(host='orders.redis.cache.windows.net', port=10000, db=2, ssl=True)\n" +
        "q = redis.StrictRedis('orders.redis.cache.windows.net', 10000, 4)\n" +
        'r.select(3)\n' +
        "pool = redis.ConnectionPool.from_url('rediss://orders.redis.cache.windows.net:10000/5')\n",
      errors: [
        { line: 2, column: 71, message: /database 2/ },
        { line: 3, column: 64, message: /database 4/ },
        { line: 4, column: 10, message: /SELECT/ },
        { line: 5, column: 85, message: /database 5/ },
      ],
    },
  ],
});

ruleTester('non-cluster-client', {
  valid: [
    { name: 'RedisCluster', file: FILE, code: IMPORT + "r = redis.RedisCluster(host='orders.westeurope.redis.azure.net', port=10000, ssl=True)\n" },
    { name: 'Enterprise policy', file: FILE, settings: { clusterPolicy: 'enterprise' }, code: IMPORT + "r = redis.Redis(host='orders.westeurope.redis.azure.net', port=10000, ssl=True)\n" },
  ],
  invalid: [
    {
      name: 'redis.Redis becomes redis.RedisCluster',
      file: FILE,
      code: IMPORT + "r = redis.Redis(host='orders.westeurope.redis.azure.net', port=10000, ssl=True)\n",
      errors: [{
        line: 2,
        column: 5,
        fixes: [{ title: /RedisCluster/, preferred: false, output: IMPORT + "r = redis.RedisCluster(host='orders.westeurope.redis.azure.net', port=10000, ssl=True)\n" }],
      }],
    },
    {
      name: 'a bare Redis imported from redis, and from_url',
      file: FILE,
      code: "from redis import Redis\nr = Redis(host='orders.westeurope.redis.azure.net', port=10000, ssl=True, db=0)\ns = Redis.from_url('rediss://orders.westeurope.redis.azure.net:10000')\n",
      errors: [
        {
          line: 2,
          column: 5,
          fixes: [{
            title: /RedisCluster/,
            preferred: false,
            output: "from redis import Redis\nfrom redis.cluster import RedisCluster\nr = RedisCluster(host='orders.westeurope.redis.azure.net', port=10000, ssl=True)\ns = Redis.from_url('rediss://orders.westeurope.redis.azure.net:10000')\n",
          }],
        },
        {
          line: 3,
          column: 5,
          fixes: [{
            title: /RedisCluster/,
            preferred: false,
            output: "from redis import Redis\nfrom redis.cluster import RedisCluster\nr = Redis(host='orders.westeurope.redis.azure.net', port=10000, ssl=True, db=0)\ns = RedisCluster.from_url('rediss://orders.westeurope.redis.azure.net:10000')\n",
          }],
        },
      ],
    },
    {
      name: 'a client on database 3 gets no cluster fix',
      file: FILE,
      code: IMPORT + "r = redis.Redis(host='orders.westeurope.redis.azure.net', port=10000, ssl=True, db=3)\n",
      errors: [{ line: 2, column: 5, message: /No automatic fix: RedisCluster has database 0 only/, fixes: [] }],
    },
  ],
});
