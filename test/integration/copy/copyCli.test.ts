import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../../src/cli/runCli';
import { captureIo } from '../../helpers/captureIo';
import { RedisTestEnv, type RedisServer } from '../../helpers/redisServers';
import { seedServer } from './dataset';

const SOURCE_PASSWORD = 'cli-Source-Secret';
const TARGET_PASSWORD = 'cli-Target-Secret';

describe('amr-migrate copy', () => {
  const env = new RedisTestEnv();
  let source: RedisServer;
  let total = 0;
  const io = () => captureIo({ cwd: env.dir });
  const noSecrets = (text: string) => {
    assert.ok(!text.includes(SOURCE_PASSWORD) && !text.includes(TARGET_PASSWORD), `a password was printed:\n${text}`);
  };

  before(async () => {
    source = await env.startServer({ tls: true, password: SOURCE_PASSWORD });
    total = await seedServer(source, { small: 1_500, bigElements: 0, ttlEvery: 4 });
  });
  after(() => env.dispose());

  test('copies, verifies, prints JSON ending with the summary and exits 0; passwords never echoed', async () => {
    const target = await env.startServer({ tls: true, password: TARGET_PASSWORD });
    const out = io();
    const code = await runCli(['copy', '--from', source.url(), '--to', target.url(), '--ca', source.tls!.caFile, '--format', 'json'], out);
    assert.equal(code, 0, out.stderr());
    const report = JSON.parse(out.stdout());
    assert.deepEqual(Object.keys(report).slice(-5), ['copied', 'skipped', 'missing', 'different', 'durationMs']);
    assert.equal(report.copied, total);
    assert.equal(report.missing, 0);
    assert.equal(report.different, 0);
    assert.match(out.stderr(), /copy: \d+\/\d+ keys/, 'progress on stderr');
    noSecrets(out.stdout() + out.stderr());
    assert.deepEqual(readdirSync(env.dir).filter((f) => f.endsWith('.checkpoint.json')), [], 'checkpoint removed after success');
  });

  test('a non-empty target is refused (exit 1) with the flags that allow it; --allow-non-empty-target reports conflicts', async () => {
    const target = await env.startServer({ tls: true, password: TARGET_PASSWORD });
    target.cli('SET', 'k:0', 'something else');
    const refused = io();
    const args = ['copy', '--from', source.url(), '--to', target.url(), '--ca', source.tls!.caFile];
    assert.equal(await runCli(args, refused), 1);
    assert.match(refused.stderr(), /already holds 1 keys[\s\S]*--allow-non-empty-target[\s\S]*--overwrite/);
    assert.equal(target.cli('DBSIZE').trim(), '1', 'nothing written');

    const kept = io();
    assert.equal(await runCli([...args, '--allow-non-empty-target'], kept), 1, 'a conflict is a difference');
    assert.match(kept.stdout(), /conflicts .*: 1\n {4}k:0/);
    assert.match(kept.stdout(), /different \(value\): k:0/);
    assert.equal(target.cli('GET', 'k:0').trim(), 'something else', 'the clashing key was left alone');

    const replaced = io();
    assert.equal(await runCli([...args, '--overwrite', '--verify', 'sample'], replaced), 0, replaced.stdout());
    assert.equal(target.cli('GET', 'k:0').trim(), 'value-0-');
    noSecrets(refused.stderr() + kept.stdout() + kept.stderr() + replaced.stdout());
  });

  test('--dry-run counts keys per type and writes nothing', async () => {
    const target = await env.startServer();
    const out = io();
    assert.equal(await runCli(['copy', '--from', source.url(), '--to', target.url(), '--ca', source.tls!.caFile, '--dry-run'], out), 0, out.stderr());
    assert.match(out.stdout(), new RegExp(`source keys: ${total} \\(.*string 250.*\\)`));
    assert.match(out.stdout(), /estimated size: [\d.]+ (KiB|MiB)/);
    assert.equal(target.cli('DBSIZE').trim(), '0');
  });

  test('an unreachable target fails with exit 1 and a clear message', async () => {
    const target = await env.startServer();
    await target.kill();
    const out = io();
    assert.equal(await runCli(['copy', '--from', source.url(), '--to', target.url(), '--ca', source.tls!.caFile], out), 1);
    assert.match(out.stderr(), new RegExp(`cannot connect to redis://127.0.0.1:${target.port}.*ECONNREFUSED`));
  });

  test('a wrong password is an authentication failure (exit 1) that does not echo the password', async () => {
    const target = await env.startServer({ password: TARGET_PASSWORD });
    const out = io();
    const wrong = 'Wrong-Guess-123';
    assert.equal(await runCli(['copy', '--from', source.url(), '--to', `redis://default:${wrong}@127.0.0.1:${target.port}`, '--ca', source.tls!.caFile], out), 1);
    assert.match(out.stderr(), new RegExp(`authentication to redis://127.0.0.1:${target.port} as default failed: WRONGPASS`));
    assert.ok(!out.stderr().includes(wrong));
    noSecrets(out.stderr());
  });

  test('passwords come from AMR_MIGRATE_FROM_PASSWORD / AMR_MIGRATE_TO_PASSWORD when the URLs hold none, and are never printed', async () => {
    const target = await env.startServer({ tls: true, password: TARGET_PASSWORD });
    const withoutPassword = (url: string) => url.replace(/\/\/[^@]*@/, '//');
    const args = ['copy', '--from', withoutPassword(source.url()), '--to', withoutPassword(target.url()), '--ca', source.tls!.caFile];
    const out = captureIo({ cwd: env.dir, env: { AMR_MIGRATE_FROM_PASSWORD: SOURCE_PASSWORD, AMR_MIGRATE_TO_PASSWORD: TARGET_PASSWORD } });
    assert.equal(await runCli([...args, '--verify', 'sample'], out), 0, out.stderr());
    assert.equal(target.cli('DBSIZE').trim(), String(total));
    noSecrets(out.stdout() + out.stderr());

    const wrong = captureIo({ cwd: env.dir, env: { AMR_MIGRATE_FROM_PASSWORD: SOURCE_PASSWORD, AMR_MIGRATE_TO_PASSWORD: 'Wrong-From-Env-42' } });
    assert.equal(await runCli([...args, '--dry-run'], wrong), 1);
    assert.match(wrong.stderr(), /WRONGPASS/);
    assert.ok(!wrong.stderr().includes('Wrong-From-Env-42'), wrong.stderr());
  });

  test('usage errors exit 2 and mask passwords', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['copy', '--from', source.url()], /both --from URL and --to URL are required/],
      [['copy', '--from', source.url(), '--to', 'http://u:hunter22@host'], /unsupported scheme 'http:' in http:\/\/u:\*\*\*@host/],
      [['copy', '--from', source.url(), '--to', 'redis://h:1', '--verify', 'most'], /--verify must be full, sample or none/],
      [['copy', '--from', source.url(), '--to', 'redis://h:1', '--resume', 'nope.json'], /no checkpoint at .*nope.json/],
      [['copy', '--from', source.url(), '--to', 'redis://u:p4ss@h:1', '--entra'], /--entra authenticates with a token/],
      [['copy', '--from', source.url(), '--to', 'redis://h:1', '--bogus'], /Unknown option '--bogus'/],
    ];
    for (const [args, message] of cases) {
      const out = io();
      assert.equal(await runCli(args, out), 2, args.join(' '));
      assert.match(out.stderr(), message);
      assert.match(out.stderr(), /Usage: amr-migrate copy --from URL --to URL/, 'the help follows the complaint');
      noSecrets(out.stderr());
      assert.ok(!out.stderr().includes('hunter22'));
    }
    const help = io();
    assert.equal(await runCli(['copy', '--help'], help), 0);
    assert.match(help.stdout(), /--from URL[\s\S]*--verify full\|sample\|none/);
    assert.ok(!existsSync(join(env.dir, 'nope.json')));
  });
});
