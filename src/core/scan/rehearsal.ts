import type { Finding, ScanSettings } from '../findings';
import type { Rule } from '../rules/rule';
import { ScanSession } from './scanSession';

/** Where the rehearsal's document claims to be: never read, as the sample imports nothing relative. */
const SAMPLE_PATH = '/amr-migrate/rehearsal/cache-service.ts';

/** Sections of the sample, each with a few Redis calls and findings. */
const SECTIONS = 10;

/** Statements typed into the sample, at line starts spread through it, each followed by a re-scan. */
const EDITS = 120;

/**
 * A service module as apps that use Redis write them: clients of both common libraries on a legacy Azure host,
 * reads and writes across keys, a transaction, and plain code between them.
 */
function sample(): string {
  const lines = [
    "import { createClient } from 'redis';",
    "import Redis from 'ioredis';",
    '',
    "const host = process.env.CACHE_HOST || 'shop.redis.cache.windows.net';",
    "const sessions = createClient({ url: `rediss://${host}:6380`, password: process.env.CACHE_PASSWORD });",
    "const counters = new Redis(6380, 'counters.redis.cache.windows.net', { password: process.env.REDIS_ACCESS_KEY, tls: {} });",
    '',
  ];
  for (let section = 0; section < SECTIONS; section++) {
    lines.push(
      `type Cart${section} = { user: string; items: string[]; updated: number };`,
      '',
      `export async function readCarts${section}(users: string[]): Promise<Cart${section}[]> {`,
      `  const raw = await sessions.mGet(users.map((user) => 'cart:' + user + ':${section}'));`,
      `  return raw.filter((value): value is string => value !== null).map((value) => JSON.parse(value) as Cart${section});`,
      '}',
      '',
      `export async function touch${section}(cart: Cart${section}): Promise<void> {`,
      `  await sessions.set(\`cart:\${cart.user}:${section}\`, JSON.stringify({ ...cart, updated: Date.now() }), { EX: ${600 + section} });`,
      `  await counters.incr('carts:touched');`,
      '}',
      '',
      `export async function forget${section}(user: string): Promise<number> {`,
      `  const removed = await counters.del(\`cart:\${user}:${section}\`, \`seen:\${user}\`);`,
      `  const rest = await counters.keys('cart:' + user + ':*');`,
      '  return removed + rest.length;',
      '}',
      '',
    );
  }
  return lines.join('\n');
}

/**
 * Runs a live session through what typing into a document makes it do, on a built-in sample: a scan, then edits each
 * re-scanned. The first re-scans of a fresh process run code the JIT has not compiled yet (the edit's splice, the
 * rules and fixes over every finding again), two to four times slower than later ones; the scan worker rehearses once,
 * after its first answer, so that the user's first keystrokes are not those. One `step` at a time, so that the worker
 * can answer a request that comes in meanwhile. (`npm run bench -- --edit-only` rehearses the same way.)
 */
export class LiveScanRehearsal {
  private readonly session: ScanSession;
  private text = sample();
  private edits = 0;
  /** The findings of the last scan: what the rules made of the sample. */
  findings: Finding[];

  constructor(rules: readonly Rule[], private readonly settings: ScanSettings) {
    this.session = new ScanSession(rules);
    this.session.update(SAMPLE_PATH, this.text);
    this.findings = this.session.scan(SAMPLE_PATH, settings).result.findings;
  }

  /** Types the next statement and re-scans; `false` once the rehearsal is over (and its session closed). */
  step(): boolean {
    if (this.edits === EDITS) return false;
    const lineStarts = [0];
    for (let at = this.text.indexOf('\n'); at >= 0; at = this.text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
    // A large stride spreads the edits over the whole file, into types and calls as well as between functions.
    const at = lineStarts[(this.edits * 101) % lineStarts.length];
    this.text = `${this.text.slice(0, at)}const typed${this.edits} = ${this.edits};\n${this.text.slice(at)}`;
    this.session.update(SAMPLE_PATH, this.text);
    this.findings = this.session.scan(SAMPLE_PATH, this.settings).result.findings;
    if (++this.edits === EDITS) this.session.close(SAMPLE_PATH);
    return true;
  }
}

/** The whole rehearsal at once; returns the findings of its last re-scan. */
export function rehearseLiveScans(rules: readonly Rule[], settings: ScanSettings): Finding[] {
  const rehearsal = new LiveScanRehearsal(rules, settings);
  while (rehearsal.step());
  return rehearsal.findings;
}
