import { ruleTester } from '../ruleTester';

/**
 * All eight rules on C# (StackExchange.Redis), one table per rule: the C# front end reads syntax trees, so strings,
 * constants, ConfigurationOptions and IDatabase calls are understood, comments are not live code.
 */
const FILE = '/ws/Cache.cs';
const HOST = 'orders.redis.cache.windows.net';
const using = 'using StackExchange.Redis;\n';

ruleTester('legacy-hostname', {
  valid: [
    { name: 'AMR host in a connection string', file: FILE, code: using + 'var mux = ConnectionMultiplexer.Connect("orders.westus2.redis.azure.net:10000,ssl=True");\n' },
  ],
  invalid: [
    {
      name: 'host in a const used by EndPoints.Add, fixed through the host map',
      file: FILE,
      code: using + `class C {\n  const string Host = "${HOST}";\n  void M(ConfigurationOptions o) { o.EndPoints.Add(Host, 6380); }\n}\n`,
      settings: { hostMap: { orders: 'orders.westus2.redis.azure.net' } },
      errors: [{ line: 3, column: 24 }],
      output: using + 'class C {\n  const string Host = "orders.westus2.redis.azure.net";\n  void M(ConfigurationOptions o) { o.EndPoints.Add(Host, 6380); }\n}\n',
    },
    {
      name: 'host inside an interpolated connection string; a commented-out host is still named',
      file: FILE,
      code: using + `// old: ${HOST}\nvar mux = ConnectionMultiplexer.Connect($"${HOST}:6380,password={key}");\n`,
      errors: [{ line: 2, column: 9, severity: 'info' }, { line: 3, column: 43, severity: 'warning' }],
    },
  ],
});

ruleTester('legacy-tls-port', {
  valid: [
    { name: 'port 6380 on localhost', file: FILE, code: using + 'var mux = ConnectionMultiplexer.Connect("localhost:6380");\n' },
    { name: 'a 6380 in a comment is not live', file: FILE, code: using + '// ConnectionMultiplexer.Connect("h:6380")\n' },
  ],
  invalid: [
    {
      name: 'EndPoints initializer in ConfigurationOptions',
      file: FILE,
      code: using + `var o = new ConfigurationOptions { EndPoints = { { "${HOST}", 6380 } }, Ssl = true };\n`,
      errors: [{ line: 2, column: 86 }],
      output: using + `var o = new ConfigurationOptions { EndPoints = { { "${HOST}", 10000 } }, Ssl = true };\n`,
    },
    {
      // The interpolated part says nothing alone (Server has no value here): the concatenation, which says something
      // through Options, is read whole, found from its own `+` (no other mark of the text is in it).
      name: 'an interpolated host:port joined by + to the options constant that makes it a connection string',
      file: FILE,
      code: using + 'class C {\n  const string Options = ",ssl=true";\n  static readonly string Cs = $"{Server}:6380" + Options;\n}\n',
      errors: [{ line: 4, column: 42 }],
      output: using + 'class C {\n  const string Options = ",ssl=true";\n  static readonly string Cs = $"{Server}:10000" + Options;\n}\n',
    },
    {
      name: 'port from an environment variable with a default (??)',
      file: FILE,
      code: using + `var port = Environment.GetEnvironmentVariable("REDIS_PORT") ?? "6380";\nvar mux = await ConnectionMultiplexer.ConnectAsync($"{Environment.GetEnvironmentVariable("REDIS_HOST")}:{port},ssl=true");\n`,
      errors: [{ line: 2, column: 65 }],
      output: using + `var port = Environment.GetEnvironmentVariable("REDIS_PORT") ?? "10000";\nvar mux = await ConnectionMultiplexer.ConnectAsync($"{Environment.GetEnvironmentVariable("REDIS_HOST")}:{port},ssl=true");\n`,
    },
    {
      name: 'a host:port string composed from a field, parsed as options and passed to Connect',
      file: FILE,
      code: using + `class C {\n  readonly string _host;\n  async Task M() {\n    var o = await ConfigurationOptions.Parse($"{_host}:6380").ConfigureForAzureWithTokenCredentialAsync(cred);\n` +
        `    var mux = ConnectionMultiplexer.Connect(_host + ":6380");\n  }\n}\n`,
      errors: [{ line: 5, column: 56 }, { line: 6, column: 55 }],
      output: using + `class C {\n  readonly string _host;\n  async Task M() {\n    var o = await ConfigurationOptions.Parse($"{_host}:10000").ConfigureForAzureWithTokenCredentialAsync(cred);\n` +
        `    var mux = ConnectionMultiplexer.Connect(_host + ":10000");\n  }\n}\n`,
    },
  ],
});

ruleTester('non-tls-connection', {
  valid: [
    { name: 'Ssl = true', file: FILE, code: using + `var o = new ConfigurationOptions { EndPoints = { "${HOST}:10000" }, Ssl = true };\n` },
    { name: 'port 6380 on an Azure host: the client\'s Azure defaults turn TLS on', file: FILE, code: using + `var mux = ConnectionMultiplexer.Connect("${HOST}:6380,password=k");\n` },
    { name: 'no port on a local host', file: FILE, code: using + 'var mux = ConnectionMultiplexer.Connect("localhost,password=k");\n' },
    {
      name: 'Ssl turned on by a statement after the options are created',
      file: FILE,
      code: using + `void M() {\n  var o = new ConfigurationOptions();\n  o.EndPoints.Add("${HOST}");\n  o.Ssl = true;\n}\n`,
    },
  ],
  invalid: [
    {
      name: 'Ssl = false in the initializer, the host added later',
      file: FILE,
      code: using + `void M() {\n  var o = new ConfigurationOptions { Ssl = false };\n  o.EndPoints.Add("${HOST}", 10000);\n}\n`,
      errors: [{ line: 3, column: 44 }],
      output: using + `void M() {\n  var o = new ConfigurationOptions { Ssl = true };\n  o.EndPoints.Add("${HOST}", 10000);\n}\n`,
    },
    {
      name: 'ssl=False in a concatenated connection string',
      file: FILE,
      code: using + `const string Conn = "${HOST}:10000," + "ssl=False";\nvar mux = ConnectionMultiplexer.Connect(Conn);\n`,
      errors: [{ line: 2, column: 68 }],
      output: using + `const string Conn = "${HOST}:10000," + "ssl=True";\nvar mux = ConnectionMultiplexer.Connect(Conn);\n`,
    },
    {
      name: 'an Azure host without a port and no ssl=true: TLS is never turned on',
      file: FILE,
      code: using + `var mux = ConnectionMultiplexer.Connect("${HOST},password=k");\n`,
      errors: [{ line: 2, column: 42, message: /TLS is not turned on/ }],
      output: using + `var mux = ConnectionMultiplexer.Connect("${HOST},password=k,ssl=true");\n`,
    },
    {
      name: 'ConfigurationOptions without Ssl: added to its initializer, or given one',
      file: FILE,
      code: using + `void M(string key) {\n  var a = new ConfigurationOptions { EndPoints = { "${HOST}" }, Password = key };\n` +
        `  var b = new ConfigurationOptions();\n  b.EndPoints.Add("${HOST}");\n}\n`,
      errors: [{ line: 3, column: 11 }, { line: 4, column: 11 }],
      output: using + `void M(string key) {\n  var a = new ConfigurationOptions { EndPoints = { "${HOST}" }, Password = key, Ssl = true };\n` +
        `  var b = new ConfigurationOptions() { Ssl = true };\n  b.EndPoints.Add("${HOST}");\n}\n`,
    },
  ],
});

ruleTester('access-key-auth', {
  valid: [
    { name: 'no password', file: FILE, code: using + `var mux = ConnectionMultiplexer.Connect("${HOST}:10000,ssl=True");\n` },
  ],
  invalid: [
    {
      name: 'Password property from configuration',
      file: FILE,
      code: using + `void M(IConfiguration config) {\n  var o = new ConfigurationOptions { EndPoints = { "${HOST}:10000" } };\n  o.Password = config["Redis:Key"];\n}\n`,
      errors: [{ line: 4, column: 16 }],
    },
    {
      name: 'options outside an async method: no code fix, and the message says why',
      file: FILE,
      code: using + `class C {\n  ConnectionMultiplexer M() {\n    var o = new ConfigurationOptions { EndPoints = { "${HOST}:10000" }, Password = key };\n    return ConnectionMultiplexer.Connect(o);\n  }\n}\n`,
      errors: [{ line: 4, column: 107, message: /No automatic fix: the options are created outside an async method/, fixes: [] }],
    },
    {
      name: 'a key constant is reported where the key is written; a key passed in at the option',
      file: FILE,
      code: using + `class C {\n  const string Key = "k3yValue";\n  ConfigurationOptions A() => new ConfigurationOptions { EndPoints = { "${HOST}:6380" }, Password = Key, Ssl = true };\n` +
        `  ConfigurationOptions B(string key) {\n    var o = new ConfigurationOptions();\n    o.EndPoints.Add("${HOST}:6380");\n    o.Password = key;\n    return o;\n  }\n}\n`,
      errors: [{ line: 3, column: 23 }, { line: 8, column: 18 }],
    },
    {
      name: 'password in AddStackExchangeRedisCache',
      file: FILE,
      code: `services.AddStackExchangeRedisCache(o => o.Configuration = "${HOST}:6380,password=abc,ssl=True");\n`,
      errors: [{ line: 1, column: 106 }],
    },
  ],
});

ruleTester('multi-key-command', {
  valid: [
    { name: 'keys sharing a hash tag', file: FILE, code: using + 'db.StringGet(new RedisKey[] { "{u1}:a", "{u1}:b" });\n' },
    { name: 'single key from a variable', file: FILE, code: using + 'db.StringGet(key);\nawait db.KeyDeleteAsync(key);\n' },
    { name: 'Enterprise policy lets DEL span slots', file: FILE, settings: { clusterPolicy: 'enterprise' }, code: using + 'db.KeyDelete(new RedisKey[] { "a", "b" });\n' },
  ],
  invalid: [
    {
      name: 'StringGet, KeyDelete, SetCombine and KeyRename over different slots',
      file: FILE,
      code: using + 'db.StringGet(new RedisKey[] { "a", "b" });\nawait db.KeyDeleteAsync(new[] { "a", $"user:{id}" });\ndb.SetCombine(SetOperation.Union, "s1", "s2");\ndb.KeyRename("old", "new");\n',
      errors: [{ line: 2, column: 1 }, { line: 3, column: 7 }, { line: 4, column: 1 }, { line: 5, column: 1 }],
    },
    {
      name: 'a script with two keys and a transaction touching two keys',
      file: FILE,
      code: using + 'void M(IDatabase db) {\n  db.ScriptEvaluate(script, new RedisKey[] { "a", "b" });\n  var tran = db.CreateTransaction();\n  tran.StringSetAsync("a", "1");\n  tran.StringSetAsync("b", "2");\n  tran.Execute();\n}\n',
      errors: [{ line: 3, column: 3 }, { line: 4, column: 14 }],
    },
    {
      name: 'server.Keys walks one shard',
      file: FILE,
      code: using + 'foreach (var key in server.Keys(pattern: "user:*")) { }\n',
      errors: [{ line: 2, column: 21 }],
    },
  ],
});

ruleTester('keyspace-notifications', {
  valid: [{ name: 'a plain channel', file: FILE, code: using + 'sub.Subscribe(RedisChannel.Literal("orders"), handler);\n' }],
  invalid: [
    {
      name: 'keyspace channel and CONFIG SET',
      file: FILE,
      code: using + 'sub.Subscribe(RedisChannel.Pattern("__keyspace@0__:*"), handler);\nserver.ConfigSet("notify-keyspace-events", "KEA");\n',
      errors: [{ line: 2, column: 37 }, { line: 3, column: 19 }],
    },
  ],
});

ruleTester('database-select', {
  valid: [
    { name: 'GetDatabase() and GetDatabase(0)', file: FILE, code: using + 'var db = mux.GetDatabase();\nvar db0 = mux.GetDatabase(0);\n' },
  ],
  invalid: [
    {
      name: 'GetDatabase(3) through a constant, DefaultDatabase = 2',
      file: FILE,
      code: using + `const int Orders = 3;\nvar db = mux.GetDatabase(Orders);\nvar o = new ConfigurationOptions { EndPoints = { "${HOST}:10000" }, DefaultDatabase = 2 };\n`,
      errors: [{ line: 2, column: 20 }, { line: 4, column: 110 }],
    },
    {
      name: 'GetDatabase through expression-bodied properties (=> and a getter\'s =>)',
      file: FILE,
      code: using + 'class C {\n  static int Orders => 3;\n  int Audit { get => 4; }\n  void M(ConnectionMultiplexer mux) { mux.GetDatabase(Orders); mux.GetDatabase(Audit); }\n}\n',
      errors: [{ line: 3, column: 24 }, { line: 4, column: 22 }],
    },
  ],
});

ruleTester('non-cluster-client', {
  valid: [
    {
      name: 'StackExchange.Redis follows OSS clusters by itself',
      file: FILE,
      code: using + `var mux = ConnectionMultiplexer.Connect("${HOST}:6380,ssl=True");\nvar o = new ConfigurationOptions { EndPoints = { "${HOST}:10000" } };\n`,
    },
  ],
  invalid: [],
});
