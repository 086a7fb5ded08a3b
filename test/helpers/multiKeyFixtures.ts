import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyEdits } from '../../src/core/scan/applyEdits';
import { scanSources } from '../../src/core/scan/scanner';
import { DEFAULT_SCAN_SETTINGS, type Fix } from '../../src/core/findings';
import { RULES } from '../../src/core/rules';

/**
 * test/fixtures/multikey/<library>/<kind>.ts: code with multi-key commands across slots, and beside each
 * `<kind>.fixed.ts`, the golden text after applying that kind's fix to every finding.
 */
export const FIXTURE_ROOT = resolve('test/fixtures/multikey');
export const LIBRARIES = ['node-redis', 'ioredis'] as const;
export type Library = (typeof LIBRARIES)[number];

/** Which fix each fixture exercises: `--fix`'s preferred splits, or one of the choices only offered for review. */
const CHOICE: Record<string, (fix: Fix) => boolean> = {
  mset: (fix) => fix.title.startsWith('Split into one SET per key'),
  hashtag: (fix) => fix.title.startsWith('Rename the keys to share the hash tag'),
};
const PREFERRED = (fix: Fix) => fix.preferred;

export interface MultiKeyFixture {
  library: Library;
  kind: string;
  path: string;
  goldenPath: string;
  text: string;
}

export function multiKeyFixtures(): MultiKeyFixture[] {
  return LIBRARIES.flatMap((library) =>
    readdirSync(join(FIXTURE_ROOT, library))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.fixed.ts'))
      .sort()
      .map((name) => {
        const path = join(FIXTURE_ROOT, library, name);
        return { library, kind: name.replace(/\.ts$/, ''), path, goldenPath: path.replace(/\.ts$/, '.fixed.ts'), text: readFileSync(path, 'utf8') };
      }),
  );
}

/** The fixture's text after applying its kind's fix to every multi-key finding, and how many fixes that was. */
export function fixMultiKey(fixture: Pick<MultiKeyFixture, 'kind' | 'path'>, text: string): { text: string; fixes: number } {
  const choose = CHOICE[fixture.kind] ?? PREFERRED;
  const findings = scanSources([{ path: fixture.path, text }], DEFAULT_SCAN_SETTINGS, RULES).findings.filter((f) => f.ruleId === 'multi-key-command');
  const fixes = findings.flatMap((finding) => finding.fixes.filter(choose));
  const { text: fixed, skipped } = applyEdits(text, fixes.flatMap((fix) => fix.edits));
  if (skipped.length > 0) throw new Error(`${fixture.path}: ${skipped.length} overlapping edits`);
  return { text: fixed, fixes: fixes.length };
}
