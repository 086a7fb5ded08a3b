import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../../src/core/scan/applyEdits';
import { scanWhenReady } from '../../../src/core/scan/scanner';
import { DEFAULT_SCAN_SETTINGS, type RuleId, type ScanSettings, type Severity } from '../../../src/core/findings';
import { RULES } from '../../../src/core/rules';

/**
 * Table-driven rule tests in the style of typescript-eslint's RuleTester: each case is scanned
 * in memory through scanWhenReady (grammars of C#, Java… load first), and only the findings of the rule under test
 * are compared.
 */

/** A single file's text (named `/ws/app.ts` unless `file` says otherwise) or several files by path. */
type Sources = string | Record<string, string>;

export interface ValidCase {
  name: string;
  code: Sources;
  file?: string;
  settings?: Partial<ScanSettings>;
}

export interface ExpectedError {
  line: number;
  column: number;
  /** Defaults to the case's single file. */
  file?: string;
  message?: RegExp;
  endColumn?: number;
  severity?: Severity;
  /** Every fix offered, in order, with the case's single file's text after applying only that fix. */
  fixes?: ExpectedFix[];
}

export interface ExpectedFix {
  title: RegExp;
  preferred: boolean;
  output: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** Text after applying every preferred fix; omitted = the rule offers no preferred fix. */
  output?: Sources;
}

const DEFAULT_FILE = '/ws/app.ts';

/** Import lines most cases start with, so the client constructions in them are recognised. */
export const NODE_REDIS_IMPORT = "import { createClient } from 'redis';\n";
export const IOREDIS_IMPORT = "import Redis from 'ioredis';\n";

function filesOf(testCase: ValidCase): Record<string, string> {
  return typeof testCase.code === 'string' ? { [testCase.file ?? DEFAULT_FILE]: testCase.code } : testCase.code;
}

async function run(ruleId: RuleId, testCase: ValidCase) {
  const files = filesOf(testCase);
  const inputs = Object.entries(files).map(([path, text]) => ({ path, text }));
  const result = await scanWhenReady(inputs, { ...DEFAULT_SCAN_SETTINGS, ...testCase.settings }, RULES);
  return { files, result, findings: result.findings.filter((finding) => finding.ruleId === ruleId) };
}

export function ruleTester(ruleId: RuleId, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  for (const testCase of cases.valid) {
    test(`${ruleId} valid: ${testCase.name}`, async () => {
      const { findings, result } = await run(ruleId, testCase);
      assert.deepEqual(result.skipped, []);
      assert.deepEqual(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`), []);
    });
  }
  for (const testCase of cases.invalid) {
    test(`${ruleId} invalid: ${testCase.name}`, async () => {
      const { files, findings, result } = await run(ruleId, testCase);
      assert.deepEqual(result.skipped, []);
      const single = Object.keys(files).length === 1 ? Object.keys(files)[0] : undefined;
      assert.deepEqual(
        findings.map((f) => ({ file: f.file, line: f.line, column: f.column })),
        testCase.errors.map((e) => ({ file: e.file ?? single, line: e.line, column: e.column })),
      );
      testCase.errors.forEach((expected, index) => {
        if (expected.message) assert.match(findings[index]!.message, expected.message);
        if (expected.endColumn) assert.equal(findings[index]!.endColumn, expected.endColumn);
        if (expected.severity) assert.equal(findings[index]!.severity, expected.severity);
        if (expected.fixes) {
          const offered = findings[index]!.fixes;
          assert.equal(offered.length, expected.fixes.length, `fixes offered: ${offered.map((fix) => fix.title).join(' | ')}`);
          expected.fixes.forEach((fix, at) => {
            assert.match(offered[at]!.title, fix.title);
            assert.equal(offered[at]!.preferred, fix.preferred, offered[at]!.title);
            assert.equal(applyEdits(files[single!]!, offered[at]!.edits).text, fix.output);
          });
        }
      });
      const edits = findings.flatMap((f) => f.fixes.filter((fix) => fix.preferred).flatMap((fix) => fix.edits));
      if (testCase.output === undefined) {
        assert.deepEqual(edits, [], 'expected no preferred fix');
        return;
      }
      const expected = typeof testCase.output === 'string' ? { [single!]: testCase.output } : testCase.output;
      const fixed = Object.fromEntries(
        Object.entries(files).map(([path, text]) => [path, applyEdits(text, edits.filter((e) => e.file === path)).text]),
      );
      assert.deepEqual(fixed, { ...files, ...expected });
    });
  }
}
