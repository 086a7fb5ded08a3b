import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { armFixturesDir, listArmFixtureFiles } from '../../armServer/armFixtures';

// A clone with nothing beside it must build, test and read its docs: nothing in the repository may point outside it.

/** This file runs from out/test/unit/repo. */
const REPOSITORY = resolve(__dirname, '..', '..', '..', '..');

/** What is read, built or cited; fixtures, the labelled corpora and the demo workspace are data that the scanner reads, not readers. */
const ROOTS = ['src', 'test', 'scripts', '.ci', 'docs', 'README.md', 'CHANGELOG.md', 'package.json', 'tsconfig.json', 'tsconfig.test.json', '.vscodeignore'];
const DATA_FOLDERS = new Set(['test/fixtures', 'test/e2e/fixtures', 'test/corpus']);
const TEXT = /\.(ts|mts|cts|js|mjs|cjs|json|md|ya?ml|sh)$/;

interface Reference {
  file: string;
  line: number;
  text: string;
  why: string;
}

function repositoryFiles(): string[] {
  const files: string[] = [];
  const visit = (path: string) => {
    const rel = relative(REPOSITORY, path).split(sep).join('/');
    if (DATA_FOLDERS.has(rel)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if (TEXT.test(path) || rel.startsWith('.ci/')) {
      files.push(rel);
    }
  };
  for (const root of ROOTS) if (existsSync(join(REPOSITORY, root))) visit(join(REPOSITORY, root));
  return files;
}

/** The shared reference folder next to a checkout, however the path is spelled (with slashes or as join arguments). */
const SHARED_SIBLING = /\.\.['"]?\s*[,/\\]\s*['"]?shared\b/;
/** Home and workspace folders of a particular machine. */
const MACHINE_PATH = /(?:^|[^\w.-])(\/(?:work|home|Users|root)\/[\w.-]*|[A-Za-z]:\\Users\\)/;
/** A relative path that climbs: resolved from the file (and, for compiled tests, from out/) it must stay inside. */
const CLIMBING_PATH = /(?:^|[^\w.])((?:\.\.\/)+[\w.@-]*)/g;
/** A path to a Markdown document, e.g. `docs/design/contracts.md`, or one relative to the citing file. */
const DOC_PATH = /(?:^|[^\w./-])((?:\.{1,2}\/)*[\w.-]+(?:\/[\w.-]+)+\.md)\b/g;
const URL = /\b[a-z][\w+.-]*:\/\/[^\s)>'"`]*/gi;

function insideRepository(path: string): boolean {
  const rel = relative(REPOSITORY, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Folders a path in this file is relative to: its own, and for TypeScript under test/ the compiled copy's in out/. */
function baseFolders(file: string): string[] {
  const own = dirname(join(REPOSITORY, file));
  return /^test\/.*\.ts$/.test(file) ? [own, join(REPOSITORY, 'out', dirname(file))] : [own];
}

function outsideReferences(file: string, content: string): Reference[] {
  const found: Reference[] = [];
  content.split('\n').forEach((raw, index) => {
    const line = raw.replace(URL, '');
    const report = (why: string) => found.push({ file, line: index + 1, text: raw.trim(), why });
    if (SHARED_SIBLING.test(line)) report('reads the shared folder beside the checkout');
    const machine = MACHINE_PATH.exec(line);
    if (machine) report(`absolute machine path ${machine[1]}`);
    for (const [, path] of line.matchAll(CLIMBING_PATH)) {
      if (!baseFolders(file).some((base) => insideRepository(resolve(base, path)))) report(`${path} leaves the repository`);
    }
    for (const [, doc] of line.matchAll(DOC_PATH)) {
      const candidates = [join(REPOSITORY, doc), ...baseFolders(file).map((base) => resolve(base, doc))];
      if (!candidates.some((path) => insideRepository(path) && existsSync(path))) report(`cites ${doc}, which the repository does not have`);
    }
  });
  return found;
}

function packageScripts(): string {
  const { scripts } = JSON.parse(readFileSync(join(REPOSITORY, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return Object.entries(scripts).map(([name, command]) => `${name}: ${command}`).join('\n');
}

const format = (references: Reference[]) => references.map((r) => `${r.file}:${r.line}: ${r.why}\n    ${r.text}`).join('\n');

describe('the repository stands alone', () => {
  it('finds what it scans (sources, tests, scripts, CI, docs)', () => {
    const files = repositoryFiles();
    for (const expected of ['src/extension.ts', 'test/armServer/armFixtures.ts', 'scripts/e2e-setup.mjs', '.ci/run', 'README.md', 'docs/plan.md']) {
      assert.ok(files.includes(expected), `${expected} is not scanned`);
    }
    assert.ok(!files.some((file) => file.startsWith('test/fixtures/')), 'fixture data is not a reader');
  });

  it('no source, test, script, CI step or doc refers to a path outside the repository or to a missing doc', () => {
    const references = repositoryFiles().flatMap((file) => outsideReferences(file, readFileSync(join(REPOSITORY, file), 'utf8')));
    assert.equal(format(references), '');
  });

  it('no npm script reaches outside the repository', () => {
    assert.equal(format(outsideReferences('package.json', packageScripts())), '');
  });

  it('the ARM payloads the tests serve are in the repository, with their sources', () => {
    const folder = armFixturesDir();
    assert.equal(relative(REPOSITORY, folder).split(sep).join('/'), 'test/fixtures/arm');
    const sources = readFileSync(join(folder, 'SOURCES.md'), 'utf8');
    const files = listArmFixtureFiles(folder);
    assert.ok(files.length > 0);
    for (const file of files) assert.match(sources, new RegExp(`\\| ${file.replace(/[.]/g, '\\.')} \\|`), `${file} has no row in SOURCES.md`);
  });
});

describe('outsideReferences', () => {
  // The bad references and made-up docs are assembled from pieces, so that this file, which the check above reads
  // too, names none.
  const shared = ['sh', 'ared'].join('');
  const work = ['', 'work'].join('/');
  const home = ['', 'home'].join('/');
  const md = 'md';
  const cases: { name: string; file: string; text: string; flagged: boolean }[] = [
    { name: 'the shared folder beside the checkout, as join arguments', file: 'test/armServer/x.ts', text: `const dir = join(repo, '..', '${shared}', 'fixtures');`, flagged: true },
    { name: 'the shared folder beside the checkout, as a path', file: 'scripts/x.mjs', text: `readFileSync('../${shared}/fixtures/arm/a.json')`, flagged: true },
    { name: 'an absolute workspace path', file: 'src/x.ts', text: ` * Sources: ${work}/${shared}/design/amr-facts.md B1`, flagged: true },
    { name: 'a home folder', file: 'scripts/x.mjs', text: `const tools = '${home}/dev/.tools';`, flagged: true },
    { name: 'a climb out of the repository', file: 'scripts/x.mjs', text: "import x from '../../elsewhere/x.mjs';", flagged: true },
    { name: 'a missing design doc', file: 'src/cli/io.ts', text: `/** Exit codes (see design/contracts.${md}). */`, flagged: true },
    { name: 'a missing e2e README', file: 'scripts/e2e-run.mjs', text: `// (see test/e2e/READ.${md})`, flagged: true },
    { name: 'an import inside the repository', file: 'test/unit/plan/x.test.ts', text: "import { a } from '../../armServer/armFixtures';", flagged: false },
    { name: 'the compiled test climbing to the repository root', file: 'test/unit/repo/x.test.ts', text: "resolve(__dirname, '../../../..')", flagged: false },
    { name: 'an existing doc', file: 'src/x.ts', text: '// docs/design/amr-facts.md', flagged: false },
    { name: 'a doc relative to the citing file', file: `docs/rules/x.${md}`, text: `see [plan](../plan.${md})`, flagged: false },
    { name: 'a URL', file: `docs/x.${md}`, text: '<https://github.com/o/r/blob/main/references/sku-mapping.md>', flagged: false },
    { name: 'a system tool', file: 'scripts/x.mjs', text: "const CHROMIUM = '/usr/bin/chromium';", flagged: false },
  ];
  for (const { name, file, text, flagged } of cases) {
    it(`${flagged ? 'flags' : 'accepts'} ${name}`, () => {
      assert.equal(outsideReferences(file, text).length > 0, flagged, format(outsideReferences(file, text)));
    });
  }
});
