import { AMR_DNS_SUFFIX } from '../amr/facts';
import { isLegacyHost } from '../evidence/hosts';
import { entryForHost } from '../fix/hostMap';
import { afterSwitchReport } from '../migration/switchedHosts';
import { replaceFix, type Rule } from './rule';

export const legacyHostname: Rule = {
  meta: {
    id: 'legacy-hostname',
    defaultSeverity: 'warning',
    title: 'Azure Cache for Redis host name',
    docs:
      'Azure Managed Redis caches have host names of the form `<name>.<region>.redis.azure.net`. ' +
      'Host names on `*.redis.cache.windows.net` (and the sovereign-cloud and Enterprise suffixes) belong to ' +
      'Azure Cache for Redis, which retires. Point the client at the new cache; give `--host-map` to let the ' +
      'fix rewrite the name. After Azure\'s automated migration the old name reaches the new cache through DNS ' +
      'until it is unlinked (`--switched`): the finding says so and the fix uses the new cache\'s host name.',
  },
  check(evidence, context) {
    for (const endpoint of evidence.endpoints) {
      const host = endpoint.host;
      if (host.kind !== 'known' || !isLegacyHost(host.value)) continue;
      const span = host.span ?? endpoint.at;
      // The host map wins: the user said where this host goes; else the cache the migration switched it to.
      const mapped = host.span ? entryForHost(context.settings.hostMap, host.value) : undefined;
      const target = mapped ?? (host.span ? entryForHost(context.settings.switchedHosts, host.value)?.target : undefined);
      context.report(afterSwitchReport('legacy-hostname', host, context.settings, {
        span,
        message:
          `'${host.value}' is an Azure Cache for Redis host name; Azure Managed Redis hosts end in ` +
          `'${AMR_DNS_SUFFIX.AzureCloud}'` +
          (mapped ? ` (host map: '${mapped}').` : '.'),
        fixes: target ? [replaceFix(`Replace with '${target}'`, span, target, true)] : [],
        ...(endpoint.commented ? { severityCap: 'info' as const } : {}),
      }));
    }
  },
};
