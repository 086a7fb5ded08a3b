import type { AzureCloudName } from './clouds';

/** An Azure region: its ARM name (`westus2`, used in host names) and the name the portal shows (`West US 2`). */
export interface AzureRegion {
  name: string;
  displayName: string;
  cloud: AzureCloudName;
}

const PUBLIC: ReadonlyArray<[string, string]> = [
  ['eastus', 'East US'], ['eastus2', 'East US 2'], ['centralus', 'Central US'], ['northcentralus', 'North Central US'],
  ['southcentralus', 'South Central US'], ['westcentralus', 'West Central US'], ['westus', 'West US'],
  ['westus2', 'West US 2'], ['westus3', 'West US 3'], ['canadacentral', 'Canada Central'], ['canadaeast', 'Canada East'],
  ['brazilsouth', 'Brazil South'], ['brazilsoutheast', 'Brazil Southeast'], ['mexicocentral', 'Mexico Central'],
  ['chilecentral', 'Chile Central'],
  ['northeurope', 'North Europe'], ['westeurope', 'West Europe'], ['uksouth', 'UK South'], ['ukwest', 'UK West'],
  ['francecentral', 'France Central'], ['francesouth', 'France South'], ['germanywestcentral', 'Germany West Central'],
  ['germanynorth', 'Germany North'], ['switzerlandnorth', 'Switzerland North'], ['switzerlandwest', 'Switzerland West'],
  ['norwayeast', 'Norway East'], ['norwaywest', 'Norway West'], ['swedencentral', 'Sweden Central'],
  ['swedensouth', 'Sweden South'], ['polandcentral', 'Poland Central'], ['italynorth', 'Italy North'],
  ['spaincentral', 'Spain Central'],
  ['eastasia', 'East Asia'], ['southeastasia', 'Southeast Asia'], ['japaneast', 'Japan East'], ['japanwest', 'Japan West'],
  ['koreacentral', 'Korea Central'], ['koreasouth', 'Korea South'], ['centralindia', 'Central India'],
  ['southindia', 'South India'], ['westindia', 'West India'], ['jioindiawest', 'Jio India West'],
  ['jioindiacentral', 'Jio India Central'], ['australiaeast', 'Australia East'], ['australiasoutheast', 'Australia Southeast'],
  ['australiacentral', 'Australia Central'], ['australiacentral2', 'Australia Central 2'],
  ['newzealandnorth', 'New Zealand North'], ['indonesiacentral', 'Indonesia Central'], ['malaysiawest', 'Malaysia West'],
  ['uaenorth', 'UAE North'], ['uaecentral', 'UAE Central'], ['qatarcentral', 'Qatar Central'],
  ['israelcentral', 'Israel Central'], ['southafricanorth', 'South Africa North'], ['southafricawest', 'South Africa West'],
];

const CHINA: ReadonlyArray<[string, string]> = [
  ['chinaeast', 'China East'], ['chinaeast2', 'China East 2'], ['chinaeast3', 'China East 3'],
  ['chinanorth', 'China North'], ['chinanorth2', 'China North 2'], ['chinanorth3', 'China North 3'],
];

const US_GOVERNMENT: ReadonlyArray<[string, string]> = [
  ['usgovvirginia', 'US Gov Virginia'], ['usgovarizona', 'US Gov Arizona'], ['usgovtexas', 'US Gov Texas'],
  ['usdodcentral', 'US DoD Central'], ['usdodeast', 'US DoD East'],
];

/** Azure regions by cloud (public cloud first). A region missing here cannot be a fix target: no fix invents one. */
export const AZURE_REGIONS: readonly AzureRegion[] = [
  ...PUBLIC.map(([name, displayName]) => ({ name, displayName, cloud: 'AzureCloud' as const })),
  ...CHINA.map(([name, displayName]) => ({ name, displayName, cloud: 'AzureChinaCloud' as const })),
  ...US_GOVERNMENT.map(([name, displayName]) => ({ name, displayName, cloud: 'AzureUSGovernment' as const })),
];

const squeeze = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '');

/** The region written as its ARM name or display name, in any case and spacing (`West US 2`, `westus2`), if any. */
export function findRegion(input: string): AzureRegion | undefined {
  const wanted = squeeze(input.trim());
  return AZURE_REGIONS.find((region) => region.name === wanted || squeeze(region.displayName) === wanted);
}
