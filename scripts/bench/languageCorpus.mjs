// Generated source files in C#, Python, Java and Go for the multi-language benchmark: data-access modules as
// services write them, each naming its Redis client at the top and using it throughout, so that every file passes
// the scanner's text prefilter and is read through its syntax tree (the expensive case).

/** File extension of each language the benchmark covers. */
export const LANGUAGE_EXTENSIONS = { csharp: '.cs', python: '.py', java: '.java', go: '.go' };

/** A C# service class: a StackExchange.Redis connection and `blocks` repetitions of 30 lines using it. */
export function csharpModule(blocks, name = 'OrdersCache') {
  const lines = [
    'using System;',
    'using System.Collections.Generic;',
    'using System.Linq;',
    'using System.Text.Json;',
    'using System.Threading.Tasks;',
    'using Microsoft.Extensions.Logging;',
    'using StackExchange.Redis;',
    '',
    'namespace Contoso.Orders;',
    '',
    `public sealed class ${name}`,
    '{',
    '    private const string Host = "orders.redis.cache.windows.net";',
    '    private const int SslPort = 6380;',
    '    private readonly IDatabase _db;',
    '    private readonly ILogger _logger;',
    '    private readonly Dictionary<string, int> _local = new();',
    '',
    `    public ${name}(ILogger<${name}> logger, string password)`,
    '    {',
    '        var options = new ConfigurationOptions { Ssl = true, Password = password, AbortOnConnectFail = false };',
    '        options.EndPoints.Add(Host, SslPort);',
    '        _db = ConnectionMultiplexer.Connect(options).GetDatabase(2);',
    '        _logger = logger;',
    '    }',
    '',
  ];
  for (let b = 0; b < blocks; b++) {
    lines.push(
      `    public async Task<OrderRecord${b}?> LoadOrder${b}Async(string id)`,
      '    {',
      '        // Orders are cached for an hour; a miss falls back to the database.',
      `        var value = await _db.StringGetAsync($"order:{{${b}}}:{id}");`,
      '        if (value.IsNullOrEmpty) return null;',
      `        return JsonSerializer.Deserialize<OrderRecord${b}>(value!);`,
      '    }',
      '',
      `    public async Task SaveOrder${b}Async(OrderRecord${b} order)`,
      '    {',
      `        var key = $"order:{{${b}}}:{order.Id}";`,
      '        await _db.StringSetAsync(key, JsonSerializer.Serialize(order), TimeSpan.FromHours(1));',
      '        await _db.SetAddAsync("orders:index", order.Id);',
      '    }',
      '',
      `    public decimal TotalOf${b}(OrderRecord${b} order)`,
      '    {',
      '        decimal sum = 0;',
      '        foreach (var line in order.Lines.Where(l => l.Quantity > 0)) sum += line.Quantity * PriceOf(line.Sku);',
      `        return Math.Round(sum * ${100 + b}m) / ${100 + b}m;`,
      '    }',
      '',
      `    public async Task Forget${b}Async(string id)`,
      '    {',
      '        var keys = new RedisKey[] { $"session:{id}", $"audit:{id}" };',
      `        if (_local.TryGetValue(id, out var seen) && seen == ${b}) await _db.KeyDeleteAsync(keys);`,
      `        _logger.LogInformation("Forgot {Id} in block {Block}", id, ${b});`,
      '    }',
      '',
      `    public sealed record OrderRecord${b}(string Id, decimal Total, IReadOnlyList<(string Sku, int Quantity)> Lines);`,
    );
  }
  lines.push('', '    private static decimal PriceOf(string sku) => sku.Length;', '}', '');
  return lines.join('\n');
}

/** A Python module: a redis-py client and `blocks` repetitions of 30 lines using it. */
export function pythonModule(blocks) {
  const lines = [
    '"""Order cache backed by Azure Cache for Redis."""',
    'import json',
    'import logging',
    'import os',
    'from dataclasses import dataclass, field',
    '',
    'import redis',
    '',
    "HOST = os.environ.get('REDIS_HOST', 'orders.redis.cache.windows.net')",
    'SSL_PORT = 6380',
    "client = redis.Redis(host=HOST, port=SSL_PORT, password=os.environ['REDIS_KEY'], ssl=True, db=2)",
    'log = logging.getLogger(__name__)',
    '',
  ];
  for (let b = 0; b < blocks; b++) {
    lines.push(
      '',
      '@dataclass',
      `class Order${b}:`,
      '    id: str',
      '    total: float = 0.0',
      '    lines: list = field(default_factory=list)',
      '',
      '',
      `def load_order_${b}(order_id):`,
      '    # Orders are cached for an hour; a miss falls back to the database.',
      `    value = client.get(f"order:{{${b}}}:{order_id}")`,
      `    return Order${b}(**json.loads(value)) if value else None`,
      '',
      '',
      `def save_order_${b}(order):`,
      `    key = f"order:{{${b}}}:{order.id}"`,
      '    client.set(key, json.dumps(order.__dict__), ex=3600)',
      "    client.sadd('orders:index', order.id)",
      '',
      '',
      `def total_of_${b}(order):`,
      '    total = sum(line["quantity"] * len(line["sku"]) for line in order.lines if line["quantity"] > 0)',
      `    return round(total * ${100 + b}) / ${100 + b}`,
      '',
      '',
      `def forget_${b}(order_id, seen):`,
      `    if seen.get(order_id) == ${b}:`,
      '        client.delete(f"session:{order_id}", f"audit:{order_id}")',
      `    log.info("forgot %s in block %d", order_id, ${b})`,
      '',
    );
  }
  return lines.join('\n');
}

/** A Java class: a Jedis pool and `blocks` repetitions of 30 lines using it. */
export function javaModule(blocks, name = 'OrdersCache') {
  const lines = [
    'package com.contoso.orders;',
    '',
    'import java.util.List;',
    'import java.util.Map;',
    'import java.util.concurrent.ConcurrentHashMap;',
    'import redis.clients.jedis.Jedis;',
    'import redis.clients.jedis.JedisPool;',
    '',
    `public final class ${name} {`,
    '    private static final String HOST = "orders.redis.cache.windows.net";',
    '    private static final int SSL_PORT = 6380;',
    '    private final JedisPool pool = new JedisPool(HOST, SSL_PORT, true);',
    '    private final Map<String, Integer> local = new ConcurrentHashMap<>();',
    '',
  ];
  for (let b = 0; b < blocks; b++) {
    lines.push(
      `    public record Order${b}(String id, double total, List<String> skus) {}`,
      '',
      `    public String loadOrder${b}(String id) {`,
      '        // Orders are cached for an hour; a miss falls back to the database.',
      '        try (Jedis jedis = pool.getResource()) {',
      `            return jedis.get("order:{${b}}:" + id);`,
      '        }',
      '    }',
      '',
      `    public void saveOrder${b}(Order${b} order, String json) {`,
      '        try (Jedis jedis = pool.getResource()) {',
      `            jedis.setex("order:{${b}}:" + order.id(), 3600, json);`,
      '            jedis.sadd("orders:index", order.id());',
      '        }',
      '    }',
      '',
      `    public double totalOf${b}(Order${b} order) {`,
      '        double sum = 0;',
      '        for (String sku : order.skus()) sum += sku.length() * 1.5;',
      `        return Math.round(sum * ${100 + b}) / ${100 + b}.0;`,
      '    }',
      '',
      `    public void forget${b}(String id) {`,
      `        if (local.getOrDefault(id, -1) == ${b}) {`,
      '            try (Jedis jedis = pool.getResource()) {',
      '                jedis.del("session:" + id, "audit:" + id);',
      '            }',
      '        }',
      '    }',
      '',
    );
  }
  lines.push('}', '');
  return lines.join('\n');
}

/** A Go package: a go-redis client and `blocks` repetitions of 30 lines using it. */
export function goModule(blocks) {
  const lines = [
    'package orders',
    '',
    'import (',
    '\t"context"',
    '\t"crypto/tls"',
    '\t"encoding/json"',
    '\t"fmt"',
    '\t"os"',
    '\t"time"',
    '',
    '\t"github.com/redis/go-redis/v9"',
    ')',
    '',
    'var client = redis.NewClient(&redis.Options{',
    '\tAddr:      "orders.redis.cache.windows.net:6380",',
    '\tPassword:  os.Getenv("REDIS_KEY"),',
    '\tDB:        2,',
    '\tTLSConfig: &tls.Config{MinVersion: tls.VersionTLS12},',
    '})',
    '',
  ];
  for (let b = 0; b < blocks; b++) {
    lines.push(
      `type Order${b} struct {`,
      '\tID    string   `json:"id"`',
      '\tTotal float64  `json:"total"`',
      '\tSKUs  []string `json:"skus"`',
      '}',
      '',
      `func LoadOrder${b}(ctx context.Context, id string) (*Order${b}, error) {`,
      '\t// Orders are cached for an hour; a miss falls back to the database.',
      `\tvalue, err := client.Get(ctx, fmt.Sprintf("order:{${b}}:%s", id)).Result()`,
      '\tif err != nil {',
      '\t\treturn nil, err',
      '\t}',
      `\tvar order Order${b}`,
      '\treturn &order, json.Unmarshal([]byte(value), &order)',
      '}',
      '',
      `func SaveOrder${b}(ctx context.Context, order Order${b}) error {`,
      '\tdata, _ := json.Marshal(order)',
      `\tif err := client.Set(ctx, fmt.Sprintf("order:{${b}}:%s", order.ID), data, time.Hour).Err(); err != nil {`,
      '\t\treturn err',
      '\t}',
      '\treturn client.SAdd(ctx, "orders:index", order.ID).Err()',
      '}',
      '',
      `func Forget${b}(ctx context.Context, id string, seen map[string]int) error {`,
      `\tif seen[id] != ${b} {`,
      '\t\treturn nil',
      '\t}',
      '\treturn client.Del(ctx, "session:"+id, "audit:"+id).Err()',
      '}',
      '',
    );
  }
  return lines.join('\n');
}

const GENERATORS = { csharp: csharpModule, python: pythonModule, java: javaModule, go: goModule };

/** One file in three uses Redis in a generated service: more than the 2–7% of files seen in Azure's own samples. */
const REDIS_FILE_EVERY = 3;

/**
 * The generated corpus: `filesPerLanguage` files per language whose sizes spread from 2 to 50 blocks (60 to 1,500
 * lines), the way a service's files range from small helpers to large classes. With `allRedis` false, only every
 * third file uses Redis; the others are the same code with the store renamed (`redis` → `store`, other ports), so
 * parsing costs the same and only the scanner's prefilter tells them apart. Returns { path, text } pairs.
 */
export function generatedLanguageCorpus({ filesPerLanguage = 27, allRedis = false } = {}) {
  const files = [];
  for (const [language, generate] of Object.entries(GENERATORS)) {
    for (let i = 0; i < filesPerLanguage; i++) {
      const blocks = 2 + ((i * 17) % 49);
      const name = language === 'csharp' || language === 'java' ? `OrdersCache${i}` : `orders_cache_${i}`;
      const text = generate(blocks, name);
      // Every third run of three files uses Redis: with 27 files, 9 of them and 33% of the lines (24 files gave 9, 36%).
      const usesRedis = allRedis || Math.floor(i / 3) % REDIS_FILE_EVERY === 0;
      files.push({ path: `${language}/${name}${LANGUAGE_EXTENSIONS[language]}`, text: usesRedis ? text : withoutRedis(text) });
    }
  }
  return files;
}

function withoutRedis(text) {
  return text.replace(/jedis/g, 'conn').replace(/Jedis/g, 'Conn').replace(/redis/g, 'store').replace(/Redis/g, 'Store').replace(/REDIS/g, 'STORE').replace(/63(79|80)/g, '80$1');
}
