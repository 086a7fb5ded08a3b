import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanSources } from '../../../src/core/scan/scanner';
import { DEFAULT_SCAN_SETTINGS } from '../../../src/core/findings';
import { RULES } from '../../../src/core/rules';

/** Values reach clients through other files: every ES/CommonJS export form the evaluator follows. */
function portFindings(files: Record<string, string>): string[] {
  const inputs = Object.entries(files).map(([path, text]) => ({ path, text }));
  return scanSources(inputs, DEFAULT_SCAN_SETTINGS, RULES)
    .findings.filter((f) => f.ruleId === 'legacy-tls-port')
    .map((f) => `${f.file}:${f.line}:${f.column}`);
}

const CLIENT = "import { createClient } from 'redis';\n";

test('re-exports, export lists and namespace imports', () => {
  assert.deepEqual(
    portFindings({
      '/ws/src/raw.ts': 'const port = 6380;\nexport { port as PORT };\n',
      '/ws/src/index.ts': "export * from './raw';\n",
      '/ws/src/app.ts': CLIENT + "import * as settings from './index';\ncreateClient({ socket: { host: process.env.H, port: settings.PORT } });\n",
    }),
    ['/ws/src/raw.ts:1:14'],
  );
});

test('CommonJS module.exports, require destructuring with a default and .js specifiers naming .ts files', () => {
  assert.deepEqual(
    portFindings({
      '/ws/lib/config.js': "module.exports = { redis: { port: process.env.P || '6380' } };\n",
      '/ws/lib/app.js': "const { createClient } = require('redis');\nconst { redis: { port } = {} } = require('./config');\nconst cfg = require('./config');\ncreateClient({ socket: { host: process.env.H, port: cfg.redis.port } });\n",
      '/ws/src/a.ts': 'export const P = 6380;\n',
      '/ws/src/b.ts': CLIENT + "import { P } from './a.js';\ncreateClient({ socket: { host: process.env.H, port: P } });\n",
    }),
    ['/ws/lib/config.js:1:53', '/ws/src/a.ts:1:18'],
  );
});

test('a parameter shadowing a constant is not resolved to the constant', () => {
  assert.deepEqual(
    portFindings({
      '/ws/a.ts': CLIENT + 'const port = 6380;\nexport function make(port: number) {\n  return createClient({ socket: { host: process.env.H, port } });\n}\n',
    }),
    [],
  );
});

test('import cycles and self-references terminate', () => {
  assert.deepEqual(
    portFindings({
      '/ws/a.ts': "import { B } from './b';\nexport const A = B;\n",
      '/ws/b.ts': "import { A } from './a';\nexport const B = A;\n",
      '/ws/c.ts': CLIENT + "import { A } from './a';\ncreateClient({ socket: { host: process.env.H, port: A } });\n",
    }),
    [],
  );
});
