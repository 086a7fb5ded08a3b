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
 * Golden before/after files of the C# and Java fixes: those `--fix` applies (host through the host map, port 10000,
 * TLS on), the Microsoft Entra ID fix with the packages it adds to the .csproj / pom.xml / build.gradle (entra/) and the cluster
 * client fix of Jedis and Lettuce (cluster/), with the forms it leaves alone beside them. Each fixed text
 * equals its golden file, parses without errors, and a second pass changes nothing. The
 * fixed files are then compiled by the platform's own compiler where it is installed (javac; mono's mcs), against
 * declaration stubs in stubs/ that mirror the signatures of Jedis 5, Lettuce 6 and StackExchange.Redis 2 the files
 * call (Microsoft.Azure.StackExchangeRedis 3, Azure.Identity, redis-authx-entraid 0.1.1-beta2, azure-identity, commons-pool2) — NuGet and Maven are not reachable here, so the real packages cannot be referenced.
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

/** One folder of fixtures, fixed together (a source file and the project file its Entra ID fix edits). */
interface FixtureGroup {
  language: 'csharp' | 'java';
  folder: string;
  /** The rule whose review fix is applied besides the preferred fixes. */
  reviewRule: 'access-key-auth' | 'non-cluster-client';
  files: Array<{ path: string; goldenPath: string; text: string }>;
}

function groups(): FixtureGroup[] {
  const folders = [
    ['csharp', 'csharp', 'access-key-auth'],
    ['java', 'java', 'access-key-auth'],
    ['csharp', 'entra/csharp', 'access-key-auth'],
    ['java', 'entra/java', 'access-key-auth'],
    ['java', 'entra/jedis', 'access-key-auth'],
    ['java', 'cluster/java', 'non-cluster-client'],
  ] as const;
  return folders.map(([language, folder, reviewRule]) => ({
    language,
    folder,
    reviewRule,
    files: readdirSync(join(ROOT, folder), { withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.includes('.fixed'))
      .map((entry) => {
        const path = join(ROOT, folder, entry.name);
        return { path, goldenPath: path.replace(/(\.\w+)$/, '.fixed$1'), text: readFileSync(path, 'utf8') };
      }),
  }));
}

/**
 * Applies fixes one at a time, scanning again after each, as `scan --fix --fix-rules RULE` does in its passes: the
 * preferred fixes and those of `reviewRule`. Returns the texts and how many fixes were applied.
 */
async function fixAll(texts: Map<string, string>, reviewRule: FixtureGroup['reviewRule'] = 'access-key-auth'): Promise<{ texts: Map<string, string>; fixes: number }> {
  const current = new Map(texts);
  for (let pass = 0; pass < 12; pass++) {
    const inputs = [...current].map(([path, text]) => ({ path, text }));
    const { findings, skipped } = await scanWhenReady(inputs, SETTINGS, RULES);
    // A build.gradle is no file the scanner reads, only one the Entra ID fix edits.
    assert.deepEqual(skipped.filter((entry) => !/build\.gradle$/.test(entry.file)), []);
    const fix = findings.flatMap((finding) => finding.fixes.filter((offered) => offered.preferred || finding.ruleId === reviewRule))[0];
    if (!fix) return { texts: current, fixes: pass };
    for (const [path, text] of current) {
      const applied = applyEdits(text, fix.edits.filter((edit) => edit.file === path));
      assert.deepEqual(applied.skipped, []);
      current.set(path, applied.text);
    }
  }
  throw new Error('the fixes did not settle in 12 passes');
}

const all = groups();
const fixed = new Map<string, string>();

for (const group of all) {
  test(`${group.language} golden fixes ${group.folder}: golden texts, no syntax error, idempotent`, async () => {
    const first = await fixAll(new Map(group.files.map((file) => [file.path, file.text])), group.reviewRule);
    assert.ok(first.fixes >= 1, "no fix applied");
    for (const file of group.files) {
      const text = first.texts.get(file.path)!;
      if (UPDATE) writeFileSync(file.goldenPath, text);
      assert.equal(text, readFileSync(file.goldenPath, 'utf8'), file.path);
      if (/\.(cs|java)$/.test(file.path)) {
        assert.equal(syntaxErrorCount(file.path, file.text), 0);
        assert.equal(syntaxErrorCount(file.path, text), 0);
        fixed.set(file.path, text);
      }
    }
    const second = await fixAll(first.texts, group.reviewRule);
    assert.equal(second.fixes, 0);
  });
}

test('a broken C# or Java text counts as having syntax errors (the check can fail)', async () => {
  await fixAll(new Map([['/ws/A.cs', 'var redis = 1;'], ['/ws/A.java', 'class A { String redis; }']]));
  assert.ok((syntaxErrorCount('/ws/A.cs', 'class C { void M( { }') ?? 0) > 0);
  assert.ok((syntaxErrorCount('/ws/A.java', 'class A { int x = ; }') ?? 0) > 0);
});

/** Writes the fixed texts into a temporary folder and runs `compile` on them with the stubs; skips without the compiler. */
function compileFixed(t: { skip(message: string): void }, language: FixtureGroup['language'], compiler: string, args: (files: string[], out: string) => string[]): void {
  if (spawnSync(compiler, ['--version'], { encoding: 'utf8' }).error) {
    t.skip(`${compiler} is not installed`);
    return;
  }
  const folder = mkdtempSync(join(tmpdir(), `amr-${language}-`));
  try {
    const sources = all.filter((group) => group.language === language).flatMap((group) => group.files)
      .filter((fixture) => /\.(cs|java)$/.test(fixture.path))
      .map((fixture) => {
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
