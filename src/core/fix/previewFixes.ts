import type { RuleId, ScanResult, SourceFileInput } from '../findings';
import { applyFixesInPasses, mergePasses, type MergedPasses } from './applyFixesInPasses';
import { fixFiles, type FixTarget } from './fixFiles';

/** A file as the fixes would leave it. */
export interface FileChange {
  file: string;
  /** The text the fixes started from; undefined for a file they create. */
  before?: string;
  after: string;
  /** The rules whose fixes changed the file, one entry per fix. */
  rules: RuleId[];
}

/**
 * Texts held in memory over a read-only base: what fixes write stays here, so an editor can show the changes
 * before making them. A file is created only when neither the overlay nor the base holds it, as on disk.
 */
export class TextOverlay implements FixTarget {
  private readonly texts = new Map<string, { before?: string; after: string }>();

  constructor(private readonly base: (file: string) => Promise<string | undefined>) {}

  async read(file: string): Promise<string> {
    const text = this.texts.get(file)?.after ?? (await this.base(file));
    if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), { code: 'ENOENT' });
    return text;
  }

  async write(file: string, text: string): Promise<void> {
    const before = this.texts.has(file) ? this.texts.get(file)!.before : await this.base(file);
    this.texts.set(file, { before, after: text });
  }

  async create(file: string, text: string): Promise<void> {
    if (this.texts.has(file) || (await this.base(file)) !== undefined) {
      throw Object.assign(new Error(`EEXIST: file already exists, open '${file}'`), { code: 'EEXIST' });
    }
    this.texts.set(file, { after: text });
  }

  /** The files whose text differs from the base. */
  changed(): { file: string; before?: string; after: string }[] {
    return [...this.texts].filter(([, { before, after }]) => before !== after).map(([file, texts]) => ({ file, ...texts }));
  }
}

export interface FixPreview extends MergedPasses {
  changes: FileChange[];
  passes: number;
}

/**
 * What `amr-migrate scan --fix` would do to `inputs`, without writing anything: the same passes (a fix that
 * overlapped one just made is taken from a scan of the fixed texts), the same checks (a fix that would not parse is
 * left out), made on a TextOverlay whose base is `inputs`, then `readOther` for the files a fix reads or creates
 * beyond them.
 */
export async function previewFixes(options: {
  inputs: readonly SourceFileInput[];
  scan(inputs: readonly SourceFileInput[]): ScanResult;
  readOther(file: string): Promise<string | undefined>;
  reviewRules?: readonly RuleId[];
}): Promise<FixPreview> {
  const texts = new Map(options.inputs.map((input) => [input.path, input.text]));
  const overlay = new TextOverlay(async (file) => texts.get(file) ?? options.readOther(file));
  const run = await applyFixesInPasses({
    inputs: options.inputs,
    result: options.scan(options.inputs),
    scan: options.scan,
    apply: (plan, scanned) => fixFiles(plan.files, scanned, undefined, overlay),
    read: (file) => overlay.read(file),
    reviewRules: options.reviewRules,
  });
  const merged = mergePasses(run.passes);
  const rulesOf = new Map(merged.outcomes.map((outcome) => [outcome.file, outcome.applied.map((planned) => planned.finding.ruleId)]));
  const changes = overlay.changed().map((change) => ({ ...change, rules: rulesOf.get(change.file) ?? [] }));
  return { ...merged, changes, passes: run.passes.length };
}
