import { ArmRestClient } from '../../core/azure/armRest';
import type { AzureCloud } from '../../core/azure/clouds';
import { CLUSTERING_POLICIES, type ClusteringPolicy } from '../../core/azure/cacheModel';
import { checkTargetName } from '../../core/migration/nameAvailability';
import { provisionTarget } from '../../core/migration/provision';
import { signedInObjectId } from '../../core/migration/signedInIdentity';
import type { ProvisionResult } from '../../core/migration/provision';
import { readCache } from '../../core/migration/readCache';
import type { EvictionPolicy, SpecChoices, TargetSpec } from '../../core/migration/targetSpec';
import { AMR_MODULES, EVICTION_POLICIES, explainTargetSpec, provisionRequests, targetSpecFor, targetSpecProblems } from '../../core/migration/targetSpec';
import { escapeControlCharacters } from '../../core/report/terminalText';
import { formatRequestsText, notSentMessage, reportAzureFailure, requestForOutput } from '../armWrites';
import { AZURE_COMMAND_OPTIONS, CLOUD_HELP, CREDENTIAL_HELP, credentialFor, outputFormat, parseCloud } from '../azureOptions';
import { parseCommandLine, parseOptions, UsageError } from '../commandLine';
import type { CliIo } from '../io';
import { ExitCode } from '../io';

const HELP = `Usage: amr-migrate provision --source RESOURCE_ID --name NAME [--resource-group RG] [--location REGION] [--sku SKU]
       [--clustering-policy OSSCluster|EnterpriseCluster|NoCluster] [--grant OBJECT_ID]... [--dry-run] [--yes] [--format text|json]

Creates the Azure Managed Redis cache that replaces an Azure Cache for Redis: PUT cluster, PUT databases/default,
and an access policy assignment per --grant, each followed to its end. Without --yes nothing is sent: the requests
are printed. Re-running continues where a run stopped; nothing is ever deleted. The new host name is checked first
against the clusters of the subscription (Azure has no name check for Azure Managed Redis): when one has it, nothing
is sent and the exit code is 1.

Options:
  --source ID                 resource id of the cache to replace (its region, group and plan are the defaults)
  --name NAME                 the new cache's name (1-60 letters, digits, single hyphens)
  --resource-group RG         default: the source's
  --location REGION           default: the source's (Azure's automated migration needs the same region)
  --sku SKU                   default: the plan's recommendation, e.g. Balanced_B5
  --clustering-policy POLICY  default: the plan's (OSSCluster for Azure Cache for Redis)
  --grant OBJECT_ID           Entra object id given data access (repeatable): yourself and your apps' identities;
                              'me' is the identity you are signed in as (from its token's oid claim)
  --eviction-policy POLICY    ${EVICTION_POLICIES.join(', ')}
  --persistence none|aof|rdb  default: the source's
  --module NAME               ${AMR_MODULES.join(', ')} (repeatable)
  --public-network-access Enabled|Disabled
  --access-keys on|off        default off: only while apps still authenticate with keys
  --no-high-availability      no replica (dev/test; the plan's default for Basic)
  --dry-run                   print the requests, send nothing
  --yes                       send them
${CLOUD_HELP}
  --format FORMAT             text (default) or json

${CREDENTIAL_HELP}
Exit code: 0 on success or a dry run, 1 when the name is taken, Azure refused or the operation failed, 2 on usage
errors.
`;

interface ProvisionArgs {
  sourceId: string;
  choices: SpecChoices;
  overrides: Partial<TargetSpec>;
  send: boolean;
  dryRun: boolean;
  cloud: AzureCloud;
  format: 'text' | 'json';
}

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function parseProvisionArgs(args: string[]): ProvisionArgs | 'help' {
  const { values } = parseOptions({
    args,
    options: {
      source: { type: 'string' },
      name: { type: 'string' },
      'resource-group': { type: 'string' },
      location: { type: 'string' },
      sku: { type: 'string' },
      'clustering-policy': { type: 'string' },
      grant: { type: 'string', multiple: true },
      'eviction-policy': { type: 'string' },
      persistence: { type: 'string' },
      module: { type: 'string', multiple: true },
      'public-network-access': { type: 'string' },
      'access-keys': { type: 'string' },
      'no-high-availability': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      yes: { type: 'boolean' },
      ...AZURE_COMMAND_OPTIONS,
    },
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const format = outputFormat(values.format);
  if (!values.source) throw new UsageError('--source is required: the resource id of the cache to replace');
  if (!values.name) throw new UsageError('--name is required: the name of the new cache');
  const overrides: Partial<TargetSpec> = {};
  const eviction = oneOf<EvictionPolicy>('--eviction-policy', values['eviction-policy'], EVICTION_POLICIES);
  if (eviction) overrides.evictionPolicy = eviction;
  const persistence = oneOf('--persistence', values.persistence, ['none', 'aof', 'rdb'] as const);
  if (persistence) overrides.persistence = persistence;
  if (values.module) overrides.modules = values.module;
  const network = oneOf('--public-network-access', values['public-network-access'], ['Enabled', 'Disabled'] as const);
  if (network) overrides.publicNetworkAccess = network;
  const keys = oneOf('--access-keys', values['access-keys'], ['on', 'off'] as const);
  if (keys) overrides.accessKeysAuthentication = keys === 'on';
  if (values['no-high-availability']) overrides.highAvailability = false;
  return {
    sourceId: values.source,
    choices: {
      name: values.name,
      resourceGroup: values['resource-group'],
      location: values.location,
      sku: values.sku,
      clusteringPolicy: oneOf<ClusteringPolicy>('--clustering-policy', values['clustering-policy'], CLUSTERING_POLICIES),
      grants: values.grant ?? [],
    },
    overrides,
    send: values.yes === true && values['dry-run'] !== true,
    dryRun: values['dry-run'] === true,
    cloud: parseCloud(values),
    format,
  };
}

/** `--grant` values with `me` replaced by the signed-in identity's object id, or why that identity is not known. */
async function resolveGrants(grants: readonly string[], me: () => Promise<string | undefined>): Promise<string[] | string> {
  if (!grants.some((grant) => grant.toLowerCase() === 'me')) return [...grants];
  const objectId = await me();
  if (!objectId) return "--grant me: the token of the signed-in identity names no object id (oid claim); give the object id itself";
  return grants.map((grant) => (grant.toLowerCase() === 'me' ? objectId : grant));
}

/** A message as a sentence of the text output: capitalised, ending in a period. */
const sentence = (message: string) => `${message[0]!.toUpperCase()}${message.slice(1)}${message.endsWith('.') ? '' : '.'}`;

export async function runProvision(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine('provision', HELP, io, () => parseProvisionArgs(args));
  if (typeof parsed === 'number') return parsed;
  const endpoint = parsed.cloud.resourceManagerEndpoint;
  try {
    const credential = await credentialFor(io, parsed.cloud);
    const client = ArmRestClient.create(credential, { cloud: parsed.cloud, signal: io.signal });
    const grants = await resolveGrants(parsed.choices.grants ?? [], () => signedInObjectId(credential, parsed.cloud, io.signal));
    if (typeof grants === 'string') {
      io.err(`amr-migrate provision: ${grants}\n`);
      return ExitCode.usage;
    }
    const source = await readCache(client, parsed.sourceId);
    if (!source) {
      io.err(escapeControlCharacters(`amr-migrate provision: the source ${parsed.sourceId} was not found (or you cannot read it)`) + '\n');
      return ExitCode.findings;
    }
    let spec: TargetSpec;
    try {
      spec = { ...targetSpecFor(source, { ...parsed.choices, grants }), ...parsed.overrides };
    } catch (error) {
      io.err(`amr-migrate provision: ${(error as Error).message}\n`);
      return ExitCode.usage;
    }
    const problems = targetSpecProblems(spec);
    if (problems.length > 0) {
      io.err(escapeControlCharacters(`amr-migrate provision: ${problems.join('; ')}`) + `\n\n${HELP}`);
      return ExitCode.usage;
    }
    const requests = provisionRequests(spec);
    // Checked before anything is sent: the clusters of the subscription; Azure's PUT has the last word on other ones.
    const name = await checkTargetName(client, spec);
    const nameCheck = { available: name.available, message: name.message, ...(name.takenBy ? { takenBy: name.takenBy } : {}) };
    const output = (result?: ProvisionResult) => `${JSON.stringify({
      requests: requests.map((r) => requestForOutput(r, endpoint)),
      nameCheck,
      ...(result ? { result: { id: result.id, hostName: result.hostName, provisioningState: result.provisioningState } } : {}),
    }, null, 2)}\n`;
    if (!parsed.send) {
      if (parsed.format === 'json') io.out(output());
      else io.out(escapeControlCharacters(`${explainTargetSpec(spec).join('\n')}\n${sentence(name.message)}\n\n${formatRequestsText(requests, endpoint)}`));
      if (!name.available) io.err(escapeControlCharacters(`amr-migrate provision: ${name.message}; with --yes nothing would be sent`) + '\n');
      io.err(notSentMessage('provision', parsed.dryRun));
      return ExitCode.ok;
    }
    if (!name.available) {
      if (parsed.format === 'json') io.out(output());
      io.err(escapeControlCharacters(`amr-migrate provision: ${name.message}; nothing was sent to Azure`) + '\n');
      return ExitCode.findings;
    }
    if (parsed.format === 'text') io.out(escapeControlCharacters(`${explainTargetSpec(spec).join('\n')}\n${name.message}\n`));
    const result: ProvisionResult = await provisionTarget(client, spec, (progress) => io.err(escapeControlCharacters(`amr-migrate provision: ${progress.message}`) + '\n'));
    if (parsed.format === 'json') {
      io.out(output(result));
    } else {
      const sent = result.steps.filter((s) => s.outcome === 'sent').length;
      io.out(escapeControlCharacters(`Created ${result.id}\n  host ${result.hostName}:10000 (TLS), ${result.provisioningState}; ${sent} request(s) sent, ${result.steps.length - sent} already done.\n`));
    }
    return ExitCode.ok;
  } catch (error) {
    return reportAzureFailure('provision', error, io);
  }
}
