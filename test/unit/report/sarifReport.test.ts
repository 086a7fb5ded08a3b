import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv-draft-04';
import { firstParagraph, formatSarifReport } from '../../../src/core/report/sarifReport';
import { ruleDocsUrl } from '../../../src/core/report/ruleDocsUrl';
import { sampleReport } from '../../helpers/sampleReport';

const cwd = join('/', 'projects', 'repo');
// The SARIF 2.1.0 JSON schema (its final release candidate, rtm.5), as shipped in an npm package.
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

// Formats (uri, date-time) are not checked by the schema run; the URIs are asserted by hand below. The schema's
// language pattern is not valid in Unicode mode, hence unicodeRegExp: false.
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);

test('the log validates against the SARIF 2.1.0 schema', () => {
  const log = JSON.parse(formatSarifReport(sampleReport(cwd)));
  assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
});

test('the schema check is real: a result without a message is rejected', () => {
  const log = JSON.parse(formatSarifReport(sampleReport(cwd)));
  delete log.runs[0].results[0].message;
  assert.equal(validate(log), false);
});

test('one run whose driver lists every rule with descriptions, help, docs link and default level', () => {
  const log = JSON.parse(formatSarifReport(sampleReport(cwd)));
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const driver = log.runs[0].tool.driver;
  assert.equal(driver.name, 'amr-migrate');
  assert.equal(driver.version, '0.1.0');
  assert.deepEqual(driver.rules[0], {
    id: 'legacy-tls-port',
    name: 'legacy-tls-port',
    shortDescription: { text: 'Port 6380 used' },
    fullDescription: { text: 'AMR listens on port 10000.' },
    help: { text: sampleReport(cwd).rules[0]!.docs, markdown: sampleReport(cwd).rules[0]!.docs },
    helpUri: ruleDocsUrl('legacy-tls-port'),
    defaultConfiguration: { level: 'warning' },
  });
  assert.deepEqual(
    driver.rules.map((rule: { id: string }) => rule.id),
    ['legacy-tls-port', 'access-key-auth', 'database-select'],
  );
  assert.match(driver.rules[0].helpUri, /^https:\/\/.+\/docs\/rules\/legacy-tls-port\.md$/);
});

test('results carry rule, level, message, a relative location with 1-based region and the fixes', () => {
  const log = JSON.parse(formatSarifReport(sampleReport(cwd)));
  const run = log.runs[0];
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///projects/repo/' } });
  assert.deepEqual(
    run.results.map((r: { ruleId: string; ruleIndex: number; level: string }) => [r.ruleId, r.ruleIndex, r.level]),
    [
      ['legacy-tls-port', 0, 'warning'],
      ['access-key-auth', 1, 'error'],
      ['database-select', 2, 'note'],
    ],
  );
  const first = run.results[0];
  assert.equal(first.message.text, sampleReport(cwd).findings[0]!.message);
  assert.deepEqual(first.locations[0].physicalLocation, {
    artifactLocation: { uri: 'src/cache.ts', uriBaseId: '%SRCROOT%' },
    region: { startLine: 3, startColumn: 9, endLine: 3, endColumn: 13, charOffset: 40, charLength: 4 },
  });
  assert.deepEqual(first.fixes, [
    {
      description: { text: 'Use port 10000' },
      properties: { preferred: true },
      artifactChanges: [
        {
          artifactLocation: { uri: 'src/cache.ts', uriBaseId: '%SRCROOT%' },
          replacements: [{ deletedRegion: { charOffset: 40, charLength: 4 }, insertedContent: { text: '10000' } }],
        },
      ],
    },
  ]);
  assert.deepEqual(run.results[1].fixes, []);
  assert.deepEqual(run.results[2].fixes[0].properties, { preferred: false });
  assert.equal(run.results[2].locations[0].physicalLocation.artifactLocation.uri, 'config/prod%20env.env');
});

test('skipped files are tool execution notifications of a successful invocation', () => {
  const log = JSON.parse(formatSarifReport(sampleReport(cwd)));
  assert.deepEqual(log.runs[0].invocations, [
    {
      executionSuccessful: true,
      toolExecutionNotifications: [
        {
          level: 'note',
          message: { text: 'Not scanned: binary file (contains NUL bytes)' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'assets/logo.js', uriBaseId: '%SRCROOT%' } } }],
        },
      ],
    },
  ]);
});

test('a file outside the current directory gets an absolute file URI', () => {
  const report = sampleReport(cwd);
  const log = JSON.parse(formatSarifReport({ ...report, cwd: join(cwd, 'src') }));
  assert.deepEqual(log.runs[0].results[2].locations[0].physicalLocation.artifactLocation, {
    uri: 'file:///projects/repo/config/prod%20env.env',
  });
  assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
});

test('the full description is the first prose paragraph of the docs, on one line', () => {
  assert.equal(firstParagraph('# Title\n\nFirst line\nsecond line.\n\nNext.'), 'First line second line.');
  assert.equal(firstParagraph('Only text'), 'Only text');
});
