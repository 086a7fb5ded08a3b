import { AMR_API_VERSION, AMR_PRIVATE_DNS_ZONE, AMR_PRIVATE_LINK_GROUP } from '../amr/facts';
import type { CacheResourceEvidence } from '../evidence/evidence';
import { amrTargetOf } from '../fix/iac/amrTarget';
import { childLoss, convertCache, type CacheConversion, convertEnterprise, convertExisting, convertModule, enterpriseDatabaseOf } from '../fix/iac/convertCache';
import { replaceFix, type Rule, type RuleReport } from './rule';

const AVM_TARGET = 'avm/res/cache/redis-enterprise';
const AVM_TERRAFORM_TARGET = 'Azure/avm-res-cache-redisenterprise/azurerm';

function typeName(resource: CacheResourceEvidence): string {
  return resource.type.split('@')[0]!;
}

function listed(items: readonly string[]): string {
  return items.length > 0 ? ` Not carried over: ${items.join('; ')}.` : '';
}

/** The conversion of each Enterprise cluster, worked out once: the cluster's finding and each of its databases' need it. */
type EnterpriseConversions = (cluster: CacheResourceEvidence) => CacheConversion | string;

function enterpriseConversions(resources: readonly CacheResourceEvidence[]): EnterpriseConversions {
  const converted = new Map<CacheResourceEvidence, CacheConversion | string>();
  return (cluster) => {
    let conversion = converted.get(cluster);
    if (conversion === undefined) {
      conversion = convertEnterprise(cluster, resources);
      converted.set(cluster, conversion);
    }
    return conversion;
  };
}

function report(resource: CacheResourceEvidence, resources: readonly CacheResourceEvidence[], enterpriseConversion: EnterpriseConversions): RuleReport {
  const span = resource.typeSpan;
  const name = typeName(resource);
  switch (resource.role) {
    case 'cache': {
      if (resource.existing) {
        const fix = convertExisting(resource);
        const what = `${name} refers to an existing Azure Cache for Redis, which retires; convert the cache where it is declared.`;
        return typeof fix === 'string'
          ? { span, message: `${what} No automatic conversion: ${fix}.` }
          : { span, message: `${what} The fix reads it as Azure Managed Redis of the same name (host name from the cluster, port and keys from its default database), for once the cache is migrated.`, fixes: [fix] };
      }
      const conversion = convertCache(resource, resources);
      if (typeof conversion === 'string') {
        return { span, message: `${name} declares an Azure Cache for Redis, which retires; declare an Azure Managed Redis cache instead. No automatic conversion: ${conversion}.` };
      }
      const { target, fix, notCarried } = conversion;
      return {
        span,
        message: `${name} declares an Azure Cache for Redis, which retires; the conversion declares Azure Managed Redis ${target.sku} (${target.clusteringPolicy}, port 10000, TLS) and moves references to it.${listed(notCarried)}`,
        fixes: [fix],
      };
    }
    case 'enterprise': {
      const conversion = enterpriseConversion(resource);
      if (typeof conversion === 'string') return { span, message: `${name} is a Redis Enterprise cluster on a retiring SKU. No automatic conversion: ${conversion}.` };
      const { target, fix, notCarried } = conversion;
      const what =
        resource.language === 'terraform'
          ? `the conversion declares azurerm_managed_redis ${target.sku} (${target.clusteringPolicy}) with the database inline and moves references to it`
          : `Azure Managed Redis ${target.sku} holds its memory with the ~20% reservation; the conversion changes the SKU (its databases stay) and, on an API version older than ${AMR_API_VERSION}, moves to that one with the publicNetworkAccess it requires`;
      return { span, message: `${name} uses an Enterprise / Enterprise Flash SKU, which retires; ${what}.${listed(notCarried)}`, fixes: [fix] };
    }
    case 'enterprise-database': {
      const cluster = resources.find((r) => r.role === 'enterprise' && enterpriseDatabaseOf(r, resources).includes(resource));
      const how = cluster && typeof enterpriseConversion(cluster) !== 'string' ? `converting ${cluster.symbol} moves this database into it` : 'declare it there';
      return { span, message: `${name} belongs to a Redis Enterprise cluster, which retires; azurerm_managed_redis declares its database inline (default_database): ${how}.` };
    }
    case 'module': {
      const conversion = convertModule(resource);
      if (typeof conversion === 'string') {
        const target = amrTargetOf(resource);
        const size = typeof target === 'string' ? '' : ` with ${resource.language === 'terraform' ? 'sku_name' : 'skuName'} ${target.sku}`;
        const use = resource.language === 'terraform' ? `azurerm_managed_redis (or ${AVM_TERRAFORM_TARGET})` : AVM_TARGET;
        return { span, message: `The AVM module ${resource.type} declares an Azure Cache for Redis, which retires; use ${use}${size} (Azure Managed Redis). No automatic conversion: ${conversion}.` };
      }
      const { target, fix, notCarried } = conversion;
      return {
        span,
        message: `The AVM module ${resource.type} declares an Azure Cache for Redis, which retires; the conversion declares the Azure Managed Redis resources (${target.sku}, ${target.clusteringPolicy}, port 10000, TLS) in its place and moves references to its outputs.${listed(notCarried)}`,
        fixes: [fix],
      };
    }
    case 'child':
      return { span, message: `${name} belongs to an Azure Cache for Redis. ${childLoss(resource)}; converting the cache takes it out.` };
  }
}

export const legacyCacheResource: Rule = {
  meta: {
    id: 'legacy-cache-resource',
    defaultSeverity: 'warning',
    title: 'Azure Cache for Redis declared in infrastructure as code',
    docs:
      'Bicep, ARM templates and Terraform that declare Azure Cache for Redis (or Redis Enterprise on an Enterprise SKU) ' +
      'create caches that retire. The fix declares Azure Managed Redis instead: a `Microsoft.Cache/redisEnterprise` ' +
      'cluster with its `default` database (Terraform: `azurerm_managed_redis`), sized by the same recommendation as ' +
      'the migration plan, TLS on port 10000, and moves host name, port and key references to it. What has no ' +
      'equivalent (VNet injection, firewall rules, zones, patch schedules, shard count, replicas) is written as a ' +
      'comment and listed in the finding.',
  },
  check(evidence, context) {
    const resources = evidence.resources ?? [];
    const enterpriseConversion = enterpriseConversions(resources);
    for (const resource of resources) context.report(report(resource, resources, enterpriseConversion));
    for (const link of evidence.privateLinks ?? []) {
      const to = link.kind === 'group' ? AMR_PRIVATE_LINK_GROUP : AMR_PRIVATE_DNS_ZONE;
      const what = link.kind === 'group' ? 'private endpoint group' : 'private DNS zone';
      context.report({
        span: link.span,
        message: `This is the ${what} of Azure Cache for Redis; Azure Managed Redis uses '${to}'.`,
        fixes: [replaceFix(`Use '${to}'`, link.span, to, true)],
      });
    }
  },
};
