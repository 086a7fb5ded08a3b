/**
 * What can be checked before asking Azure, from what the inventory already read: the automated migration's
 * blocking conditions (same subscription and region, no private endpoint, VNet injection or geo-replication on the
 * source, a TLS mode the target accepts, a target database, both caches running). Azure's validate has the last word;
 * these catch the common cases without a round trip and explain them in the plan.
 */

import type { CacheInfo } from '../azure/cacheModel';
import { regionName } from '../plan/sourceCache';

export interface LocalCheck {
  id:
    | 'source-tier'
    | 'same-subscription'
    | 'same-region'
    | 'private-endpoint'
    | 'vnet-injection'
    | 'geo-replication'
    | 'tls-mode'
    | 'target-database'
    | 'source-running'
    | 'target-running';
  ok: boolean;
  message: string;
}

const running = (cache: CacheInfo) => (cache.provisioningState ?? 'Succeeded').toLowerCase() === 'succeeded';

export function localMigrationChecks(source: CacheInfo, target: CacheInfo): LocalCheck[] {
  const database = target.databases.find((d) => d.name === 'default') ?? target.databases[0];
  const check = (id: LocalCheck['id'], ok: boolean, good: string, bad: string): LocalCheck => ({ id, ok, message: ok ? good : bad });
  return [
    check('source-tier', source.kind === 'AzureCacheForRedis', `${source.name} is ${source.tier}, which the automated migration supports`,
      `${source.name} is ${source.tier}: the automated migration takes Basic, Standard and Premium; Enterprise converts in place instead`),
    check('same-subscription', source.subscriptionId.toLowerCase() === target.subscriptionId.toLowerCase(), 'both caches are in the same subscription',
      `the target is in subscription ${target.subscriptionId}, the source in ${source.subscriptionId}: they must be in the same one`),
    check('same-region', regionName(source.location) === regionName(target.location), `both caches are in ${regionName(source.location)}`,
      `the target is in ${regionName(target.location)}, the source in ${regionName(source.location)}: they must be in the same region`),
    check('private-endpoint', source.privateEndpoints.length === 0, 'the source has no private endpoint',
      `the source has ${source.privateEndpoints.length} private endpoint(s); caches behind private endpoints cannot use the automated migration`),
    check('vnet-injection', source.subnetId === undefined, 'the source is not injected into a VNet',
      'the source is injected into a VNet; VNet-injected caches cannot use the automated migration'),
    check('geo-replication', source.geoReplication.length === 0, 'the source is not geo-replicated',
      'the source is geo-replicated; unlink the geo-replication first, geo-replicated caches cannot use the automated migration'),
    check('tls-mode', !(source.tlsOnly && database !== undefined && !database.tlsOnly), 'the target accepts TLS connections like the source',
      'the source accepts TLS connections only but the target database is plaintext; create the target with the Encrypted protocol'),
    check('target-database', database !== undefined, `the target has its database ${database?.name ?? ''}`.trim(),
      'the target has no database yet; create databases/default first (provisioning does)'),
    check('source-running', running(source), 'the source is running', `the source is ${source.provisioningState}; it must be running (Succeeded)`),
    check('target-running', running(target), 'the target is running', `the target is ${target.provisioningState}; it must be running (Succeeded)`),
  ];
}
