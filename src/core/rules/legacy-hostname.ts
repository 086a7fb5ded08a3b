import { legacyCacheName } from '../fix/hostTarget';
import { AMR_DNS_SUFFIX } from '../amr/facts';
import { isLegacyHost } from '../evidence/hosts';
import type { ScanSettings } from '../findings';
import { replaceFix, type Rule } from './rule';

/** The AMR host the user mapped this legacy host (or else its cache name) to, if any. */
function mappedHost(host: string, settings: ScanSettings): string | undefined {
  const map = settings.hostMap;
  if (!map) return undefined;
  const lower = host.toLowerCase();
  const cacheName = legacyCacheName(lower);
  const entries = Object.entries(map).map(([from, to]) => [from.toLowerCase(), to] as const);
  return (entries.find(([from]) => from === lower) ?? entries.find(([from]) => from === cacheName))?.[1];
}

export const legacyHostname: Rule = {
  meta: {
    id: 'legacy-hostname',
    defaultSeverity: 'warning',
    title: 'Azure Cache for Redis host name',
    docs:
      'Azure Managed Redis caches have host names of the form `<name>.<region>.redis.azure.net`. ' +
      'Host names on `*.redis.cache.windows.net` (and the sovereign-cloud and Enterprise suffixes) belong to ' +
      'Azure Cache for Redis, which retires. Point the client at the new cache; give `--host-map` to let the ' +
      'fix rewrite the name.',
  },
  check(evidence, context) {
    for (const endpoint of evidence.endpoints) {
      const host = endpoint.host;
      if (host.kind !== 'known' || !isLegacyHost(host.value)) continue;
      const span = host.span ?? endpoint.at;
      const target = host.span ? mappedHost(host.value, context.settings) : undefined;
      context.report({
        span,
        message:
          `'${host.value}' is an Azure Cache for Redis host name; Azure Managed Redis hosts end in ` +
          `'${AMR_DNS_SUFFIX.AzureCloud}'` +
          (target ? ` (host map: '${target}').` : '.'),
        fixes: target ? [replaceFix(`Replace with '${target}'`, span, target, true)] : [],
        ...(endpoint.commented ? { severityCap: 'info' as const } : {}),
      });
    }
  },
};
