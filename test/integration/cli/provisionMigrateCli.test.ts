import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import type { SimulatorOptions } from '../../armServer/armSimulator';
import type { SimulatedArm } from '../../armServer/simulatedArm';
import { startSimulatedArm } from '../../armServer/simulatedArm';
import { migrationSourceId, migrationTargetId } from '../../armServer/scenarios';
import { CLI, runCliProcess } from '../../helpers/cliProcess';

const USER = '6497c918-11ad-41e7-1b0f-7c518a87d0b0';
const SOURCE = migrationSourceId();
const TARGET = migrationTargetId('orders-amr');

describe('amr-migrate provision and migrate as child processes against the ARM simulator', () => {
  let arm: SimulatedArm;
  let dir: string;
  let env: Record<string, string>;
  const start = async (options: SimulatorOptions = {}, token?: string) => {
    arm = await startSimulatedArm(options, token);
    dir = mkdtempSync(join(tmpdir(), 'amr-provision-cli-'));
    writeFileSync(join(dir, 'ca.pem'), arm.server.caCertPem);
    env = { AMR_MIGRATE_ACCESS_TOKEN: arm.token, NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem') };
  };
  afterEach(async () => {
    await arm?.server.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const cli = async (...args: string[]) => {
    const run = await runCliProcess([...args, '--arm-endpoint', arm.server.url], env);
    assert.doesNotMatch(run.stdout + run.stderr, new RegExp(arm.token), 'the token is never printed');
    return run;
  };
  const writes = () => arm.simulator.requests.filter((r) => r.method !== 'GET');
  const provision = (...extra: string[]) => cli('provision', '--source', SOURCE, '--name', 'orders-amr', '--grant', USER, '--format', 'json', ...extra);

  it('provision without --yes prints the requests of the contract and sends nothing', async () => {
    await start();
    const run = await provision();
    assert.equal(run.code, 0, run.stderr);
    const document = JSON.parse(run.stdout) as { requests: { method: string; url: string; body: Record<string, any> }[]; nameCheck: { available: boolean }; result?: unknown };
    assert.equal(document.result, undefined);
    assert.deepEqual(document.requests.map((r) => [r.method, r.url.replace(arm.server.url, '')]), [
      ['PUT', `${TARGET}?api-version=2025-07-01`],
      ['PUT', `${TARGET}/databases/default?api-version=2025-07-01`],
      ['PUT', `${TARGET}/databases/default/accessPolicyAssignments/amrmigrate${USER.replace(/-/g, '')}?api-version=2025-07-01`],
    ]);
    assert.equal(document.requests[0].body.sku.name, 'Balanced_B5', 'the plan\'s SKU without --sku');
    assert.match(run.stderr, /nothing was sent to Azure; add --yes/);
    assert.deepEqual(writes(), []);
    const dry = await provision('--yes', '--dry-run', '--format', 'text');
    assert.equal(dry.code, 0);
    assert.match(dry.stdout, /The host name orders-amr\.westus2\.redis\.azure\.net is free among the 0 clusters of subscription 22222222-0000-4000-8000-000000000002; Azure offers no name check/);
    assert.deepEqual(document.nameCheck.available, true);
    assert.match(dry.stdout, /OSS cluster: clients must be cluster-aware/);
    assert.deepEqual(writes(), []);
  });

  it('provision --yes creates the target and prints its result; a second run sends nothing', async () => {
    await start();
    const run = await provision('--yes');
    assert.equal(run.code, 0, run.stderr);
    const { result } = JSON.parse(run.stdout) as { result: { id: string; hostName: string; provisioningState: string } };
    assert.deepEqual(result, { id: TARGET, hostName: 'orders-amr.westus2.redis.azure.net', provisioningState: 'Succeeded' });
    assert.equal(writes().length, 3);
    const again = await provision('--yes');
    assert.equal(again.code, 0, again.stderr);
    assert.equal(writes().length, 3);
    assert.match(again.stderr, /already there/);
    assert.match(JSON.parse(again.stdout).nameCheck.message, /orders-amr in rg-orders was created by amr-migrate for this source: this run continues it/);
  });

  it('provision: a cluster of the subscription that has the host name already stops it before anything is sent (exit 1)', async () => {
    await start();
    // Someone's orders-amr in another resource group, same region: the same host name orders-amr.westus2.redis.azure.net.
    assert.equal((await provision('--yes', '--resource-group', 'rg-elsewhere')).code, 0);
    const sent = writes().length;
    const taken = await provision('--yes');
    assert.equal(taken.code, 1, taken.stderr);
    assert.match(taken.stderr, /the host name orders-amr\.westus2\.redis\.azure\.net is taken by orders-amr in resource group rg-elsewhere \(subscription 22222222-0000-4000-8000-000000000002\); choose another name; nothing was sent to Azure/);
    const { nameCheck, result } = JSON.parse(taken.stdout) as { nameCheck: { available: boolean; takenBy: string }; result?: unknown };
    assert.deepEqual([nameCheck.available, nameCheck.takenBy, result], [false, migrationTargetId('orders-amr').replace('rg-orders', 'rg-elsewhere'), undefined]);
    assert.equal(writes().length, sent, 'nothing was sent');
    const dry = await provision('--format', 'text');
    assert.equal(dry.code, 0, 'a dry run still prints the requests');
    assert.match(dry.stdout, /The host name orders-amr\.westus2\.redis\.azure\.net is taken by orders-amr/);
    assert.match(dry.stderr, /choose another name; with --yes nothing would be sent/);
    // Another region gives another host name.
    assert.equal((await provision('--location', 'eastus')).code, 0);
  });

  it('provision --grant me grants the signed-in identity (its token\'s oid); a token that names none is a usage error', async () => {
    const me = '0f9a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c';
    const part = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
    await start({}, `${part({ alg: 'none', typ: 'JWT' })}.${part({ oid: me, aud: 'https://management.azure.com' })}.c2ln`);
    const run = await cli('provision', '--source', SOURCE, '--name', 'orders-amr', '--grant', 'me', '--grant', USER, '--format', 'json');
    assert.equal(run.code, 0, run.stderr);
    const { requests } = JSON.parse(run.stdout) as { requests: { url: string; body: { properties?: { user?: { objectId: string } } } }[] };
    assert.deepEqual(requests.slice(2).map((r) => r.body.properties?.user?.objectId), [me, USER]);
    await arm.server.stop();
    rmSync(dir, { recursive: true, force: true });

    await start();
    const unknown = await cli('provision', '--source', SOURCE, '--name', 'orders-amr', '--grant', 'me');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--grant me: the token of the signed-in identity names no object id \(oid claim\); give the object id itself/);
    assert.deepEqual(writes(), []);
  });

  it('provision: bad names are usage errors (2); a refusal by Azure exits 1 naming the permission', async () => {
    await start({ faults: [{ kind: 'status', method: 'PUT', match: /orders-amr$/, status: 403 }] });
    const bad = await cli('provision', '--source', SOURCE, '--name', 'orders--amr');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /name: use letters, digits and single hyphens/);
    const search = await cli('provision', '--source', SOURCE, '--name', 'orders-amr', '--module', 'RediSearch', '--clustering-policy', 'OSSCluster', '--yes');
    assert.equal(search.code, 2);
    assert.match(search.stderr, /modules: RediSearch needs the EnterpriseCluster clustering policy/);
    assert.deepEqual(writes(), []);
    const refused = await provision('--yes');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /the permission 'Microsoft\.Cache\/redisEnterprise\/write' on .*orders-amr is missing/);
  });

  it('migrate validate prints errors, warnings and local checks; start needs --force for warnings and --yes to send', async () => {
    await start();
    assert.equal((await provision('--yes')).code, 0);
    const validate = await cli('migrate', 'validate', '--source', SOURCE, '--target', TARGET, '--format', 'json');
    assert.equal(validate.code, 0, validate.stderr);
    const result = JSON.parse(validate.stdout) as { isValid: boolean; errors: unknown[]; warnings: { category: string; message: string }[]; localChecks: { id: string; ok: boolean }[] };
    assert.equal(result.isValid, true);
    assert.deepEqual(result.warnings.map((w) => w.category), ['Managed Identity', 'Persistence']);
    assert.ok(result.localChecks.length >= 8 && result.localChecks.every((c) => c.ok));

    const unforced = await cli('migrate', 'start', '--source', SOURCE, '--target', TARGET, '--yes');
    assert.equal(unforced.code, 1);
    assert.match(unforced.stderr, /Persistence:\n\s+- The source resource has RDB persistence enabled/);
    assert.match(unforced.stderr, /not started: accept the warnings above with --force/);

    const shown = await cli('migrate', 'start', '--source', SOURCE, '--target', TARGET, '--force', '--format', 'json');
    assert.equal(shown.code, 0);
    assert.equal(JSON.parse(shown.stdout).requests[0].body.properties.forceMigrate, true);
    assert.ok(!writes().some((r) => /migrations\/default$/.test(r.path)), 'nothing sent without --yes');
    const dry = await cli('migrate', 'start', '--source', SOURCE, '--target', TARGET, '--force', '--yes', '--dry-run');
    assert.equal(dry.code, 0);
    assert.match(dry.stdout, /PUT .*orders-amr\/migrations\/default\?api-version=/);
    assert.match(dry.stderr, /dry run, nothing was sent to Azure/);
    assert.ok(!writes().some((r) => /migrations\/default$/.test(r.path)), 'nothing sent with --dry-run, even with --yes');

    const started = await cli('migrate', 'start', '--source', SOURCE, '--target', TARGET, '--force', '--yes', '--wait', '--format', 'json');
    assert.equal(started.code, 0, started.stderr);
    const status = JSON.parse(started.stdout) as { provisioningState: string; rollbackEligibleUntil: string };
    assert.equal(status.provisioningState, 'Succeeded');
    assert.ok(Date.parse(status.rollbackEligibleUntil) > Date.now());
    assert.match(started.stderr, /InProgress/);
    const switched = { oldHostName: 'orders-cache.redis.cache.windows.net', hostName: 'orders-amr.westus2.redis.azure.net' };
    assert.deepEqual((JSON.parse(started.stdout) as { switched: unknown }).switched, switched);
    const text = await cli('migrate', 'status', '--target', TARGET);
    assert.match(text.stdout, /amr-migrate scan --switched orders-cache\.redis\.cache\.windows\.net=orders-amr\.westus2\.redis\.azure\.net/);
  });

  it('migrate status, cancel and unlink follow the states; cancel needs --reason and --yes', async () => {
    await start();
    assert.equal((await provision('--yes')).code, 0);
    assert.equal((await cli('migrate', 'status', '--target', TARGET)).code, 1, 'no migration yet');
    assert.equal((await cli('migrate', 'start', '--source', SOURCE, '--target', TARGET, '--force', '--yes')).code, 0);
    const states: string[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await cli('migrate', 'status', '--target', TARGET, '--format', 'json');
      assert.equal(run.code, 0, run.stderr);
      states.push((JSON.parse(run.stdout) as { provisioningState: string }).provisioningState);
    }
    assert.deepEqual(states, ['InProgress', 'ReadyForDnsSwitch', 'Succeeded']);
    const text = await cli('migrate', 'status', '--target', TARGET);
    assert.match(text.stdout, /^Migration: Succeeded\n  the old host name now reaches the new cache\n/);
    assert.match(text.stdout, /can be rolled back until \d{4}-/);

    const noReason = await cli('migrate', 'cancel', '--target', TARGET, '--yes');
    assert.equal(noReason.code, 2);
    assert.match(noReason.stderr, /cancel needs --reason/);
    const unconfirmed = await cli('migrate', 'cancel', '--target', TARGET, '--reason', 'testing');
    assert.equal(unconfirmed.code, 0);
    assert.match(unconfirmed.stdout, /POST .*\/migrations\/default\/cancel\?api-version=2026-06-01-preview\n\{\n  "rollbackReason": "testing"/);
    assert.ok(!writes().some((r) => /cancel$/.test(r.path)));
    const cancelled = await cli('migrate', 'cancel', '--target', TARGET, '--reason', 'testing', '--yes', '--wait', '--format', 'json');
    assert.equal(cancelled.code, 0, cancelled.stderr);
    assert.equal(JSON.parse(cancelled.stdout).provisioningState, 'Cancelled');
    const unlink = await cli('migrate', 'unlink', '--target', TARGET, '--yes');
    assert.equal(unlink.code, 1);
    assert.match(unlink.stderr, /cannot unlink: the migration is Cancelled/);
  });
});

describe('amr-migrate migrate status and states it does not know', () => {
  it('prints Azure\'s word for an unknown state, says it is unknown, and exits 0', async () => {
    const arm = await startSimulatedArm({ migrationStates: ['Provisioning', 'Provisioning', 'Provisioning'] });
    const dir = mkdtempSync(join(tmpdir(), 'amr-migrate-unknown-'));
    try {
      writeFileSync(join(dir, 'ca.pem'), arm.server.caCertPem);
      const env = { AMR_MIGRATE_ACCESS_TOKEN: arm.token, NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem') };
      const run = (...args: string[]) => runCliProcess([...args, '--arm-endpoint', arm.server.url], env);
      assert.equal((await run('provision', '--source', SOURCE, '--name', 'orders-amr', '--yes')).code, 0);
      assert.equal((await run('migrate', 'start', '--source', SOURCE, '--target', TARGET, '--force', '--yes')).code, 0);
      const json = await run('migrate', 'status', '--target', TARGET, '--format', 'json');
      assert.equal(json.code, 0, json.stderr);
      assert.equal(JSON.parse(json.stdout).provisioningState, 'Provisioning');
      const text = await run('migrate', 'status', '--target', TARGET);
      assert.match(text.stdout, /^Migration: Provisioning\n  Azure reports the state Provisioning, which this version of amr-migrate does not know/);
    } finally {
      await arm.server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Ctrl+C during amr-migrate provision', () => {
  it('stops waiting with exit 130 and deletes nothing; the cluster stays as Azure has it', async () => {
    const arm = await startSimulatedArm({ pollsPerOperation: 50, retryAfterSeconds: 1 });
    const dir = mkdtempSync(join(tmpdir(), 'amr-provision-sigint-'));
    try {
      writeFileSync(join(dir, 'ca.pem'), arm.server.caCertPem);
      const env = { PATH: process.env.PATH ?? '', AMR_MIGRATE_ACCESS_TOKEN: arm.token, NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem') };
      const args = [CLI, 'provision', '--source', SOURCE, '--name', 'orders-amr', '--yes', '--arm-endpoint', arm.server.url];
      const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/InProgress/.test(stderr) && child.exitCode === null && !child.killed) child.kill('SIGINT');
      });
      const code = await new Promise<number | null>((done) => child.on('close', done));
      assert.equal(code, 130, stderr);
      assert.match(stderr, /stopped waiting for creating cluster orders-amr; Azure carries on with it/);
      assert.equal(arm.simulator.resource(TARGET)!.properties.provisioningState, 'Creating');
      assert.ok(!arm.simulator.requests.some((r) => r.method === 'DELETE'));
    } finally {
      await arm.server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
