import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bytesMayHoldFindings, mayHoldFindings } from '../../../src/core/scan/script/prefilter';

test('files that may hold a finding pass the prefilter', () => {
  for (const text of [
    "import { createClient } from 'redis';",
    "const Redis = require('ioredis');",
    "import Valkey from 'iovalkey';",
    'export const PORT = 6380;',
    "const url = 'rediss://x.redis.cache.windows.net';",
    "sub.pSubscribe('__keyevent@0__:expired')",
    "'host:10000,abortConnect=false,password=x'",
  ]) {
    assert.ok(mayHoldFindings(text), text);
  }
});

test('files without any such token are not parsed', () => {
  for (const text of [
    "import { createClient } from '@supabase/supabase-js';\ncreateClient(url, key);",
    'const cache = new Map(); cache.mget?.(["a", "b"]);',
    'function redistribute(items) { return items; }',
    'const big = 163800; const other = 63790;',
    'const itemGetter = () => itemset;',
  ]) {
    assert.ok(!mayHoldFindings(text), text);
  }
});

test('a token that stands only in comments does not make a file pass; anywhere in code it does', () => {
  const onlyComments = [
    '/**\n * @param parser - The Redis command parser\n */\nexport function parse(parser) { return parser.push("GET"); }',
    '// see https://redis.io/commands/get\nconst x = a / 2;\n',
    '#!/usr/bin/env node -- redis\nmain();',
    "const re = /[/]\\//g; /* Redis */ const s = '/*'; // keyspace\n",
    'const t = `a ${b ? `c${d}` : "//"} e`; // redis\nconst y = x / 2; // 6379\n',
    'const n = value.return / 2; // redis\r\nother();\r\n',
    'const f = (x) => /\\/\\*/.test(x); /* valkey */',
  ];
  for (const text of onlyComments) assert.ok(!mayHoldFindings(text), text);
  const inCode = [
    '/** the Redis client */\nimport { createClient } from "redis";',
    '// a comment\nconst url = "redis://host:6379";',
    '/* Redis */ const t = `${host}:6380`;',
    // A legacy host is read in comments too: a commented-out line still names the old cache.
    "// const host = 'orders.redis.cache.windows.net';\nconnect();",
    // A line comment ends at any line break, also a lone carriage return.
    '// comment\rconst client = redisClient();',
  ];
  for (const text of inCode) assert.ok(mayHoldFindings(text), text);
});

test('where a lexer cannot tell a comment from code without a parser, the file passes', () => {
  for (const text of [
    // `}` then `/`: a block before a regular expression, or an object divided.
    'const a = {} / 2; const s = "//"; redis.get(k); // x',
    // `++` then `/`, `!` then `/` (TypeScript non-null or negation), `of`/`await`/`yield` then `/`.
    'i++ / 2; // redis',
    'a! / b; // redis',
    'for (const x of /a/g) {} // redis',
    // `)` then `/`: a group divided, or the condition of `if (x) /re/`.
    'if (x) /re/.test(y); // 6379',
    // JSX text may hold `//` that is no comment.
    'const e = <p>see http://x {redis.get(k)}</p>;',
    // Literals left open.
    "const s = 'open\n// redis",
    'const t = `open // redis',
    '/* open redis',
  ]) {
    assert.ok(mayHoldFindings(text), text);
  }
});

test('the prefilter over bytes lets through every file whose text passes, a token across the edge of its pieces too', () => {
  // Multi-byte characters before the token: byte and character offsets differ. The pieces are 64 KiB.
  const before = `// ${'é'.repeat(20_000)}\n`;
  const tokens = ["'redis'", 'abortConnect', 'port = 6380', 'keyspace', 'KeyEvent', 'VALKEY'];
  for (const token of tokens) {
    for (let shift = 0; shift < 80; shift++) {
      const padding = 64 * 1024 - Buffer.byteLength(before) - 70 + shift;
      const text = `${before}${'x'.repeat(padding)};\nconst value = ${token};\n`;
      assert.ok(mayHoldFindings(text), token);
      assert.ok(bytesMayHoldFindings(Buffer.from(text, 'utf8')), `${token} at ${padding}`);
    }
  }
  for (const text of ['', 'const big = 163800;', `// ${'é'.repeat(40_000)}\nfunction redistribute() {}\n`.repeat(3)]) {
    assert.equal(bytesMayHoldFindings(Buffer.from(text, 'utf8')), false, text.slice(0, 40));
  }
});
