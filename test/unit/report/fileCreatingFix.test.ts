import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv-draft-04';
import type { Finding } from '../../../src/core/findings';
import { formatJsonReport } from '../../../src/core/report/jsonReport';
import { formatSarifReport } from '../../../src/core/report/sarifReport';
import { formatTextReport } from '../../../src/core/report/textReport';
import { sampleReport } from '../../helpers/sampleReport';

const cwd = join('/', 'projects', 'repo');
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);

/** A review fix that edits the source, creates a helper module and adds a package to package.json. */
function reportWithFileCreatingFix() {
  const report = sampleReport(cwd);
  const cache = join(cwd, 'src', 'cache.ts');
  const helper = join(cwd, 'src', 'redisEntraAuth.ts');
  const manifest = join(cwd, 'package.json');
  const finding: Finding = {
    ...report.findings[1]!,
    fixes: [{
      title: 'Authenticate with Microsoft Entra ID',
      preferred: false,
      edits: [
        { file: cache, start: 60, end: 75, newText: 'lazyConnect: true' },
        { file: helper, start: 0, end: 0, newText: 'export function withEntraId() {}\n', create: true },
        { file: manifest, start: 20, end: 20, newText: ', "@azure/identity": "^4.13.1"' },
      ],
      dependencies: { manifest, packages: { '@azure/identity': '^4.13.1' } },
    }],
  };
  return { ...report, findings: report.findings.map((existing, index) => (index === 1 ? finding : existing)) };
}

test('JSON marks the edit that creates a file, and only that one', () => {
  const document = JSON.parse(formatJsonReport(reportWithFileCreatingFix()));
  const edits = document.findings[1].fixes[0].edits;
  assert.deepEqual(edits.map((edit: { file: string; create?: boolean }) => [edit.file, edit.create]), [
    ['src/cache.ts', undefined],
    ['src/redisEntraAuth.ts', true],
    ['package.json', undefined],
  ]);
});

test('SARIF gives each file of the fix an artifact change, marks the created one, and stays schema-valid', () => {
  const log = JSON.parse(formatSarifReport(reportWithFileCreatingFix()));
  assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
  const changes = log.runs[0].results[1].fixes[0].artifactChanges;
  assert.deepEqual(changes.map((change: { artifactLocation: { uri: string }; properties?: unknown }) => [change.artifactLocation.uri, change.properties]), [
    ['src/cache.ts', undefined],
    ['src/redisEntraAuth.ts', { createsFile: true }],
    ['package.json', undefined],
  ]);
  assert.deepEqual(changes[1].replacements, [
    { deletedRegion: { charOffset: 0, charLength: 0 }, insertedContent: { text: 'export function withEntraId() {}\n' } },
  ]);
});

test('the text report lists the fix as one to review', () => {
  const text = formatTextReport(reportWithFileCreatingFix(), { color: false });
  assert.match(text, /^ {4}fix \(review\): Authenticate with Microsoft Entra ID$/m);
});
