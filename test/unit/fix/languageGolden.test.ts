import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_SCAN_SETTINGS, type ScanSettings } from '../../../src/core/findings';
import { syntaxErrorCount } from '../../../src/core/fix/syntaxCheck';
import { RULES } from '../../../src/core/rules';
import { applyEdits } from '../../../src/core/scan/applyEdits';
import { scanWhenReady } from '../../../src/core/scan/scanner';

/**
 * Golden before/after files of the C# and Java fixes that `--fix` applies (host through the host map, port 10000,
 * TLS on): each fixed text equals its golden file, parses without errors, and a second pass changes nothing. The
 * fixed files are then compiled by the platform's own compiler where it is installed (javac; mono's mcs), against
 * declaration stubs in stubs/ that mirror the signatures of Jedis 5, Lettuce 6 and StackExchange.Redis 2 the files
 * call — NuGet and Maven are not reachable here, so the real packages cannot be referenced.
 * `UPDATE_GOLDEN=1` rewrites the golden files (review the diff before committing).
 */
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const ROOT = resolve(__dirname, '../../../../test/fixtures/language-fixes');
const SETTINGS: ScanSettings = {
  ...DEFAULT_SCAN_SETTINGS,
  hostMap: {
    orders: 'orders.westus2.redis.azure.net',
    sessions: 'sessions.westus2.redis.azure.net',
    'sessions-replica': 'sessions-replica.westus2.redis.azure.net',
  },
};

interface Fixture {
  language: 'csharp' | 'java';
  path: string;
  goldenPath: string;
  text: string;
}

function fixtures(): Fixture[] {
  return (['csharp', 'java'] as const).flatMap((language) =>
    readdirSync(join(ROOT, language))
      .filter((name) => !name.includes('.fixed.'))
      .map((name) => {
        const path = join(ROOT, language, name);
        return { language, path, goldenPath: path.replace(/(\.\w+)$/, '.fixed$1'), text: readFileSync(path, 'utf8') };
      }));
}

/** Applies every preferred fix once, as `scan --fix` does. */
async function fixOnce(path: string, text: string): Promise<{ text: string; fixes: number }> {
  const { findings, skipped } = await scanWhenReady([{ path, text }], SETTINGS, RULES);
  assert.deepEqual(skipped, []);
  const edits = findings.flatMap((finding) => finding.fixes.filter((fix) => fix.preferred).flatMap((fix) => fix.edits));
  const applied = applyEdits(text, edits);
  assert.deepEqual(applied.skipped, []);
  return { text: applied.text, fixes: edits.length };
}

const all = fixtures();
const fixed = new Map<string, string>();

for (const fixture of all) {
  test(`${fixture.language} golden fix ${fixture.path.slice(ROOT.length + 1)}: golden text, no syntax error, idempotent`, async () => {
    const first = await fixOnce(fixture.path, fixture.text);
    assert.ok(first.fixes >= 2, `only ${first.fixes} edits`);
    if (UPDATE) writeFileSync(fixture.goldenPath, first.text);
    assert.equal(first.text, readFileSync(fixture.goldenPath, 'utf8'));
    assert.equal(syntaxErrorCount(fixture.path, fixture.text), 0);
    assert.equal(syntaxErrorCount(fixture.path, first.text), 0);
    const second = await fixOnce(fixture.path, first.text);
    assert.deepEqual(second, { text: first.text, fixes: 0 });
    fixed.set(fixture.path, first.text);
  });
}

test('a broken C# or Java text counts as having syntax errors (the check can fail)', async () => {
  await fixOnce('/ws/A.cs', 'var redis = 1;');
  await fixOnce('/ws/A.java', 'class A { String redis; }');
  assert.ok((syntaxErrorCount('/ws/A.cs', 'class C { void M( { }') ?? 0) > 0);
  assert.ok((syntaxErrorCount('/ws/A.java', 'class A { int x = ; }') ?? 0) > 0);
});

/** Writes the fixed texts into a temporary folder and runs `compile` on them with the stubs; skips without the compiler. */
function compileFixed(t: { skip(message: string): void }, language: Fixture['language'], compiler: string, args: (files: string[], out: string) => string[]): void {
  if (spawnSync(compiler, ['--version'], { encoding: 'utf8' }).error) {
    t.skip(`${compiler} is not installed`);
    return;
  }
  const folder = mkdtempSync(join(tmpdir(), `amr-${language}-`));
  try {
    const sources = all.filter((fixture) => fixture.language === language).map((fixture) => {
      const file = join(folder, fixture.path.slice(fixture.path.lastIndexOf('/') + 1));
      writeFileSync(file, fixed.get(fixture.path) ?? readFileSync(fixture.goldenPath, 'utf8'));
      return file;
    });
    const stubs = listFiles(join(ROOT, 'stubs', language));
    const result = spawnSync(compiler, args([...stubs, ...sources], folder), { encoding: 'utf8' });
    assert.equal(result.status, 0, `${compiler} failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(folder, entry.name)) : [join(folder, entry.name)]);
}

test('the fixed Java files compile with javac against the Jedis and Lettuce declaration stubs', (t) => {
  compileFixed(t, 'java', 'javac', (files, out) => ['-d', out, ...files]);
});

test('the fixed C# files compile with mcs against the StackExchange.Redis declaration stubs', (t) => {
  compileFixed(t, 'csharp', 'mcs', (files, out) => ['-target:library', `-out:${join(out, 'fixed.dll')}`, ...files]);
});
