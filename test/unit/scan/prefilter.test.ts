import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayHoldFindings } from '../../../src/core/scan/script/prefilter';

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
