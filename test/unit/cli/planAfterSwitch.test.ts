import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/runCli';
import { loadArmFixture } from '../../armServer/armFixtures';
import { captureIo } from '../../helpers/captureIo';

const dir = mkdtempSync(join(tmpdir(), 'amr-plan-after-switch-'));
const source = loadArmFixture('redis/2024-11-01/RedisCacheGet.json').body as Record<string, any>;
const target = structuredClone(loadArmFixture('redisenterprise/2025-07-01/RedisEnterpriseGet.json').body) as Record<string, any>;
// The example is an Enterprise cluster; as the target of a migration it is an Azure Managed Redis one.
target.sku = { name: 'Balanced_B5' };
target.properties.migratedEndpoint = source.properties.hostName;
writeFileSync(join(dir, 'source.json'), JSON.stringify(source));
writeFileSync(join(dir, 'target.json'), JSON.stringify(target));
writeFileSync(join(dir, 'unmigrated.json'), JSON.stringify({ ...target, properties: { ...target.properties, migratedEndpoint: undefined } }));

const plan = async (...args: string[]) => {
  const io = captureIo({ cwd: dir });
  assert.equal(await runCli(['plan', ...args], io), 0, io.stderr());
  return io;
};

describe('amr-migrate plan after Azure\'s automated migration switched the host name', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('JSON: the source\'s plan gains afterSwitch with the changes still needed; the AMR cache is not planned', async () => {
    const io = await plan('source.json', 'target.json', '--format', 'json');
    const { plans } = JSON.parse(io.stdout()) as { plans: { source: { name: string }; afterSwitch?: { targetHostName: string; stillNeeded: { id: string; when: string }[] } }[] };
    assert.deepEqual(plans.map((p) => p.source.name), ['cache1']);
    assert.equal(plans[0].afterSwitch?.targetHostName, target.properties.hostName);
    const still = plans[0].afterSwitch!.stillNeeded;
    assert.equal(still.find((c) => c.id === 'legacy-hostname')?.when, 'before-unlink');
    assert.equal(still[0].when, 'now', 'what breaks now comes first');
    assert.doesNotMatch(io.stderr(), /already Azure Managed Redis/, 'the migration target is context, not a mistake');
  });

  it('text: a closing section says what is still needed; without migratedEndpoint the plan is as before', async () => {
    const text = (await plan('source.json', 'target.json')).stdout();
    assert.match(text, /\nAfter the switch: cache1's host name now reaches cache1 \([^)]+\)\. Code changes still needed:\n(- [a-z-]+ \([^)]+\): [^\n]+\n)+$/);
    assert.match(text, /- legacy-hostname \(before the old host name is unlinked\): /);
    const before = await plan('source.json', 'unmigrated.json', '--format', 'json');
    assert.equal((JSON.parse(before.stdout()) as { plans: object[] }).plans.some((p) => 'afterSwitch' in p), false);
    assert.match(before.stderr(), /already Azure Managed Redis/);
    const markdown = (await plan('source.json', 'target.json', '--format', 'markdown')).stdout();
    assert.match(markdown, /\n## After the switch\n\nAfter the switch: cache1's host name/);
  });
});
