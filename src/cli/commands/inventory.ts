import { ArmRequestError } from '../../core/azure/armReader';
import type { CacheInfo } from '../../core/azure/cacheModel';
import type { AzureCloud } from '../../core/azure/clouds';
import type { Inventory } from '../../core/azure/inventory';
import { listCaches } from '../../core/azure/inventory';
import { escapeControlCharacters } from '../../core/report/terminalText';
import { AZURE_COMMAND_OPTIONS, CLOUD_HELP, CREDENTIAL_HELP, credentialFor, outputFormat, parseCloud } from '../azureOptions';
import { parseCommandLine, parseOptions, UsageError } from '../commandLine';
import type { CliIo } from '../io';
import { ExitCode } from '../io';

const HELP = `Usage: amr-migrate inventory [--subscription ID]... [--cloud NAME] [--arm-endpoint URL] [--format text|json]

Lists the Azure Cache for Redis, Redis Enterprise and Azure Managed Redis caches you can read.

Options:
  --subscription ID   read only this subscription (repeatable); default: every subscription you can list
${CLOUD_HELP}
  --format FORMAT     text (default) or json

${CREDENTIAL_HELP}
Exit code: 0 when every subscription was read, 1 when some could not be, 2 on usage errors.
`;

interface InventoryArgs {
  subscriptionIds?: string[];
  cloud: AzureCloud;
  format: 'text' | 'json';
}

function parseInventoryArgs(args: string[]): InventoryArgs | 'help' {
  const { values } = parseOptions({
    args,
    options: {
      subscription: { type: 'string', multiple: true },
      ...AZURE_COMMAND_OPTIONS,
    },
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const format = outputFormat(values.format);
  const cloud = parseCloud(values);
  const subscriptionIds = values.subscription?.map((id) => id.trim());
  if (subscriptionIds?.some((id) => !/^[\w-]+$/.test(id))) throw new UsageError('--subscription takes a subscription id such as 00000000-0000-0000-0000-000000000000');
  return { subscriptionIds, cloud, format };
}

export async function runInventory(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine('inventory', HELP, io, () => parseInventoryArgs(args));
  if (typeof parsed === 'number') return parsed;
  let inventory: Inventory;
  try {
    const credential = await credentialFor(io, parsed.cloud);
    inventory = await listCaches(credential, { cloud: parsed.cloud, subscriptionIds: parsed.subscriptionIds, signal: io.signal });
  } catch (error) {
    if (io.signal.aborted) {
      io.err('amr-migrate inventory: cancelled\n');
      return ExitCode.findings;
    }
    if (!(error instanceof ArmRequestError)) throw error;
    // The subscription list itself failed: nothing else can be read.
    inventory = { subscriptions: [], caches: [], errors: [{ subscriptionId: '', statusCode: error.statusCode, message: `cannot list subscriptions: ${error.message}` }] };
  }
  io.out(parsed.format === 'json' ? `${JSON.stringify(inventory, null, 2)}\n` : formatInventoryText(inventory));
  // The text table already lists the errors; JSON readers get them on stderr too.
  if (parsed.format === 'json') {
    for (const error of inventory.errors) io.err(escapeControlCharacters(`amr-migrate inventory: ${error.subscriptionId || 'tenant'}: ${error.message}`) + '\n');
  }
  return inventory.errors.length === 0 ? ExitCode.ok : ExitCode.findings;
}

const COLUMNS: [title: string, value: (cache: CacheInfo) => string][] = [
  ['NAME', (c) => c.name],
  ['RESOURCE GROUP', (c) => c.resourceGroup],
  ['TIER', (c) => c.tier],
  ['SKU', (c) => (c.capacity !== undefined && c.kind === 'RedisEnterprise' ? `${c.sku} x${c.capacity}` : c.sku)],
  ['REGION', (c) => c.location],
  ['MEMORY', (c) => `${c.memoryGB} GB`],
  ['SHARDS/REPLICAS', (c) => `${c.shards}/${c.replicas}`],
  ['HOST', (c) => c.hostName],
  ['PORTS', (c) => [c.sslPort !== undefined ? `tls ${c.sslPort}` : '', c.nonSslPort !== undefined ? `plain ${c.nonSslPort}` : ''].filter(Boolean).join(', ')],
  ['AUTH', (c) => [c.accessKeysAuthentication ? 'keys' : '', c.entraAuthentication ? 'entra' : ''].filter(Boolean).join('+') || 'none'],
];

function table(caches: CacheInfo[]): string {
  // Escaped before measuring, so a name holding control characters keeps its columns aligned.
  const rows = [COLUMNS.map(([title]) => title), ...caches.map((cache) => COLUMNS.map(([, value]) => escapeControlCharacters(value(cache))))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => `  ${row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()}\n`).join('');
}

/** A readable table per subscription, then what could not be read. */
export function formatInventoryText(inventory: Inventory): string {
  const names = new Map(inventory.subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.displayName]));
  const bySubscription = new Map<string, CacheInfo[]>();
  for (const cache of inventory.caches) {
    const key = cache.subscriptionId.toLowerCase();
    bySubscription.set(key, [...(bySubscription.get(key) ?? []), cache]);
  }
  let text = '';
  for (const [subscriptionId, caches] of [...bySubscription].sort(([a], [b]) => a.localeCompare(b))) {
    const name = names.get(subscriptionId);
    text += `Subscription ${name ? `${name} (${caches[0].subscriptionId})` : caches[0].subscriptionId}: ${caches.length} cache${caches.length === 1 ? '' : 's'}\n`;
    text += `${table(caches)}\n`;
  }
  const read = inventory.subscriptions.length || bySubscription.size;
  text += `${inventory.caches.length} cache${inventory.caches.length === 1 ? '' : 's'} in ${read} subscription${read === 1 ? '' : 's'}`;
  text += inventory.errors.length === 0 ? '.\n' : `; ${inventory.errors.length} error${inventory.errors.length === 1 ? '' : 's'}:\n`;
  for (const error of inventory.errors) {
    text += `  ${error.subscriptionId || 'tenant'}${error.statusCode !== null ? ` (HTTP ${error.statusCode})` : ''}: ${error.message}\n`;
  }
  return escapeControlCharacters(text);
}
