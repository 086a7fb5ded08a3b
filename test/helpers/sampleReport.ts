import { join } from 'node:path';
import type { Finding, RuleMeta } from '../../src/core/findings';
import type { ScanReport } from '../../src/core/report/scanReport';

/** A hand-made scan of two files, for format tests that must not depend on the scanner's rules. */
export function sampleReport(cwd: string): ScanReport {
  const cache = join(cwd, 'src', 'cache.ts');
  const env = join(cwd, 'config', 'prod env.env');
  const findings: Finding[] = [
    {
      ruleId: 'legacy-tls-port',
      severity: 'warning',
      file: cache,
      start: 40,
      end: 44,
      line: 3,
      column: 9,
      endLine: 3,
      endColumn: 13,
      message: 'Port 6380 is the Azure Cache for Redis TLS port; Azure Managed Redis listens on 10000.',
      fixes: [{ title: 'Use port 10000', preferred: true, edits: [{ file: cache, start: 40, end: 44, newText: '10000' }] }],
    },
    {
      ruleId: 'access-key-auth',
      severity: 'error',
      file: cache,
      start: 60,
      end: 75,
      line: 4,
      column: 13,
      endLine: 4,
      endColumn: 28,
      message: 'An access key (********) authenticates this client; use Microsoft Entra ID.',
      fixes: [],
    },
    {
      ruleId: 'database-select',
      severity: 'info',
      file: env,
      start: 0,
      end: 10,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 11,
      message: 'Database 2 does not exist on Azure Managed Redis.',
      fixes: [{ title: 'Use database 0 (review key collisions)', preferred: false, edits: [{ file: env, start: 9, end: 10, newText: '0' }] }],
    },
  ];
  const rules: RuleMeta[] = [
    { id: 'legacy-tls-port', defaultSeverity: 'warning', title: 'Port 6380 used', docs: '# legacy-tls-port\n\nAMR listens on\nport 10000.\n\nMore text.' },
    { id: 'access-key-auth', defaultSeverity: 'warning', title: 'Access key auth', docs: 'Use Entra ID.' },
    { id: 'database-select', defaultSeverity: 'warning', title: 'Database other than 0', docs: '## Why\n\nOnly database 0.' },
  ];
  return {
    tool: { name: 'amr-migrate', version: '0.1.0' },
    cwd,
    findings,
    skipped: [{ file: join(cwd, 'assets', 'logo.js'), reason: 'binary file (contains NUL bytes)' }],
    filesScanned: 5,
    durationMs: 12.4,
    rules,
  };
}
