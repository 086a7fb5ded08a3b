/**
 * What one "Copy Data" run does, however it was asked for: the prompts build it, or another extension / automation
 * passes `{ from, to, … }` as the command's argument. No VS Code import: unit-tested in node.
 */
import type { CopyOptions } from '../../core/copy/copyEngine';
import { EndpointError, parseRedisUrl, type RedisEndpoint } from '../../core/copy/endpoint';
import type { VerifyMode } from '../../core/copy/verify';
import { serverOf } from './copyCheckpoints';

export interface CopySide {
  /** With whatever credentials the user chose; lives in memory for this run only. */
  endpoint: RedisEndpoint;
  /** The cache's name, or the server (never a secret), for messages. */
  name: string;
}

export interface CopyPlan {
  source: CopySide;
  target: CopySide;
  dryRun: boolean;
  verify: VerifyMode;
  keyPrefix: string;
  overwrite: boolean;
  allowNonEmptyTarget: boolean;
  /** Continue from the pair's stored checkpoint. */
  resume: boolean;
  /** Keep in sync: after the copy, follow the source's keyspace notifications until the user cuts over. */
  live: boolean;
  /** The source's notify-keyspace-events as Azure reports it (redisConfiguration), for a source that refuses CONFIG GET. */
  notifyKeyspaceEvents?: string;
}

/** The command's argument for automation; URLs may carry credentials (`rediss://user:password@host:port/db`). */
export interface CopyDataArgument {
  from: string;
  to: string;
  /** Authenticate to the target with Microsoft Entra ID (the VS Code Microsoft sign-in) instead of the URL's password. */
  entra?: boolean;
  dryRun?: boolean;
  verify?: VerifyMode;
  overwrite?: boolean;
  allowNonEmptyTarget?: boolean;
  keyPrefix?: string;
  resume?: boolean;
  /** Keep the target in sync until "Cut Over Live Copy" (the engine's live mode). */
  live?: boolean;
}

export class CopyArgumentError extends Error {
  override name = 'CopyArgumentError';
}

const VERIFY_MODES: readonly VerifyMode[] = ['full', 'sample', 'none'];
const BOOLEAN_FIELDS = ['entra', 'dryRun', 'overwrite', 'allowNonEmptyTarget', 'resume', 'live'] as const;

export function isCopyDataArgument(value: unknown): value is Record<string, unknown> & { from: unknown; to: unknown } {
  return typeof value === 'object' && value !== null && 'from' in value && 'to' in value;
}

/** Checks an argument that came from outside (another extension, a keybinding) and turns it into a plan. */
export function planFromArgument(value: Record<string, unknown>): { plan: CopyPlan; entra: boolean } {
  const known = new Set(['from', 'to', 'verify', 'keyPrefix', ...BOOLEAN_FIELDS]);
  const unknown = Object.keys(value).filter((key) => !known.has(key));
  if (unknown.length) throw new CopyArgumentError(`unknown field(s) ${unknown.join(', ')} in the Copy Data argument`);
  for (const field of BOOLEAN_FIELDS) {
    if (value[field] !== undefined && typeof value[field] !== 'boolean') throw new CopyArgumentError(`${field} must be true or false`);
  }
  if (value.verify !== undefined && !VERIFY_MODES.includes(value.verify as VerifyMode)) {
    throw new CopyArgumentError(`verify must be full, sample or none, not ${JSON.stringify(value.verify)}`);
  }
  if (value.keyPrefix !== undefined && typeof value.keyPrefix !== 'string') throw new CopyArgumentError('keyPrefix must be a string');
  const argument = value as unknown as CopyDataArgument;
  const source = sideFromUrl(argument.from, 'from');
  const target = sideFromUrl(argument.to, 'to');
  if (argument.entra && (target.endpoint.username || target.endpoint.password)) {
    throw new CopyArgumentError('entra authenticates the target with a token: leave user and password out of "to"');
  }
  checkDistinct(source.endpoint, target.endpoint);
  if (argument.live && argument.dryRun) throw new CopyArgumentError('live and dryRun exclude each other: a dry run copies nothing to keep in sync');
  return {
    plan: {
      source, target,
      dryRun: argument.dryRun ?? false,
      verify: argument.verify ?? 'full',
      keyPrefix: argument.keyPrefix ?? '',
      overwrite: argument.overwrite ?? false,
      allowNonEmptyTarget: argument.allowNonEmptyTarget ?? false,
      resume: argument.resume ?? false,
      live: argument.live ?? false,
    },
    entra: argument.entra ?? false,
  };
}

function sideFromUrl(url: unknown, field: string): CopySide {
  if (typeof url !== 'string' || url.trim() === '') throw new CopyArgumentError(`"${field}" must be a redis:// or rediss:// URL`);
  try {
    const endpoint = parseRedisUrl(url.trim());
    return { endpoint, name: serverOf(endpoint) };
  } catch (error) {
    if (!(error instanceof EndpointError)) throw error;
    throw new CopyArgumentError(`"${field}": ${error.message}`);
  }
}

/** Copying a database onto itself would report every key as already present and prove nothing; refuse it. */
export function checkDistinct(source: RedisEndpoint, target: RedisEndpoint): void {
  if (serverOf(source) === serverOf(target)) throw new CopyArgumentError(`the source and the target are the same database (${serverOf(source)})`);
}

/** The engine options of a plan; the runner adds the checkpoint, signal, progress and (live) the cut-over signal. */
export function engineOptions(plan: CopyPlan): CopyOptions {
  return {
    source: plan.source.endpoint,
    target: plan.target.endpoint,
    dryRun: plan.dryRun,
    verify: plan.verify,
    overwrite: plan.overwrite,
    allowNonEmptyTarget: plan.allowNonEmptyTarget,
    ...(plan.keyPrefix ? { keyPrefix: plan.keyPrefix } : {}),
    resume: plan.resume,
  };
}
