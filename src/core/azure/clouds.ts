/**
 * Azure clouds the inventory can talk to. A sovereign or private cloud that is not listed is reached by giving
 * its Resource Manager endpoint; the credential then needs its authority host from the environment
 * (`AZURE_AUTHORITY_HOST`), as @azure/identity documents.
 */

export type AzureCloudName = 'AzureCloud' | 'AzureChinaCloud' | 'AzureUSGovernment';

export interface AzureCloud {
  /** A known cloud's name, or `Custom` for an endpoint given by URL. */
  name: AzureCloudName | 'Custom';
  /** Base URL of Azure Resource Manager, without a trailing slash. */
  resourceManagerEndpoint: string;
  /** Entra ID (AAD) authority host; unknown for a custom endpoint. */
  authorityHost?: string;
}

export const AZURE_CLOUDS: Record<AzureCloudName, AzureCloud> = {
  AzureCloud: {
    name: 'AzureCloud',
    resourceManagerEndpoint: 'https://management.azure.com',
    authorityHost: 'https://login.microsoftonline.com',
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    resourceManagerEndpoint: 'https://management.chinacloudapi.cn',
    authorityHost: 'https://login.chinacloudapi.cn',
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    resourceManagerEndpoint: 'https://management.usgovcloudapi.net',
    authorityHost: 'https://login.microsoftonline.us',
  },
};

export function isAzureCloudName(name: string): name is AzureCloudName {
  return Object.prototype.hasOwnProperty.call(AZURE_CLOUDS, name);
}

/** A cloud reached through a custom Resource Manager endpoint; throws on anything but an https URL without path. */
export function customCloud(resourceManagerEndpoint: string): AzureCloud {
  let url: URL;
  try {
    url = new URL(resourceManagerEndpoint);
  } catch {
    throw new Error('the Resource Manager endpoint is not a URL');
  }
  // Bearer tokens travel only over TLS, and ARM paths are absolute from the host.
  if (url.protocol !== 'https:') throw new Error(`the Resource Manager endpoint must use https, got '${url.protocol}'`);
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new Error('the Resource Manager endpoint must be a bare origin such as https://management.example.net (no user, path, query or fragment)');
  }
  return { name: 'Custom', resourceManagerEndpoint: url.origin };
}

/** The OAuth scope that grants access to a cloud's Resource Manager. */
export function resourceManagerScope(cloud: AzureCloud): string {
  return `${cloud.resourceManagerEndpoint}/.default`;
}
