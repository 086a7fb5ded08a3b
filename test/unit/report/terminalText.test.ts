import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatInventoryText } from '../../../src/cli/commands/inventory';
import { cacheFromRedisResource } from '../../../src/core/azure/armMapping';
import { formatTextReport } from '../../../src/core/report/textReport';
import { loadArmFixture } from '../../armServer/armFixtures';
import { sampleReport } from '../../helpers/sampleReport';

const TITLE = '\x1b]0;owned\x07';
const CLEAR = '\x1b[2J';

test('file names with terminal control sequences are printed escaped in the text report', () => {
  const cwd = join('/', 'projects', 'repo');
  const report = sampleReport(cwd);
  const hostile = { ...report, findings: report.findings.map((finding) => ({ ...finding, file: join(cwd, `a${TITLE}${CLEAR}b.ts`) })) };
  for (const color of [false, true]) {
    const text = formatTextReport(hostile, { color });
    assert.ok(!text.includes(TITLE) && !text.includes(CLEAR) && !text.includes('\x07'), JSON.stringify(text));
    assert.match(text, /a\\u001b\]0;owned\\u0007\\u001b\[2Jb\.ts:3:9/);
  }
});

test('Azure names with terminal control sequences are printed escaped in the inventory table', () => {
  const json = structuredClone(loadArmFixture('redis/2024-11-01/RedisCacheGet.json').body) as Record<string, unknown>;
  json.id = String(json.id).replace(/[^/]+$/, `cache${CLEAR}`);
  const cache = cacheFromRedisResource(json);
  const text = formatInventoryText({ subscriptions: [{ subscriptionId: cache.subscriptionId, displayName: `Sub${TITLE}` }], caches: [cache], errors: [] });
  assert.ok(!/[\x00-\x09\x0b-\x1f]/.test(text), JSON.stringify(text));
  assert.match(text, /cache\\u001b\[2J/);
  assert.match(text, /Sub\\u001b\]0;owned\\u0007/);
});

test('the inventory table keeps its columns aligned when a name is escaped', () => {
  const json = structuredClone(loadArmFixture('redis/2024-11-01/RedisCacheGet.json').body) as Record<string, unknown>;
  json.id = String(json.id).replace(/[^/]+$/, `cache${CLEAR}`);
  const cache = cacheFromRedisResource(json);
  const lines = formatInventoryText({ subscriptions: [], caches: [cache], errors: [] }).split('\n');
  const header = lines.find((line) => line.trimStart().startsWith('NAME'))!;
  const row = lines[lines.indexOf(header) + 1]!;
  assert.equal(row.indexOf(cache.resourceGroup), header.indexOf('RESOURCE GROUP'), `${header}\n${row}`);
});
