// `npm run eval`: precision and recall of the scanner, per rule, on the labelled corpus written for it
// (test/corpus/own). Fails below 0.98 for either, so a change that loses a pattern family turns CI red.
// `npm run eval:public [-- MANIFEST FOLDER]` scores the public census (git-ignored files) with the same code and
// only reports. `--verbose` lists every false positive and miss.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScanner, ratios, report, scoreCorpus } from './corpus/score.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MINIMUM = 0.98;

const args = process.argv.slice(2);
const isPublic = args.includes('--public');
const verbose = args.includes('--verbose');
const [manifestArg, folderArg] = args.filter((arg) => !arg.startsWith('--'));
// Given paths are relative to the working directory; the defaults are the repository's corpora.
const manifestPath = manifestArg ? resolve(manifestArg) : resolve(ROOT, isPublic ? 'test/corpus/public-manifest.json' : 'test/corpus/own/manifest.json');
const folder = folderArg ? resolve(folderArg) : resolve(ROOT, isPublic ? 'test/corpus/public' : 'test/corpus/own');

if (!existsSync(manifestPath)) {
  console.error(`eval: no manifest at ${manifestPath}`);
  process.exit(2);
}
if (!existsSync(folder)) {
  console.error(
    `eval: the corpus folder ${folder} does not exist. ` +
      (isPublic ? 'The public files are not in the repository: materialise them at the commits the manifest names first.' : ''),
  );
  process.exit(2);
}
let manifest;
try {
  manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
} catch (error) {
  console.error(`eval: ${manifestPath} is not valid JSON: ${error.message}`);
  process.exit(2);
}
if (!Array.isArray(manifest?.files)) {
  console.error(`eval: ${manifestPath} has no "files" list`);
  process.exit(2);
}

const result = await scoreCorpus(manifest, folder, loadScanner(), manifestPath);
console.log(`${manifest.files.length} files scored from ${folder}`);
console.log(report(result, { verbose: verbose || !isPublic }));
if (result.missingFiles.length > 0) {
  console.error(`eval: ${result.missingFiles.length} file(s) of the manifest are missing from ${folder}`);
}
if (!isPublic) {
  const { precision, recall } = ratios(result.total);
  if (precision < MINIMUM || recall < MINIMUM || result.missingFiles.length > 0) {
    console.error(`eval: below ${MINIMUM} (precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)})`);
    process.exit(1);
  }
}
