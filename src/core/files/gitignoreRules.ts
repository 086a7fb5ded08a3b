import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** The rules of one `.gitignore`, which apply to paths below the folder that holds it. */
interface IgnoreLevel {
  dir: string;
  rules: Ignore;
}

/**
 * The `.gitignore` files in force for a folder, outermost first. Git lets a deeper file override a shallower
 * one (a later `!pattern` re-includes), so a path is decided by the deepest level that has an opinion.
 */
export class GitignoreRules {
  private constructor(private readonly levels: readonly IgnoreLevel[]) {}

  /**
   * The rules in force above `dir`: every `.gitignore` from the enclosing git work tree's root down to `dir`'s
   * parent (`dir`'s own file is added by `enter`). Outside a git work tree there are none, and none when they
   * ignore `dir` itself: a folder the user names explicitly is scanned, with only its own .gitignore files.
   */
  static above(dir: string): GitignoreRules {
    const ancestors: string[] = [];
    for (let current = dir; !isGitRoot(current); ) {
      const parent = dirname(current);
      if (parent === current) return new GitignoreRules([]);
      ancestors.push(parent);
      current = parent;
    }
    let rules = new GitignoreRules([]);
    for (const folder of ancestors.reverse()) rules = rules.enter(folder);
    return rules.ignores(dir, true) ? new GitignoreRules([]) : rules;
  }

  /** The rules for a subfolder: these plus the subfolder's own `.gitignore`, if it has one. */
  enter(dir: string): GitignoreRules {
    let text: string;
    try {
      text = readFileSync(join(dir, '.gitignore'), 'utf8');
    } catch {
      return this;
    }
    return new GitignoreRules([...this.levels, { dir, rules: ignore().add(text) }]);
  }

  /** Whether git would ignore `path` (absolute; `isDir` adds the trailing slash directory patterns need). */
  ignores(path: string, isDir: boolean): boolean {
    for (let i = this.levels.length - 1; i >= 0; i--) {
      const level = this.levels[i]!;
      const rel = relative(level.dir, path);
      if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) continue;
      const verdict = level.rules.test(rel.split(sep).join('/') + (isDir ? '/' : ''));
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    return false;
  }
}

function isGitRoot(dir: string): boolean {
  try {
    return statSync(join(dir, '.git'), { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}
