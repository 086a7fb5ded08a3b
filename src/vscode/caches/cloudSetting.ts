/**
 * The cloud the Caches view talks to, from the `amrMigrate.cloud` and `amrMigrate.resourceManagerEndpoint` settings,
 * and which of VS Code's built-in Microsoft sign-in providers serves it. No VS Code import: unit-tested in node.
 */

import type { AzureCloud, AzureCloudName } from '../../core/azure/clouds';
import { AZURE_CLOUDS, customCloud, isAzureCloudName, resourceManagerScope } from '../../core/azure/clouds';

/** The settings that choose the cloud; a change to either re-reads the caches. */
export const CACHES_SETTINGS = ['amrMigrate.cloud', 'amrMigrate.resourceManagerEndpoint'] as const;

export type CloudSettingName = AzureCloudName | 'Custom';

/** `microsoft` signs in to the public cloud; the sovereign provider follows `microsoft-sovereign-cloud.environment`. */
export type SignInProviderId = 'microsoft' | 'microsoft-sovereign-cloud';

export interface CloudTarget {
  /** The cloud as chosen in the settings (a custom endpoint does not change which sign-in serves it). */
  setting: CloudSettingName;
  cloud: AzureCloud;
  providerId: SignInProviderId;
  /** The value `microsoft-sovereign-cloud.environment` must have for the sovereign provider to sign in here. */
  sovereignEnvironment?: 'AzureChinaCloud' | 'AzureUSGovernment' | 'custom';
  scopes: string[];
}

/** Thrown for settings that name no usable cloud; the message says which setting to fix. */
export class CloudSettingError extends Error {}

export function resolveCloudTarget(cloudSetting: unknown, endpointSetting: unknown): CloudTarget {
  const setting: CloudSettingName =
    typeof cloudSetting === 'string' && (isAzureCloudName(cloudSetting) || cloudSetting === 'Custom') ? cloudSetting : 'AzureCloud';
  const endpoint = typeof endpointSetting === 'string' ? endpointSetting.trim() : '';
  let cloud: AzureCloud;
  if (endpoint !== '') {
    try {
      cloud = customCloud(endpoint);
    } catch (error) {
      throw new CloudSettingError(`amrMigrate.resourceManagerEndpoint: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else if (setting === 'Custom') {
    throw new CloudSettingError('amrMigrate.cloud is Custom: set amrMigrate.resourceManagerEndpoint to your cloud\'s Resource Manager URL');
  } else {
    cloud = AZURE_CLOUDS[setting];
  }
  const sovereignEnvironment = setting === 'AzureCloud' ? undefined : setting === 'Custom' ? 'custom' : setting;
  return {
    setting,
    // The portal of a known cloud stays known when only its endpoint is overridden.
    cloud: setting === 'Custom' ? cloud : { ...cloud, name: setting },
    providerId: sovereignEnvironment ? 'microsoft-sovereign-cloud' : 'microsoft',
    sovereignEnvironment,
    scopes: [resourceManagerScope(cloud)],
  };
}
