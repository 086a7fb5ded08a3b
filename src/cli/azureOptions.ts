/** What every command that talks to Azure takes: the cloud (or a custom endpoint) and the credential. */

import type { TokenCredential } from '@azure/core-auth';
import type { AzureCloud } from '../core/azure/clouds';
import { AZURE_CLOUDS, customCloud, isAzureCloudName } from '../core/azure/clouds';
import { staticTokenCredential } from '../core/azure/staticTokenCredential';
import { UsageError } from './commandLine';
import type { CliIo } from './io';

export const TOKEN_VARIABLE = 'AMR_MIGRATE_ACCESS_TOKEN';

/** `parseArgs` options every Azure command takes: the cloud, the output format and help. */
export const AZURE_COMMAND_OPTIONS = {
  cloud: { type: 'string' },
  'arm-endpoint': { type: 'string' },
  format: { type: 'string', default: 'text' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function outputFormat(format: string | undefined): 'text' | 'json' {
  if (format !== 'text' && format !== 'json') throw new UsageError('--format must be text or json');
  return format;
}

export const CLOUD_HELP = `  --cloud NAME        AzureCloud (default), AzureChinaCloud or AzureUSGovernment
  --arm-endpoint URL  a custom Azure Resource Manager endpoint (sovereign or private cloud)`;

export const CREDENTIAL_HELP = `Credential: a bearer token from ${TOKEN_VARIABLE} when set, else the Azure default credential chain
(environment, workload identity, managed identity, Azure CLI, ...); with --arm-endpoint, set AZURE_AUTHORITY_HOST
to the cloud's sign-in authority. Extra CA certificates: NODE_EXTRA_CA_CERTS.`;

export function parseCloud(values: { cloud?: string; 'arm-endpoint'?: string }): AzureCloud {
  if (values.cloud !== undefined && values['arm-endpoint'] !== undefined) throw new UsageError('give either --cloud or --arm-endpoint, not both');
  if (values.cloud !== undefined && !isAzureCloudName(values.cloud)) {
    throw new UsageError(`--cloud must be one of ${Object.keys(AZURE_CLOUDS).join(', ')}`);
  }
  let cloud = AZURE_CLOUDS[values.cloud && isAzureCloudName(values.cloud) ? values.cloud : 'AzureCloud'];
  if (values['arm-endpoint'] !== undefined) {
    try {
      cloud = customCloud(values['arm-endpoint']);
    } catch (error) {
      throw new UsageError(`--arm-endpoint: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return cloud;
}

export async function credentialFor(io: CliIo, cloud: AzureCloud): Promise<TokenCredential> {
  const token = io.env[TOKEN_VARIABLE];
  if (token !== undefined && token.trim() !== '') return staticTokenCredential(token);
  // Loaded only when needed: @azure/identity is large and pulls in MSAL.
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential(cloud.authorityHost ? { authorityHost: cloud.authorityHost } : {});
}
