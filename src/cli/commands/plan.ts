import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { cachesFromArmDocument } from '../../core/azure/armMapping';
import type { CacheInfo } from '../../core/azure/cacheModel';
import { describeError } from '../../core/files/describeError';
import { exportTarget } from '../../core/fix/iac/exportTarget';
import { TEMPLATE_FORMATS, type TemplateFormat } from '../../core/fix/iac/templateFormats';
import { stillNeededAfterSwitch, stillNeededLines, switchedTo } from '../../core/migration/afterSwitch';
import { buildPlan } from '../../core/plan/buildPlan';
import type { MetricsLookup } from '../../core/plan/metricsFile';
import { parseMetricsFile } from '../../core/plan/metricsFile';
import type { CacheMetrics, MigrationPlan, UsageEvidence } from '../../core/plan/planModel';
import { formatPlansMarkdown, formatPlansText } from '../../core/plan/renderPlan';
import { retirementOf } from '../../core/plan/sourceCache';
import { parseCommandLine, parseOptions, UsageError } from '../commandLine';
import type { CliIo } from '../io';
import { ExitCode } from '../io';

const FORMATS = ['text', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

const HELP = `Usage: amr-migrate plan FILE... [--format text|json|markdown] [--metrics FILE] [--findings FILE]
       amr-migrate plan FILE [--metrics FILE] --export bicep|terraform|arm

Recommends an Azure Managed Redis SKU, lists blockers, feature and client changes, data strategies
and migration steps for each cache.

  FILE               ARM JSON of a Microsoft.Cache/redis or Microsoft.Cache/redisEnterprise resource
                     (what 'az redis show' / 'az redisenterprise show' print), or { "value": [ ... ] };
                     give the Azure Managed Redis cache too once Azure's automated migration switched a
                     source's host name to it (its migratedEndpoint): that plan then lists the code changes
                     still needed after the switch
  --format FORMAT    text (default), json, or markdown (a document for a PR or wiki)
  --metrics FILE     peaks over the last 30 days, either
                       { "<resource id or cache name>": { "usedMemoryPercentMax": 82, "serverLoadPercentMax": 40 } }
                     or a raw Azure Monitor response of 'az monitor metrics list --resource ID
                       --metrics usedmemorypercentage serverLoad --aggregation Maximum --interval 1h --offset 30d'
  --findings FILE    the output of 'amr-migrate scan --format json' for the applications that use the caches:
                     a database-select finding turns the databases check into a warning
  --export FORMAT    print, instead of the plan, a Bicep, Terraform or ARM template of the recommended
                     Azure Managed Redis cache (one cache only); what it does not carry over is
                     written in it as comments
  -h, --help         show this help
`;

interface PlanArgs {
  files: string[];
  format: Format;
  metricsFile?: string;
  findingsFile?: string;
  exportFormat?: TemplateFormat;
}

/** A file that cannot be read or does not hold what it should: exit 2 with the message, without the help. */
class InputError extends Error {}

function parsePlanArgs(args: string[]): PlanArgs | 'help' {
  const parsed = parseOptions({
    args,
    options: {
      format: { type: 'string', default: 'text' },
      metrics: { type: 'string' },
      findings: { type: 'string' },
      export: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const format = values.format!;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  if (positionals.length === 0) throw new UsageError('give at least one FILE with the ARM JSON of a cache');
  const exportFormat = values.export;
  if (exportFormat !== undefined && !(TEMPLATE_FORMATS as readonly string[]).includes(exportFormat)) throw new UsageError(`--export must be one of ${TEMPLATE_FORMATS.join(', ')}`);
  return {
    files: positionals,
    format: format as Format,
    ...(values.metrics !== undefined ? { metricsFile: values.metrics } : {}),
    ...(values.findings !== undefined ? { findingsFile: values.findings } : {}),
    ...(exportFormat !== undefined ? { exportFormat: exportFormat as TemplateFormat } : {}),
  };
}

/** Reads and parses one JSON file; errors name the file. */
async function readJson(cwd: string, file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${describeError(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file} is not valid JSON${jsonErrorLocation(text, error as Error)}`);
  }
}

/** Where JSON.parse stopped, as line and column; never the text itself, which may hold a secret. */
function jsonErrorLocation(text: string, error: Error): string {
  const position = /at position (\d+)/.exec(error.message)?.[1];
  if (position === undefined) return '';
  const before = text.slice(0, Number(position)).split('\n');
  return ` (line ${before.length}, column ${before.at(-1)!.length + 1})`;
}

async function readCaches(cwd: string, file: string): Promise<CacheInfo[]> {
  const json = await readJson(cwd, file);
  try {
    return cachesFromArmDocument(json);
  } catch (error) {
    throw new InputError(`${file}: ${(error as Error).message}`);
  }
}

async function readMetrics(cwd: string, file: string | undefined): Promise<MetricsLookup> {
  if (!file) return () => undefined;
  const json = await readJson(cwd, file);
  try {
    return parseMetricsFile(json, file);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

/** What a scan's JSON report shows about the applications' use of the caches. */
async function readEvidence(cwd: string, file: string | undefined): Promise<UsageEvidence> {
  if (!file) return {};
  const json = await readJson(cwd, file);
  const findings = (json as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(findings) || !findings.every((f) => typeof (f as { ruleId?: unknown } | null)?.ruleId === 'string')) {
    throw new InputError(`${file} is not the output of 'amr-migrate scan --format json' (expected { "findings": [ { "ruleId": … } ] })`);
  }
  return { databaseSelectFindings: findings.filter((f: { ruleId: string }) => f.ruleId === 'database-select').length };
}

/** A plan, and for a cache Azure's automated migration already switched, the AMR cache it reaches now. */
interface PlanEntry {
  plan: MigrationPlan;
  switchedTo?: CacheInfo;
}

function render(entries: PlanEntry[], format: Format): string {
  const plans = entries.map((e) => e.plan);
  const after = entries.filter((e) => e.switchedTo);
  if (format === 'json') {
    // Extends each plan of a migrated cache with `afterSwitch`; other plans are as before.
    const json = entries.map(({ plan, switchedTo: target }) => (target
      ? { ...plan, afterSwitch: { targetId: target.id, targetHostName: target.hostName, stillNeeded: stillNeededAfterSwitch(plan) } }
      : plan));
    return `${JSON.stringify({ plans: json }, null, 2)}\n`;
  }
  const lines = after.flatMap(({ plan, switchedTo: target }) => ['', ...stillNeededLines(plan.source.name, target!, stillNeededAfterSwitch(plan))]);
  const body = format === 'markdown' ? formatPlansMarkdown(plans) : formatPlansText(plans);
  return lines.length ? `${body.replace(/\n*$/, '\n')}${format === 'markdown' ? '\n## After the switch\n' : ''}${lines.join('\n')}\n` : body;
}

/** One template, for one cache: several would not make one valid file. */
function exportTemplate(planned: ReadonlyArray<{ cache: CacheInfo; metrics: CacheMetrics | undefined }>, format: TemplateFormat, io: CliIo): number {
  if (planned.length !== 1) throw new InputError(`--export writes the template of one cache; the files hold ${planned.length} to plan`);
  const exported = exportTarget(planned[0]!.cache, format, planned[0]!.metrics);
  if ('problem' in exported) throw new InputError(exported.problem);
  io.out(exported.text);
  return ExitCode.ok;
}

export async function runPlan(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine('plan', HELP, io, () => parsePlanArgs(args));
  if (typeof parsed === 'number') return parsed;
  try {
    const metricsOf = await readMetrics(io.cwd, parsed.metricsFile);
    const evidence = await readEvidence(io.cwd, parsed.findingsFile);
    const all: CacheInfo[] = [];
    for (const file of parsed.files) {
      const caches = await readCaches(io.cwd, file);
      if (caches.length === 0) io.err(`amr-migrate plan: ${file} holds no cache\n`);
      for (const cache of caches) {
        if (!retirementOf(cache) && !cache.migratedEndpoint) io.err(`amr-migrate plan: ${cache.name} in ${file} is already Azure Managed Redis (${cache.tier}); nothing to plan\n`);
      }
      all.push(...caches);
    }
    // An AMR cache given with its source tells, by migratedEndpoint, that the automated migration switched it.
    const retiring = all.filter((cache) => retirementOf(cache));
    if (parsed.exportFormat) return exportTemplate(retiring.map((cache) => ({ cache, metrics: metricsOf(cache) })), parsed.exportFormat, io);
    const entries: PlanEntry[] = retiring.map((cache) => ({ plan: buildPlan(cache, metricsOf(cache), evidence), switchedTo: switchedTo(cache, all) }));
    io.out(render(entries, parsed.format));
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.err(`amr-migrate plan: ${error.message}\n`);
    return ExitCode.usage;
  }
}
