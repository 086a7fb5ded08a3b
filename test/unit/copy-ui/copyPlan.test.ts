import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CopyArgumentError, engineOptions, isCopyDataArgument, planFromArgument } from '../../../src/vscode/copy/copyPlan';

describe('the Copy Data command argument (automation)', () => {
  test('is recognised by its from/to fields, not by a tree node', () => {
    assert.equal(isCopyDataArgument({ from: 'redis://a', to: 'redis://b' }), true);
    assert.equal(isCopyDataArgument({ kind: 'cache', cache: {} }), false);
    assert.equal(isCopyDataArgument(undefined), false);
  });

  test('defaults: full verification, no overwrite, empty target required, a new copy', () => {
    const { plan, entra } = planFromArgument({ from: 'rediss://default:pw@src.example:6380/2', to: 'rediss://dst.example:10000', keyPrefix: 'db2:' });
    assert.equal(entra, false);
    assert.equal(plan.source.name, 'rediss://src.example:6380 db 2', 'the name never carries the password');
    assert.deepEqual(engineOptions(plan), {
      source: { host: 'src.example', port: 6380, tls: true, db: 2, cluster: false, username: 'default', password: 'pw' },
      target: { host: 'dst.example', port: 10000, tls: true, db: 0, cluster: false },
      dryRun: false, verify: 'full', overwrite: false, allowNonEmptyTarget: false, keyPrefix: 'db2:', resume: false,
    });
  });

  test('live: a boolean, not with a dry run', () => {
    assert.equal(planFromArgument({ from: 'redis://a', to: 'redis://b', live: true }).plan.live, true);
    assert.equal(planFromArgument({ from: 'redis://a', to: 'redis://b' }).plan.live, false);
    assert.throws(() => planFromArgument({ from: 'redis://a', to: 'redis://b', live: 'yes' }), /live must be true or false/);
    assert.throws(() => planFromArgument({ from: 'redis://a', to: 'redis://b', live: true, dryRun: true }), /live and dryRun exclude each other/);
  });

  test('every field is checked; a bad URL never echoes its password', () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ from: 'redis://a', to: 'redis://b', verify: 'most' }, /verify must be full, sample or none/],
      [{ from: 'redis://a', to: 'redis://b', dryRun: 'yes' }, /dryRun must be true or false/],
      [{ from: 'redis://a', to: 'redis://b', flush: true }, /unknown field\(s\) flush/],
      [{ from: 'redis://a', to: 'redis://b', keyPrefix: 3 }, /keyPrefix must be a string/],
      [{ from: 'redis://a', to: 42 }, /"to" must be a redis/],
      [{ from: 'https://user:hunter22@a', to: 'redis://b' }, /^"from": unsupported scheme 'https:' in https:\/\/user:\*\*\*@a: use redis/],
      [{ from: 'redis://a', to: 'redis://u:p@b', entra: true }, /leave user and password out/],
      [{ from: 'redis://a:6379', to: 'redis://A' }, /the same database \(redis:\/\/a:6379\)/],
    ];
    for (const [argument, message] of bad) {
      assert.throws(() => planFromArgument(argument), (error: Error) => error instanceof CopyArgumentError && message.test(error.message), JSON.stringify(argument));
    }
  });
});
