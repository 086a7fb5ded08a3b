import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatJsonReport } from '../../../src/core/report/jsonReport';
import { sampleReport } from '../../helpers/sampleReport';

const cwd = join('/', 'projects', 'repo');

test('writes the contract document: tool, findings with relative / paths, fixes with offsets, summary, skipped', () => {
  const document = JSON.parse(formatJsonReport(sampleReport(cwd)));
  assert.deepEqual(Object.keys(document), ['tool', 'findings', 'summary', 'skipped']);
  assert.deepEqual(document.tool, { name: 'amr-migrate', version: '0.1.0' });
  assert.deepEqual(document.findings[0], {
    ruleId: 'legacy-tls-port',
    severity: 'warning',
    file: 'src/cache.ts',
    line: 3,
    column: 9,
    endLine: 3,
    endColumn: 13,
    message: 'Port 6380 is the Azure Cache for Redis TLS port; Azure Managed Redis listens on 10000.',
    fixes: [{ title: 'Use port 10000', preferred: true, edits: [{ file: 'src/cache.ts', start: 40, end: 44, newText: '10000' }] }],
  });
  // A fix that needs review says so: JSON consumers must not apply it blindly (--fix does not).
  assert.equal(document.findings[2].fixes[0].preferred, false);
  assert.deepEqual(
    document.findings.map((f: { ruleId: string; file: string; fixes: unknown[] }) => [f.ruleId, f.file, f.fixes.length]),
    [
      ['legacy-tls-port', 'src/cache.ts', 1],
      ['access-key-auth', 'src/cache.ts', 0],
      ['database-select', 'config/prod env.env', 1],
    ],
  );
  assert.deepEqual(document.summary, { filesScanned: 5, filesSkipped: 1, durationMs: 12 });
  assert.deepEqual(document.skipped, [{ file: 'assets/logo.js', reason: 'binary file (contains NUL bytes)' }]);
});

test('a file outside the current directory is shown relative with ..', () => {
  const report = sampleReport(cwd);
  const document = JSON.parse(formatJsonReport({ ...report, cwd: join(cwd, 'src') }));
  assert.equal(document.findings[2].file, '../config/prod env.env');
  assert.equal(document.findings[0].file, 'cache.ts');
});
