import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { TokenCredential } from '@azure/core-auth';
import { copyData, CopyError, type CopyFailureKind, type CopyOptions, type CopyResult } from '../../core/copy/copyEngine';
import { EndpointError, parseRedisUrl, urlRedactor, type RedisEndpoint } from '../../core/copy/endpoint';
import { buildCopyReport, renderCopyText, summarizeCopy } from '../../core/copy/copyReport';
import { formatBytes } from '../../core/formatBytes';
import { formatDuration, type CopyProgress } from '../../core/copy/progress';
import type { LiveStatus } from '../../core/copy/liveSync';
import type { VerifyMode } from '../../core/copy/verify';
import type { CliIo } from '../io';
import { ExitCode } from '../io';
import { parseCommandLine, parseOptions, UsageError } from '../commandLine';

const HELP = `Usage: amr-migrate copy --from URL --to URL [options]

Copies every key of one Redis into another (DUMP/RESTORE with TTLs, element by element when RESTORE is refused).
Never writes to the source and never flushes anything.

Options:
  --from URL                source, redis://[user:password@]host:port[/db] or rediss:// for TLS
  --to URL                  target, same form
                            Without a password in the URL, the password is read from the environment
                            variable AMR_MIGRATE_FROM_PASSWORD (source) or AMR_MIGRATE_TO_PASSWORD (target),
                            which keeps it out of the process list and the shell history.
  --entra                   authenticate to the target with Microsoft Entra ID (DefaultAzureCredential)
  --dry-run                 only count the source's keys and bytes, and check the target is empty
  --overwrite               replace keys the target already has (otherwise they are reported, not touched)
  --allow-non-empty-target  copy into a target that already holds keys, keeping them
  --key-prefix PREFIX       prepend PREFIX to every key on the target (required to map a database other than 0)
  --verify full|sample|none compare source and target after the copy (default: full)
  --resume FILE             continue a stopped copy from its checkpoint file
  --checkpoint FILE         where to keep the checkpoint (default: amr-migrate-copy-<time>.checkpoint.json)
  --from-cluster            the source is an OSS cluster (discovered automatically when possible)
  --to-cluster              the target is an OSS cluster (discovered automatically when possible)
  --ca FILE                 extra CA certificate(s) (PEM) to trust for TLS on both sides
  --live                    after the copy, keep the target in step with the source (keyspace notifications)
                            until Ctrl+C or SIGTERM: then copy what is still waiting, verify and report
                            whether the target is in step — the moment to switch the application over.
                            Needs notify-keyspace-events (e.g. KEA) on the source; the copy never sets it.
  --notify-keyspace-events FLAGS
                            with --live: the source's notify-keyspace-events setting, for a source that
                            does not answer CONFIG GET (Azure Cache for Redis: its redisConfiguration,
                            as \`amr-migrate inventory --format json\` shows under keyspaceNotifications)
  --format text|json        output format (default: text)
  -h, --help                show this help

Exit codes: 0 copy and verification found no missing or different key, 1 otherwise, 2 usage error.
With --live, a Ctrl+C or SIGTERM during the initial copy stops it (resume with --resume FILE --live); after it,
the first one starts the cut-over and a second one exits at once.
`;

/** Progress lines on a terminal are rewritten in place; elsewhere one line every few seconds. */
const PLAIN_PROGRESS_INTERVAL_MS = 5_000;

const FAILURE_HINTS: Partial<Record<CopyFailureKind, string>> = {
  'target-not-empty': 'Add --allow-non-empty-target to keep its keys (clashes are reported), or --overwrite to replace clashing keys.',
  'needs-key-prefix': 'Add --key-prefix PREFIX.',
};

interface CopyArgs {
  options: CopyOptions;
  format: 'text' | 'json';
  entra: boolean;
  checkpointFile: string;
  resumeFile: string | undefined;
  /** Hides the typed URLs' passwords and the passwords from the environment in a message. */
  redact: (message: string) => string;
}

/** Environment variables with the password of each side, used when its URL holds none (see the help). */
const PASSWORD_VARIABLES = { source: 'AMR_MIGRATE_FROM_PASSWORD', target: 'AMR_MIGRATE_TO_PASSWORD' } as const;

export async function runCopy(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine('copy', HELP, io, () => parseCopyArgs(args, io), urlRedactor(args));
  if (typeof parsed === 'number') return parsed;
  const { options, format, redact } = parsed;
  if (parsed.entra) options.target.credential = await defaultAzureCredential();

  const progress = progressPrinter(io);
  let result: CopyResult;
  try {
    result = await copyData({
      ...options,
      signal: io.signal,
      onProgress: progress.update,
      progressIntervalMs: io.isTTY ? 250 : PLAIN_PROGRESS_INTERVAL_MS,
      onNotice: (message) => progress.note(redact(message)),
      ...(options.live ? { live: { ...options.live, cutOver: io.signal, onStatus: progress.live, statusIntervalMs: io.isTTY ? 250 : PLAIN_PROGRESS_INTERVAL_MS } } : {}),
    });
  } catch (error) {
    progress.done();
    if (!(error instanceof CopyError)) throw error;
    const hint = FAILURE_HINTS[error.kind] ?? (error.checkpointFile ? `Nothing is lost: resume with --resume ${error.checkpointFile}` : '');
    io.err(`amr-migrate copy: ${redact(error.message)}\n${hint ? `${hint}\n` : ''}`);
    return ExitCode.findings;
  }
  progress.done();
  if (!result.dryRun && !parsed.resumeFile) await rm(parsed.checkpointFile, { force: true });
  if (!result.dryRun && parsed.resumeFile) await rm(parsed.resumeFile, { force: true });

  const summary = summarizeCopy(result);
  const { durationMs: _duration, ...details } = result;
  // The closing summary stays last (the contract); live mode adds its two numbers just before it.
  const liveSummary = result.live ? { liveCopied: result.live.liveCopied, lagMs: result.live.lagMs } : {};
  io.out(format === 'json' ? `${JSON.stringify({ ...details, ...liveSummary, ...summary }, null, 2)}\n` : renderCopyText(buildCopyReport(result)));
  return summary.missing === 0 && summary.different === 0 && result.counts.conflicts === 0 ? ExitCode.ok : ExitCode.findings;
}

function endpointOption(url: string, cluster: boolean): RedisEndpoint {
  try {
    return parseRedisUrl(url, { cluster });
  } catch (error) {
    if (error instanceof EndpointError) throw new UsageError(error.message);
    throw error;
  }
}

function parseCopyArgs(args: string[], io: CliIo): CopyArgs | 'help' {
  const { values, positionals } = parseOptions({
    args,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      entra: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      overwrite: { type: 'boolean', default: false },
      'allow-non-empty-target': { type: 'boolean', default: false },
      'key-prefix': { type: 'string' },
      verify: { type: 'string', default: 'full' },
      resume: { type: 'string' },
      checkpoint: { type: 'string' },
      'from-cluster': { type: 'boolean', default: false },
      'to-cluster': { type: 'boolean', default: false },
      ca: { type: 'string' },
      live: { type: 'boolean', default: false },
      'notify-keyspace-events': { type: 'string' },
      format: { type: 'string', default: 'text' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  // Never quoted: a stray argument may well be a URL with a password.
  if (positionals.length > 0) throw new UsageError('unexpected argument: copy takes no positional arguments (options only)');
  if (!values.from || !values.to) throw new UsageError('both --from URL and --to URL are required');
  if (!['full', 'sample', 'none'].includes(values.verify!)) throw new UsageError('--verify must be full, sample or none');
  if (!['text', 'json'].includes(values.format!)) throw new UsageError('--format must be text or json');
  if (values.live && values['dry-run']) throw new UsageError('--live copies and follows the source; a --dry-run copies nothing');
  if (values.live && values['allow-non-empty-target'] && !values.overwrite) {
    throw new UsageError('--live replaces keys as the source changes them: with a non-empty target, use --overwrite');
  }
  if (values['notify-keyspace-events'] !== undefined && !values.live) throw new UsageError('--notify-keyspace-events goes with --live');
  if (values['notify-keyspace-events'] !== undefined && !/^[KEg$lshzxetmndA]*$/.test(values['notify-keyspace-events'])) {
    throw new UsageError('--notify-keyspace-events takes the setting\'s letters, e.g. KEA');
  }
  if (values.resume && values.checkpoint) throw new UsageError('--resume already names the checkpoint file; drop --checkpoint');
  const source = endpointOption(values.from, values['from-cluster']!);
  const target = endpointOption(values.to, values['to-cluster']!);
  if (values.entra && (target.username || target.password)) throw new UsageError('--entra authenticates with a token: leave user and password out of --to');
  const environmentPasswords = [passwordFromEnvironment(io, source, 'source'), values.entra ? undefined : passwordFromEnvironment(io, target, 'target')];
  if (values.ca) {
    const ca = readCa(resolvePath(io, values.ca));
    for (const endpoint of [source, target] as RedisEndpoint[]) endpoint.ca = ca;
  }
  const resumeFile = values.resume ? resolvePath(io, values.resume) : undefined;
  if (resumeFile) {
    try {
      readFileSync(resumeFile);
    } catch {
      throw new UsageError(`no checkpoint at ${resumeFile}`);
    }
  }
  const checkpointFile = resumeFile ?? resolvePath(io, values.checkpoint ?? `amr-migrate-copy-${new Date().toISOString().replace(/[:.]/g, '-')}.checkpoint.json`);
  return {
    options: {
      source, target,
      dryRun: values['dry-run']!,
      overwrite: values.overwrite!,
      allowNonEmptyTarget: values['allow-non-empty-target']!,
      ...(values['key-prefix'] !== undefined ? { keyPrefix: values['key-prefix'] } : {}),
      verify: values.verify as VerifyMode,
      checkpointFile,
      resume: resumeFile !== undefined,
      ...(values.live ? { live: {
        cutOver: io.signal,
        ...(values['notify-keyspace-events'] !== undefined ? { notifyKeyspaceEvents: values['notify-keyspace-events'] } : {}),
      } } : {}),
    },
    format: values.format as 'text' | 'json',
    entra: values.entra!,
    checkpointFile,
    resumeFile,
    redact: urlRedactor([values.from, values.to], environmentPasswords),
  };
}

/** Sets the endpoint's password from its environment variable when the URL holds none; returns what it set. */
function passwordFromEnvironment(io: CliIo, endpoint: RedisEndpoint, side: keyof typeof PASSWORD_VARIABLES): string | undefined {
  const password = io.env[PASSWORD_VARIABLES[side]];
  if (endpoint.password !== undefined || !password) return undefined;
  endpoint.password = password;
  return password;
}

function resolvePath(io: CliIo, path: string): string {
  return isAbsolute(path) ? path : join(io.cwd, path);
}

function readCa(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read --ca ${path}: ${(error as Error).message}`);
  }
}

/** Loaded only for --entra: @azure/identity is large. */
async function defaultAzureCredential(): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential();
}

function progressPrinter(io: CliIo) {
  let open = false;
  const line = (p: CopyProgress) => {
    const total = p.keysTotal !== undefined ? `/${p.keysTotal}` : '';
    const eta = p.etaSeconds !== undefined ? `, ETA ${formatDuration(p.etaSeconds)}` : '';
    return `${p.phase}: ${p.keysDone}${total} keys, ${formatBytes(p.bytes)}, ${Math.round(p.keysPerSecond)} keys/s${eta}`;
  };
  const show = (text: string) => {
    if (io.isTTY) {
      io.err(`\r\x1b[2K${text}`);
      open = true;
    } else {
      io.err(`${text}\n`);
    }
  };
  return {
    update: (p: CopyProgress) => show(line(p)),
    live: (s: LiveStatus) => show(`${s.phase === 'draining' ? 'cut-over, draining' : 'live (Ctrl+C to cut over)'}: ${s.liveCopied} keys copied live, `
      + `${s.liveDeleted} deleted; lag ${s.waiting} keys waiting, oldest ${(s.oldestMs / 1000).toFixed(1)} s`
      + `${s.rescanning ? `; re-scanning ${s.rescanning} primary(ies)` : ''}`),
    note: (message: string) => {
      if (open) io.err('\n');
      open = false;
      io.err(`note: ${message}\n`);
    },
    done: () => {
      if (open) io.err('\n');
      open = false;
    },
  };
}
