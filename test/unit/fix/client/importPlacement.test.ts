import assert from 'node:assert/strict';
import { test } from 'node:test';
import { syntaxErrorCount } from '../../../../src/core/fix/syntaxCheck';
import { applyRuleFixes } from '../../../helpers/clientFixes';

const PACKAGE = '{\n  "dependencies": {\n    "redis": "^5.8.0"\n  }\n}\n';

test('new imports go after the last import statement when code shares its line', () => {
  const esm = "import { createClient } from 'redis'; export const client = createClient({\n  url: process.env.REDIS_URL,\n  password: process.env.REDIS_KEY,\n});\n";
  const commonjs = 'const { createClient } = require("redis"); module.exports = createClient({\n  url: process.env.REDIS_URL,\n  password: process.env.REDIS_KEY,\n})\n';
  for (const [path, text] of [['/ws/src/cache.ts', esm], ['/ws/cache.js', commonjs]] as const) {
    const { files } = applyRuleFixes({ [path]: text, '/ws/package.json': PACKAGE }, 'access-key-auth');
    const fixed = files[path]!;
    assert.notEqual(fixed, text, `${path} was fixed`);
    assert.equal(syntaxErrorCount(path, fixed), 0, `${path} still parses:\n${fixed}`);
    assert.match(fixed, /^(import|const) \{ createClient \} .*'?"?redis'?"?\)?; ?\n(import|const) \{ /, fixed);
    assert.match(fixed, /\n(export const client|module\.exports) = createClient\(\{\n  url: process\.env\.REDIS_URL,\n  credentialsProvider:/);
  }
});
