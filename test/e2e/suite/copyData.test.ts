import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { readCheckpoint } from '../../../src/core/copy/checkpoint';
import { parseRedisUrl } from '../../../src/core/copy/endpoint';
import type { CopyProgress } from '../../../src/core/copy/progress';
import type { LiveStatus } from '../../../src/core/copy/liveSync';
import type { CopyRunner, CopyOutcome } from '../../../src/vscode/copy/copyRunner';
import { RedisTestEnv, type RedisServer } from '../../helpers/redisServers';
import { api } from './helpers';

const COMMAND = 'amrMigrate.copyData';
const CUT_OVER = 'amrMigrate.cutOverLiveCopy';
/** The target's ACL user may only write: the copy needs no admin command there. */
const WRITER = { name: 'migrator', password: 'target-secret-1', rules: ['~*', '+@all', '-@admin', '-flushall', '-flushdb'] };

/** Fills a source: `strings` plain keys (DEBUG POPULATE) and one key of every other type, two of them with a TTL. */
function seed(server: RedisServer, strings: number): number {
  server.cli('DEBUG', 'POPULATE', String(strings), 'key', '64');
  server.cli('HSET', 'user:1', 'name', 'Ada', 'plan', 'pro');
  server.cli('RPUSH', 'queue', 'a', 'b', 'c');
  server.cli('SADD', 'tags', 'x', 'y');
  server.cli('ZADD', 'board', '1', 'one', '2', 'two');
  server.cli('XADD', 'events', '*', 'kind', 'signup');
  server.cli('SET', 'session:1', 'token', 'EX', '3600');
  server.cli('EXPIRE', 'user:1', '7200');
  return strings + 6;
}

function dbsize(server: RedisServer): number {
  return Number(server.cli('DBSIZE').trim());
}

async function copy(argument: Record<string, unknown>): Promise<CopyOutcome> {
  const outcome = await vscode.commands.executeCommand<CopyOutcome>(COMMAND, argument);
  assert.ok(outcome, 'the command resolves to its outcome');
  return outcome;
}

suite('Copy Data to Azure Managed Redis', () => {
  const env = new RedisTestEnv();
  let copies: CopyRunner;
  /** A small source for the full copy, a large one so a cancel lands part-way. */
  let source: RedisServer;
  let total = 0;
  let large: RedisServer;
  let largeTotal = 0;
  const progress: CopyProgress[] = [];
  let listening: vscode.Disposable;

  suiteSetup(async () => {
    copies = (await api()).copies;
    listening = copies.onProgress((p) => progress.push(p));
    const debug = { config: ['--enable-debug-command', 'yes'] };
    source = await env.startServer({ password: 'source-secret-1', ...debug });
    total = seed(source, 5_000);
    large = await env.startServer(debug);
    largeTotal = seed(large, 100_000);
  });

  suiteTeardown(async () => {
    listening.dispose();
    await env.dispose();
  });

  setup(() => {
    progress.length = 0;
  });

  test('copies every key into the target, progress reaches the total, the report names nothing missing', async () => {
    const target = await env.startServer({ aclUsers: [WRITER] });
    const to = target.url(WRITER);
    const outcome = await copy({ from: source.url(), to });
    assert.equal(outcome.status, 'copied', JSON.stringify(outcome.error));
    assert.equal(dbsize(target), total);
    assert.equal(target.cli('HGET', 'user:1', 'name').trim(), 'Ada');
    const [ttlSource, ttlTarget] = [source, target].map((server) => Number(server.cli('TTL', 'session:1').trim()));
    assert.ok(ttlTarget > 0 && Math.abs(ttlTarget - ttlSource!) <= 1, `TTL kept: ${ttlTarget} s on the target, ${ttlSource} s on the source`);
    const copyPhase = progress.filter((p) => p.phase === 'copy');
    assert.ok(copyPhase.length > 0, 'progress was reported');
    assert.equal(copyPhase.at(-1)!.keysDone, total);
    assert.equal(copyPhase.at(-1)!.keysTotal, total);
    const v = outcome.result!.verification!;
    assert.deepEqual([v.keysChecked, v.missing, v.different], [total, 0, 0]);
    const report = outcome.report!.getText();
    assert.match(report, new RegExp(`\\*\\*0 missing\\*\\*, \\*\\*0 different\\*\\*`));
    assert.doesNotMatch(report, /source-secret-1|target-secret-1/, 'no password in the report');
    assert.equal(existsSync(copies.checkpointFile(parseRedisUrl(source.url()), parseRedisUrl(to))), false, 'a finished copy leaves no checkpoint');

    const again = await copy({ from: source.url(), to, verify: 'none' });
    assert.equal(again.status, 'failed');
    assert.equal(again.error?.kind, 'target-not-empty', 'a non-empty target is refused unless the caller allows it');
    const kept = await copy({ from: source.url(), to, verify: 'none', allowNonEmptyTarget: true });
    assert.equal(kept.status, 'copied');
    assert.equal(kept.result!.counts.alreadyPresent, total, 'existing keys are recognised, not rewritten');
  });

  test('a wrong password fails with an authentication error that names the server, never the password', async () => {
    const target = await env.startServer();
    const outcome = await copy({ from: source.url({ name: 'default', password: 'wrong-pass-123' }), to: target.url() });
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.error?.kind, 'auth', outcome.error?.message);
    assert.match(outcome.error!.message, new RegExp(`authentication to redis://127\\.0\\.0\\.1:${source.port} as default failed`));
    assert.doesNotMatch(outcome.error!.message, /wrong-pass-123/);
    assert.equal(outcome.error?.resumable, false);
    assert.equal(dbsize(target), 0, 'nothing was written');
  });

  test('Keep in sync: the status bar shows the lag and the keys copied live; Cut Over Live Copy drains, verifies and reports in step', async () => {
    const live = await env.startServer({ config: ['--enable-debug-command', 'yes', '--notify-keyspace-events', 'KEA'] });
    const liveTotal = seed(live, 200);
    const target = await env.startServer();
    const statuses: Array<{ status: LiveStatus; text: string }> = [];
    let changed = 0;
    const watching = copies.onLiveStatus((shown) => {
      statuses.push(shown);
      // Once it follows: the application writes (one new key, one changed, one deleted), then stops and cuts over.
      if (changed === 0 && shown.status.phase === 'following') {
        changed = 1;
        live.cli('SET', 'live:new', 'written while following');
        live.cli('HSET', 'user:1', 'plan', 'team');
        live.cli('DEL', 'queue');
      } else if (changed === 1 && shown.status.liveCopied >= 2 && shown.status.liveDeleted >= 1) {
        changed = 2;
        void vscode.commands.executeCommand(CUT_OVER);
      }
    });
    let outcome: CopyOutcome;
    try {
      outcome = await copy({ from: live.url(), to: target.url(), live: true });
    } finally {
      watching.dispose();
    }
    assert.equal(outcome.status, 'copied', JSON.stringify(outcome.error));
    assert.ok(statuses.some(({ text }) => /^\$\(sync\) In sync · \d+ keys copied live, \d+ deleted · lag \d+ keys, oldest [\d.]+ s$/.test(text)),
      `the status bar showed the lag: ${statuses.map(({ text }) => text).slice(-3).join(' | ')}`);
    assert.ok(statuses.some(({ status }) => status.phase === 'draining'), 'the cut-over drained');
    assert.equal(target.cli('GET', 'live:new').trim(), 'written while following');
    assert.equal(target.cli('HGET', 'user:1', 'plan').trim(), 'team');
    assert.equal(target.cli('EXISTS', 'queue').trim(), '0');
    assert.equal(dbsize(target), liveTotal, 'one key added, one deleted');
    const v = outcome.result!.verification!;
    assert.deepEqual([v.missing, v.different], [0, 0]);
    assert.ok(outcome.result!.live!.liveCopied >= 2, JSON.stringify(outcome.result!.live));
    assert.match(outcome.report!.getText(), /IN STEP: \d+ keys compared, 0 missing, 0 different/);
  });

  test('cancelled mid-copy, then resumed from the checkpoint: nothing lost or duplicated', async () => {
    const target = await env.startServer();
    const argument = { from: large.url(), to: target.url(), verify: 'full' };
    const checkpoint = copies.checkpointFile(parseRedisUrl(large.url()), parseRedisUrl(target.url()));
    // Cancel as the notification's Cancel button does, once some batches are committed to the checkpoint.
    const cancelling = copies.onProgress((p) => {
      if (p.phase === 'copy' && p.keysDone >= 3_000) copies.cancelAll();
    });
    let cancelled: CopyOutcome;
    try {
      cancelled = await copy(argument);
    } finally {
      cancelling.dispose();
    }
    assert.equal(cancelled.status, 'cancelled', JSON.stringify(cancelled));
    assert.equal(cancelled.error?.resumable, true);
    assert.ok(existsSync(checkpoint), 'the checkpoint stays for the resume');
    const partial = dbsize(target);
    assert.ok(partial > 0 && partial < largeTotal, `cancelled part-way: ${partial} of ${largeTotal} keys`);

    const fresh = await copy({ ...argument, verify: 'none' });
    assert.equal(fresh.error?.kind, 'target-not-empty', 'a new copy (not a resume) refuses the half-filled target');
    assert.ok(existsSync(checkpoint), 'a refused new copy keeps the checkpoint of the stopped one');

    const stopped = await readCheckpoint(checkpoint);
    const doneBefore = stopped.counts.copied + stopped.counts.alreadyPresent;
    assert.ok(doneBefore > 0, 'the checkpoint records the keys copied before the cancel');
    progress.length = 0;
    const resumed = await copy({ ...argument, resume: true });
    assert.equal(resumed.status, 'copied', JSON.stringify(resumed.error));
    const counts = resumed.result!.counts;
    assert.equal(counts.copied + counts.alreadyPresent, largeTotal, 'the whole run counts every key once');
    assert.ok(counts.alreadyPresent <= partial - doneBefore,
      `only keys written after the last checkpoint are met again: ${counts.alreadyPresent} ≤ ${partial} - ${doneBefore}`);
    assert.equal(counts.conflicts, 0);
    assert.deepEqual([resumed.result!.verification!.missing, resumed.result!.verification!.different], [0, 0]);
    assert.equal(dbsize(target), largeTotal, 'no key lost or duplicated');
    assert.equal(existsSync(checkpoint), false);
    assert.ok(progress[0]!.keysDone >= doneBefore, `the resumed run starts from the checkpoint: ${progress[0]!.keysDone} ≥ ${doneBefore}`);
  });
});
