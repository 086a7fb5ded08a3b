/** Parts of an ARM resource id: `/subscriptions/{sub}/resourceGroups/{rg}/providers/{ns}/{type}/{name}[/{childType}/{childName}]`. */
export interface ArmResourceId {
  subscriptionId: string;
  resourceGroup: string;
  /** e.g. `Microsoft.Cache`. */
  providerNamespace: string;
  /** Type and name pairs below the provider: `[['redisEnterprise', 'cache1'], ['databases', 'default']]`. */
  segments: [type: string, name: string][];
}

const ID_PATTERN = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/(.+)$/i;

/**
 * Parses an ARM resource id; undefined when it is not one (a malformed %-escape included). Names are taken from
 * the id, never from `name` fields.
 */
export function parseArmResourceId(id: string): ArmResourceId | undefined {
  try {
    return parseWellFormed(id);
  } catch (error) {
    if (error instanceof URIError) return undefined;
    throw error;
  }
}

function parseWellFormed(id: string): ArmResourceId | undefined {
  const match = ID_PATTERN.exec(id);
  if (!match) return undefined;
  const rest = match[4].split('/');
  if (rest.length % 2 !== 0 || rest.some((part) => part === '')) return undefined;
  const segments: [string, string][] = [];
  for (let i = 0; i < rest.length; i += 2) segments.push([rest[i], decodeURIComponent(rest[i + 1])]);
  return {
    subscriptionId: match[1],
    resourceGroup: decodeURIComponent(match[2]),
    providerNamespace: match[3],
    segments,
  };
}
