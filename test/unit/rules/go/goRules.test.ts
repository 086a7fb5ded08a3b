import { ruleTester } from '../ruleTester';

/** One table per rule, for go-redis code read through the Go syntax tree. */

const FILE = '/ws/main.go';
/** A file whose only other use of `os` is as a type. */
const TYPE_USE = (option: string) =>
  `package main\n\nimport (\n\t"os"\n\n\t"github.com/redis/go-redis/v9"\n)\n\nvar logFile *os.File\nvar rdb = redis.NewClient(&redis.Options{Addr: "orders.redis.cache.windows.net:10000", ${option}})\n`;
const HEAD = 'package main\n\nimport (\n\t"context"\n\t"crypto/tls"\n\t"os"\n\n\t"github.com/redis/go-redis/v9"\n)\n\n';
/** `body` inside func main, each line indented by a tab. */
function main(...lines: string[]): string {
  return `${HEAD}func main() {\n\tctx := context.Background()\n${lines.map((line) => `\t${line}\n`).join('')}\t_, _, _ = ctx, os.Getenv, tls.VersionTLS12\n}\n`;
}
/** Line numbers of main()'s lines: the header has 10 lines, then `func main() {` and `ctx := …`. */
const FIRST = 13;

ruleTester('legacy-hostname', {
  valid: [{ name: 'an AMR host', file: FILE, code: main('rdb := redis.NewClient(&redis.Options{Addr: "orders.westeurope.redis.azure.net:10000", TLSConfig: &tls.Config{}})', '_ = rdb') }],
  invalid: [
    {
      name: 'Addr composed from a constant, fixed with the host map',
      file: FILE,
      settings: { hostMap: { orders: 'orders.westeurope.redis.azure.net' } },
      code: `${HEAD}const host = "orders.redis.cache.windows.net"\n\nvar rdb = redis.NewClient(&redis.Options{Addr: host + ":10000", TLSConfig: &tls.Config{}})\n`,
      errors: [{ line: 11, column: 15 }],
      output: `${HEAD}const host = "orders.westeurope.redis.azure.net"\n\nvar rdb = redis.NewClient(&redis.Options{Addr: host + ":10000", TLSConfig: &tls.Config{}})\n`,
    },
    {
      name: 'a commented-out host and a ParseURL URL',
      file: FILE,
      code: main('// old: a.redis.cache.windows.net', 'opt, _ := redis.ParseURL("rediss://b.redis.cache.windows.net:10000")', '_ = opt'),
      errors: [{ line: FIRST, column: 10, severity: 'info' }, { line: FIRST + 1, column: 37, severity: 'warning' }],
    },
  ],
});

ruleTester('legacy-tls-port', {
  valid: [{ name: 'port 10000', file: FILE, code: main('rdb := redis.NewClient(&redis.Options{Addr: "orders.redis.cache.windows.net:10000", TLSConfig: &tls.Config{}})', '_ = rdb') }],
  invalid: [
    {
      name: 'a port concatenated to an env host in Addr',
      file: FILE,
      code: main('rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_HOST") + ":6380", TLSConfig: &tls.Config{}})', '_ = rdb'),
      errors: [{ line: FIRST, column: 74, message: /Port 6380/ }],
      output: main('rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_HOST") + ":10000", TLSConfig: &tls.Config{}})', '_ = rdb'),
    },
  ],
});

ruleTester('non-tls-connection', {
  valid: [{ name: 'a local server without TLS', file: FILE, code: main('rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})', '_ = rdb') }],
  invalid: [
    {
      name: 'no TLSConfig: the fix adds one with TLS 1.2 at least',
      file: FILE,
      code: main('rdb := redis.NewClient(&redis.Options{Addr: "orders.redis.cache.windows.net:10000"})', '_ = rdb'),
      errors: [{ line: FIRST, column: 9, message: /not turned on/ }],
      output: main('rdb := redis.NewClient(&redis.Options{Addr: "orders.redis.cache.windows.net:10000", TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12}})', '_ = rdb'),
    },
    {
      name: 'no TLSConfig and no crypto/tls import: both are added',
      file: FILE,
      code: 'package main\n\nimport "github.com/redis/go-redis/v9"\n\nvar rdb = redis.NewClient(&redis.Options{\n\tAddr: "orders.redis.cache.windows.net:10000",\n})\n',
      errors: [{ line: 5, column: 11 }],
      output: 'package main\n\nimport "github.com/redis/go-redis/v9"\nimport "crypto/tls"\n\nvar rdb = redis.NewClient(&redis.Options{\n\tAddr: "orders.redis.cache.windows.net:10000",\n\tTLSConfig: &tls.Config{MinVersion: tls.VersionTLS12},\n})\n',
    },
  ],
});

ruleTester('access-key-auth', {
  valid: [{ name: 'a local server with a password', file: FILE, code: main('rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379", Password: "dev"})', '_ = rdb') }],
  invalid: [
    {
      name: 'Password becomes a go-redis-entraid StreamingCredentialsProvider',
      file: FILE,
      code: main('rdb := redis.NewClient(&redis.Options{Addr: "orders.redis.cache.windows.net:10000", Username: "app", Password: os.Getenv("REDIS_KEY"), TLSConfig: &tls.Config{}})', '_ = rdb'),
      errors: [{
        line: FIRST,
        column: 113,
        fixes: [{
          title: /go-redis-entraid StreamingCredentialsProvider.*add go-redis-entraid to the project's dependencies/,
          preferred: false,
          output:
            HEAD.replace('import (\n', 'import (\n\tentraid "github.com/redis/go-redis-entraid"\n\t"github.com/redis/go-redis/v9/auth"\n') +
            'func main() {\n\tctx := context.Background()\n' +
            '\trdb := redis.NewClient(&redis.Options{Addr: "orders.redis.cache.windows.net:10000", StreamingCredentialsProvider: entraIDCredentials(), TLSConfig: &tls.Config{}})\n' +
            '\t_ = rdb\n\t_, _, _ = ctx, os.Getenv, tls.VersionTLS12\n}\n\n' +
            '// entraIDCredentials gives go-redis Microsoft Entra ID tokens for Azure Managed Redis (DefaultAzureCredential: managed\n' +
            '// identity, workload identity, environment or Azure CLI), renewed before they expire.\n' +
            'func entraIDCredentials() auth.StreamingCredentialsProvider {\n' +
            '\tprovider, err := entraid.NewDefaultAzureCredentialsProvider(entraid.DefaultAzureCredentialsProviderOptions{})\n' +
            '\tif err != nil {\n\t\tpanic("Microsoft Entra ID credentials for Redis: " + err.Error())\n\t}\n\treturn provider\n}\n',
        }],
      }],
    },
    {
      name: 'options built in a variable before the client, fixed where they are written',
      file: FILE,
      code: main('op := &redis.Options{Addr: os.Getenv("REDIS_HOST"), Password: os.Getenv("REDIS_PASSWORD"), TLSConfig: &tls.Config{}}', 'rdb := redis.NewClient(op)', '_ = rdb'),
      errors: [{
        line: FIRST,
        column: 64,
        fixes: [{
          title: /go-redis-entraid StreamingCredentialsProvider/,
          preferred: false,
          output:
            HEAD.replace('import (\n', 'import (\n\tentraid "github.com/redis/go-redis-entraid"\n\t"github.com/redis/go-redis/v9/auth"\n') +
            'func main() {\n\tctx := context.Background()\n' +
            '\top := &redis.Options{Addr: os.Getenv("REDIS_HOST"), StreamingCredentialsProvider: entraIDCredentials(), TLSConfig: &tls.Config{}}\n' +
            '\trdb := redis.NewClient(op)\n\t_ = rdb\n\t_, _, _ = ctx, os.Getenv, tls.VersionTLS12\n}\n\n' +
            '// entraIDCredentials gives go-redis Microsoft Entra ID tokens for Azure Managed Redis (DefaultAzureCredential: managed\n' +
            '// identity, workload identity, environment or Azure CLI), renewed before they expire.\n' +
            'func entraIDCredentials() auth.StreamingCredentialsProvider {\n' +
            '\tprovider, err := entraid.NewDefaultAzureCredentialsProvider(entraid.DefaultAzureCredentialsProviderOptions{})\n' +
            '\tif err != nil {\n\t\tpanic("Microsoft Entra ID credentials for Redis: " + err.Error())\n\t}\n\treturn provider\n}\n',
        }],
      }],
    },
    {
      // `os` stays imported: the file also uses it as a type, which a selector search alone would not count.
      name: 'the key from os.Getenv in a file that also uses os as a type',
      file: FILE,
      code: TYPE_USE('Password: os.Getenv("REDIS_KEY")'),
      errors: [{
        line: 10,
        column: 98,
        fixes: [{
          title: /go-redis-entraid StreamingCredentialsProvider/,
          preferred: false,
          output:
            TYPE_USE('StreamingCredentialsProvider: entraIDCredentials()').replace('import (\n', 'import (\n\tentraid "github.com/redis/go-redis-entraid"\n\t"github.com/redis/go-redis/v9/auth"\n') +
            '\n// entraIDCredentials gives go-redis Microsoft Entra ID tokens for Azure Managed Redis (DefaultAzureCredential: managed\n' +
            '// identity, workload identity, environment or Azure CLI), renewed before they expire.\n' +
            'func entraIDCredentials() auth.StreamingCredentialsProvider {\n' +
            '\tprovider, err := entraid.NewDefaultAzureCredentialsProvider(entraid.DefaultAzureCredentialsProviderOptions{})\n' +
            '\tif err != nil {\n\t\tpanic("Microsoft Entra ID credentials for Redis: " + err.Error())\n\t}\n\treturn provider\n}\n',
        }],
      }],
    },
    {
      // Only code uses of the variable count: a comment or a string naming it does not make the options shared.
      name: 'options in a variable that a comment and a string also name',
      file: FILE,
      code: main('// op holds the options', 'op := &redis.Options{Addr: os.Getenv("REDIS_HOST"), Password: os.Getenv("REDIS_PASSWORD"), TLSConfig: &tls.Config{}}', 'rdb := redis.NewClient(op)', '_, _ = rdb, "op"'),
      errors: [{ line: FIRST + 1, column: 64 }],
    },
    {
      name: 'the key in a ParseURL URL',
      file: FILE,
      code: main('opt, _ := redis.ParseURL("rediss://:secret@orders.redis.cache.windows.net:10000")', '_ = opt'),
      errors: [{ line: FIRST, column: 38, fixes: [{ title: /Remove the access key from the URL/, preferred: false, output: main('opt, _ := redis.ParseURL("rediss://orders.redis.cache.windows.net:10000")', '_ = opt') }] }],
    },
  ],
});

ruleTester('multi-key-command', {
  valid: [
    { name: 'keys sharing a hash tag', file: FILE, code: main('rdb := redis.NewClient(&redis.Options{})', 'rdb.MGet(ctx, "{u}:a", "{u}:b")') },
    { name: 'Del of one key', file: FILE, code: main('rdb := redis.NewClient(&redis.Options{})', 'rdb.Del(ctx, "a")') },
  ],
  invalid: [
    {
      name: 'MGet, MSet, Del(keys...), SUnion, Rename, Eval with two keys, Keys and Scan with a pattern',
      file: FILE,
      code: main(
        'rdb := redis.NewClient(&redis.Options{})',
        'rdb.MGet(ctx, "a", "b")',
        'rdb.MSet(ctx, "a", 1, "b", 2)',
        'rdb.Del(ctx, keys...)',
        'rdb.SUnion(ctx, "s1", "s2")',
        'rdb.Rename(ctx, "old", "new")',
        'rdb.Eval(ctx, script, []string{"x", "y"})',
        'rdb.Keys(ctx, "user:*")',
        'rdb.Scan(ctx, 0, "user:*", 100)',
      ),
      errors: [
        { line: FIRST + 1, column: 6, message: /MGET/ },
        { line: FIRST + 2, column: 6, message: /MSET/ },
        { line: FIRST + 3, column: 6, message: /cannot be known/ },
        { line: FIRST + 4, column: 6, message: /SUNION/ },
        { line: FIRST + 5, column: 6, message: /RENAME/ },
        { line: FIRST + 6, column: 6, message: /EVAL/ },
        { line: FIRST + 7, column: 6, message: /KEYS walks/ },
        { line: FIRST + 8, column: 6, message: /SCAN walks/ },
      ],
    },
    {
      name: 'a TxPipelined transaction over two keys',
      file: FILE,
      code: main('rdb := redis.NewClient(&redis.Options{})', '_, _ = rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {', '\tpipe.Incr(ctx, "a")', '\tpipe.Incr(ctx, "b")', '\treturn nil', '})'),
      errors: [{ line: FIRST + 1, column: 13, message: /MULTI transaction/ }],
    },
  ],
});

ruleTester('keyspace-notifications', {
  valid: [{ name: 'another ConfigSet', file: FILE, code: main('rdb := redis.NewClient(&redis.Options{})', 'rdb.ConfigSet(ctx, "maxmemory-policy", "allkeys-lru")') }],
  invalid: [
    {
      name: 'ConfigSet and PSubscribe',
      file: FILE,
      code: main('rdb := redis.NewClient(&redis.Options{})', 'rdb.ConfigSet(ctx, "notify-keyspace-events", "Ex")', 'rdb.PSubscribe(ctx, "__keyevent@0__:expired")'),
      errors: [{ line: FIRST + 1, column: 22 }, { line: FIRST + 2, column: 23 }],
    },
  ],
});

ruleTester('database-select', {
  valid: [{ name: 'DB 0', file: FILE, code: main('rdb := redis.NewClient(&redis.Options{Addr: "orders.redis.cache.windows.net:10000", DB: 0, TLSConfig: &tls.Config{}})', '_ = rdb') }],
  invalid: [
    {
      name: 'DB option and Do(ctx, "select", n)',
      file: FILE,
      code: main('rdb := redis.NewClient(&redis.Options{Addr: "orders.redis.cache.windows.net:10000", DB: 2, TLSConfig: &tls.Config{}})', 'rdb.Do(ctx, "select", 3)'),
      errors: [{ line: FIRST, column: 90, message: /database 2/ }, { line: FIRST + 1, column: 24, message: /SELECT/ }],
    },
  ],
});

ruleTester('non-cluster-client', {
  valid: [
    { name: 'NewClusterClient', file: FILE, code: main('rdb := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{"orders.westeurope.redis.azure.net:10000"}, TLSConfig: &tls.Config{}})', '_ = rdb') },
    { name: 'NewUniversalClient over two nodes', file: FILE, code: main('rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{"a.westeurope.redis.azure.net:10000", "b.westeurope.redis.azure.net:10000"}, TLSConfig: &tls.Config{}})', '_ = rdb') },
  ],
  invalid: [
    {
      name: 'NewClient becomes NewClusterClient',
      file: FILE,
      code: main('rdb := redis.NewClient(&redis.Options{Addr: "orders.westeurope.redis.azure.net:10000", DB: 0, TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12}})', '_ = rdb'),
      errors: [{
        line: FIRST,
        column: 9,
        fixes: [{
          title: /NewClusterClient/,
          preferred: false,
          output: main('rdb := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{"orders.westeurope.redis.azure.net:10000"}, TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12}})', '_ = rdb'),
        }],
      }],
    },
    {
      name: 'a NewUniversalClient over one address is a single-node client',
      file: FILE,
      code: main('rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{"orders.westeurope.redis.azure.net:10000"}, TLSConfig: &tls.Config{}})', '_ = rdb'),
      errors: [{ line: FIRST, column: 9, fixes: [] }],
    },
  ],
});
