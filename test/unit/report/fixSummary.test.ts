import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatFixSummary } from '../../../src/core/report/fixSummary';
import { sampleReport } from '../../helpers/sampleReport';

const cwd = join('/', 'projects', 'repo');

test('lists per file the fixes applied, then what was left alone and why, never the replaced text', () => {
  const [port, key, db] = sampleReport(cwd).findings;
  const host = { ...key!, ruleId: 'legacy-hostname' as const };
  const text = formatFixSummary({
    cwd,
    outcomes: [
      { file: port.file, applied: [{ finding: port, fix: port.fixes[0]! }] },
      { file: db.file, applied: [], problem: 'changed since it was scanned; run the scan again' },
      { file: join(cwd, 'ro.env'), applied: [], error: 'not written (permission denied [EACCES])' },
    ],
    unfixable: [key, host, host],
    conflicting: [{ finding: db, fix: db.fixes[0]! }],
    hostMapGiven: true,
  });
  assert.equal(
    text,
    [
      'Fixed 1 finding in 1 file:',
      '  src/cache.ts  1 fix',
      '    3:9  Use port 10000',
      'Not fixed:',
      '  config/prod env.env  changed since it was scanned; run the scan again',
      '  ro.env  not written (permission denied [EACCES])',
      '  2 legacy-hostname findings left alone: no target in the --host-map file',
      '  1 fix overlapping another fix; run --fix again to apply',
      '  1 finding with no automatic fix (access-key-auth 1)',
      '',
    ].join('\n'),
  );
  assert.doesNotMatch(text, /6380/);
});

test('a fix that also creates a module counts as one finding fixed, and the new file is marked', () => {
  const [port] = sampleReport(cwd).findings;
  const planned = { finding: port!, fix: port!.fixes[0]! };
  const text = formatFixSummary({
    cwd,
    outcomes: [
      { file: port!.file, applied: [planned] },
      { file: join(cwd, 'src', 'redisEntraAuth.ts'), applied: [planned], created: true },
    ],
    unfixable: [],
    conflicting: [],
    hostMapGiven: false,
  });
  assert.match(text, /^Fixed 1 finding in 2 files:$/m);
  assert.match(text, /^ {2}src\/redisEntraAuth\.ts {2}1 fix \(new file\)$/m);
});
