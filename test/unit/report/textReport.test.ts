import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatTextReport } from '../../../src/core/report/textReport';
import { sampleReport } from '../../helpers/sampleReport';

const cwd = join('/', 'projects', 'repo');

test('groups findings by file as file:line:col  severity  rule  message with fix titles indented', () => {
  const text = formatTextReport(sampleReport(cwd), { color: false });
  assert.equal(
    text,
    [
      'src/cache.ts:3:9   warning  legacy-tls-port  Port 6380 is the Azure Cache for Redis TLS port; Azure Managed Redis listens on 10000.',
      '    fix: Use port 10000',
      'src/cache.ts:4:13  error    access-key-auth  An access key (********) authenticates this client; use Microsoft Entra ID.',
      '',
      'config/prod env.env:1:1  info     database-select  Database 2 does not exist on Azure Managed Redis.',
      '    fix (review): Use database 0 (review key collisions)',
      '',
      'Skipped:',
      '  assets/logo.js  binary file (contains NUL bytes)',
      '',
      '3 findings (1 error, 1 warning, 1 info) in 2 files; 5 files scanned, 1 skipped; 12 ms',
      '',
    ].join('\n'),
  );
});

test('uses ANSI colours only when asked (a terminal)', () => {
  assert.doesNotMatch(formatTextReport(sampleReport(cwd), { color: false }), /\x1b\[/);
  const coloured = formatTextReport(sampleReport(cwd), { color: true });
  assert.match(coloured, /\x1b\[31merror  \x1b\[0m/);
  assert.match(coloured, /\x1b\[33mwarning\x1b\[0m/);
});

test('says so when nothing was found', () => {
  const report = { ...sampleReport(cwd), findings: [], skipped: [], filesScanned: 1 };
  assert.equal(formatTextReport(report, { color: false }), 'No findings; 1 file scanned, 0 skipped; 12 ms\n');
});
