import { before } from 'node:test';
import { loadGrammar } from '../../../src/core/scan/syntaxTree/grammars';
import { ruleTester } from './ruleTester';

// Terraform is read through the HCL grammar, which a scan loads in prepareScan; the tester scans synchronously.
before(() => loadGrammar('hcl'));

const SCHEMA = '"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"';

ruleTester('legacy-cache-resource', {
  valid: [
    {
      name: 'an Azure Managed Redis cluster in Bicep',
      file: '/ws/main.bicep',
      code: "resource r 'Microsoft.Cache/redisEnterprise@2025-07-01' = {\n  name: 'r'\n  location: 'x'\n  sku: { name: 'Balanced_B5' }\n}\n",
    },
    {
      name: 'a cache named redisCache is not a private endpoint group',
      file: '/ws/main.bicep',
      code: "param name string = 'redisCache'\n",
    },
    {
      name: 'JSON that is not a deployment template keeps its config reading (no resources)',
      file: '/ws/inventory.json',
      code: '{ "resources": [ { "type": "Microsoft.Cache/redis", "name": "c" } ] }\n',
    },
    {
      name: 'azurerm_managed_redis in Terraform',
      file: '/ws/main.tf',
      code: 'resource "azurerm_managed_redis" "r" {\n  name     = "r"\n  sku_name = "Balanced_B5"\n}\n',
    },
  ],
  invalid: [
    {
      name: 'a Bicep Basic C0 becomes Balanced_B0 without high availability',
      file: '/ws/main.bicep',
      code: "resource c 'Microsoft.Cache/redis@2024-11-01' = {\n  name: 'c'\n  location: 'x'\n  properties: {\n    sku: { name: 'Basic', family: 'C', capacity: 0 }\n  }\n}\n",
      errors: [{ line: 1, column: 13, message: /Balanced_B0 \(OSSCluster/ }],
      output:
        "// Note: OSSCluster: clients must be cluster-aware; EnterpriseCluster or NoCluster keeps clients that cannot change working\nresource c 'Microsoft.Cache/redisEnterprise@2025-07-01' = {\n  name: 'c'\n  location: 'x'\n  sku: {\n    name: 'Balanced_B0'\n  }\n  properties: {\n" +
        "    highAvailability: 'Disabled'\n    minimumTlsVersion: '1.2'\n    publicNetworkAccess: 'Enabled'\n  }\n}\n\n" +
        "resource cDatabase 'Microsoft.Cache/redisEnterprise/databases@2025-07-01' = {\n  parent: c\n  name: 'default'\n  properties: {\n" +
        "    clientProtocol: 'Encrypted'\n    port: 10000\n    clusteringPolicy: 'OSSCluster'\n    accessKeysAuthentication: 'Disabled'\n  }\n}\n",
    },
    {
      name: 'an existing cache is read as Azure Managed Redis of the same name, with a comment to migrate it first',
      file: '/ws/main.bicep',
      code: "resource c 'Microsoft.Cache/redis@2024-11-01' existing = {\n  name: 'c'\n}\n",
      errors: [{ line: 1, column: 13, message: /refers to an existing Azure Cache for Redis/ }],
      output: "// This reads an Azure Managed Redis cache of this name: migrate the cache first (amr-migrate)\nresource c 'Microsoft.Cache/redisEnterprise@2025-07-01' existing = {\n  name: 'c'\n}\n",
    },
    {
      name: 'an existing cache in a loop is reported only',
      file: '/ws/main.bicep',
      code: "resource c 'Microsoft.Cache/redis@2024-11-01' existing = [for n in ['a']: {\n  name: n\n}]\n",
      errors: [{ line: 1, column: 13, message: /No automatic conversion: it is declared in a loop/ }],
    },
    {
      name: 'a SKU from a parameter without a default gets no conversion and says why',
      file: '/ws/main.bicep',
      code: "param sku string\nresource c 'Microsoft.Cache/redis@2024-11-01' = {\n  name: 'c'\n  properties: {\n    sku: { name: sku, family: 'C', capacity: 1 }\n  }\n}\n",
      errors: [{ line: 2, column: 13, message: /No automatic conversion: its SKU is not a literal/ }],
    },
    {
      name: 'the private endpoint group and DNS zone of Azure Cache for Redis',
      file: '/ws/network.bicep',
      code: "var groups = {\n  groupIds: ['redisCache']\n}\nvar zone = 'privatelink.redis.cache.windows.net'\n",
      errors: [
        { line: 2, column: 15, fixes: [{ title: /redisEnterprise/, preferred: true, output: "var groups = {\n  groupIds: ['redisEnterprise']\n}\nvar zone = 'privatelink.redis.cache.windows.net'\n" }] },
        { line: 4, column: 13, message: /privatelink\.redis\.azure\.net/ },
      ],
      output: "var groups = {\n  groupIds: ['redisEnterprise']\n}\nvar zone = 'privatelink.redis.azure.net'\n",
    },
    {
      name: 'an Enterprise E10 at capacity 2 moves to the SKU the planner picks, on an API version that knows it, with the publicNetworkAccess that version requires',
      file: '/ws/main.bicep',
      code: "resource e 'Microsoft.Cache/redisEnterprise@2024-10-01' = {\n  name: 'e'\n  sku: {\n    name: 'Enterprise_E10'\n    capacity: 2\n  }\n}\n",
      errors: [{ line: 1, column: 13, message: /Balanced_B20/ }],
      output: "resource e 'Microsoft.Cache/redisEnterprise@2025-07-01' = {\n  name: 'e'\n  sku: {\n    name: 'Balanced_B20'\n  }\n  properties: {\n    publicNetworkAccess: 'Enabled'\n  }\n}\n",
    },
    {
      name: 'an Enterprise cluster on the current API version keeps it and its one-line properties get no second publicNetworkAccess',
      file: '/ws/main.bicep',
      code: "resource e 'Microsoft.Cache/redisEnterprise@2025-07-01' = {\n  name: 'e'\n  sku: { name: 'Enterprise_E10', capacity: 2 }\n  properties: { publicNetworkAccess: 'Disabled' }\n}\n",
      errors: [{ line: 1, column: 13, message: /Balanced_B20/ }],
      output: "resource e 'Microsoft.Cache/redisEnterprise@2025-07-01' = {\n  name: 'e'\n  sku: {\n    name: 'Balanced_B20'\n  }\n  properties: { publicNetworkAccess: 'Disabled' }\n}\n",
    },
    {
      name: 'an ARM Enterprise cluster with one-line properties on an old API version gets the new one and publicNetworkAccess in that line',
      file: '/ws/azuredeploy.json',
      code: `{\n  ${SCHEMA},\n  "resources": [\n    {\n      "type": "Microsoft.Cache/redisEnterprise",\n      "apiVersion": "2022-01-01",\n      "name": "e",\n      "sku": { "name": "Enterprise_E10", "capacity": 2 },\n      "properties": { "minimumTlsVersion": "1.2" }\n    }\n  ]\n}\n`,
      errors: [{ line: 5, column: 16, message: /Balanced_B20/ }],
      output: `{\n  ${SCHEMA},\n  "resources": [\n    {\n      "type": "Microsoft.Cache/redisEnterprise",\n      "apiVersion": "2025-07-01",\n      "name": "e",\n      "sku": { "name": "Balanced_B20" },\n      "properties": { "publicNetworkAccess": "Enabled", "minimumTlsVersion": "1.2" }\n    }\n  ]\n}\n`,
    },
    {
      name: 'an AVM redis module deployed to another resource group is reported, not converted',
      file: '/ws/main.bicep',
      code: "module m 'br/public:avm/res/cache/redis:0.9.0' = {\n  scope: resourceGroup('other')\n  params: {\n    name: 'm'\n    skuName: 'Basic'\n    capacity: 1\n  }\n}\n",
      errors: [{ line: 1, column: 11, message: /No automatic conversion: it deploys to another scope/ }],
    },
    {
      name: 'an AVM redis module whose output has no resource equivalent is reported, not converted',
      file: '/ws/main.bicep',
      code: "module m 'br/public:avm/res/cache/redis:0.9.0' = {\n  params: {\n    name: 'm'\n    skuName: 'Basic'\n    capacity: 1\n  }\n}\noutput p string = m.outputs.systemAssignedMIPrincipalId\n",
      errors: [{ line: 1, column: 11, message: /it reads the module output m\.outputs\.systemAssignedMIPrincipalId/ }],
    },
    {
      name: 'ARM language version 2.0: the database is one more symbolic resource, depending on the cluster by name',
      file: '/ws/azuredeploy.json',
      code: `{\n  ${SCHEMA},\n  "languageVersion": "2.0",\n  "resources": {\n    "cache": { "type": "Microsoft.Cache/redis", "apiVersion": "2024-11-01", "name": "c", "properties": { "sku": { "name": "Basic", "family": "C", "capacity": 1 } } }\n  }\n}\n`,
      errors: [{ line: 5, column: 25, message: /the conversion declares Azure Managed Redis Balanced_B1/ }],
      output:
        `{\n  ${SCHEMA},\n  "languageVersion": "2.0",\n  "resources": {\n    "cache": {\n      "type": "Microsoft.Cache/redisEnterprise",\n      "apiVersion": "2025-07-01",\n      "name": "c",\n` +
        '      "comments": "Note: OSSCluster: clients must be cluster-aware; EnterpriseCluster or NoCluster keeps clients that cannot change working.",\n' +
        '      "sku": {\n        "name": "Balanced_B1"\n      },\n      "properties": {\n        "highAvailability": "Disabled",\n        "minimumTlsVersion": "1.2",\n        "publicNetworkAccess": "Enabled"\n      }\n    },\n' +
        '    "cacheDatabase": {\n      "type": "Microsoft.Cache/redisEnterprise/databases",\n      "apiVersion": "2025-07-01",\n      "name": "c/default",\n      "dependsOn": [\n        "cache"\n      ],\n' +
        '      "properties": {\n        "clientProtocol": "Encrypted",\n        "port": 10000,\n        "clusteringPolicy": "OSSCluster",\n        "accessKeysAuthentication": "Disabled"\n      }\n    }\n  }\n}\n',
    },
    {
      name: 'Terraform: a data source reads azurerm_managed_redis',
      file: '/ws/main.tf',
      code: 'data "azurerm_redis_cache" "d" {\n  name = "d"\n}\n',
      errors: [{ line: 1, column: 7, message: /existing Azure Cache for Redis/ }],
      output: '# This reads an Azure Managed Redis cache of this name: migrate the cache first (amr-migrate)\ndata "azurerm_managed_redis" "d" {\n  name = "d"\n}\n',
    },
    {
      name: 'Terraform: an Enterprise cluster (capacity in sku_name) and its database become one azurerm_managed_redis, references read from it',
      file: '/ws/main.tf',
      code:
        'resource "azurerm_redis_enterprise_cluster" "e" {\n  sku_name = "Enterprise_E10-2"\n}\n' +
        'resource "azurerm_redis_enterprise_database" "db" {\n  cluster_id = azurerm_redis_enterprise_cluster.e.id\n}\n' +
        'output "key" {\n  value = azurerm_redis_enterprise_database.db.secondary_access_key\n}\n',
      errors: [
        { line: 1, column: 11, message: /declares azurerm_managed_redis Balanced_B20 \(OSSCluster\) with the database inline/ },
        { line: 4, column: 11, message: /converting azurerm_redis_enterprise_cluster\.e moves this database into it/ },
      ],
      output:
        '# Note: access keys stay enabled: Redis Enterprise clients sign in with them; move clients to Microsoft Entra ID, then disable them\n' +
        '# Note: public network access stays Enabled as on Redis Enterprise; set Disabled when clients connect through private endpoints only\n' +
        "# Note: migrating keeps the cluster's resource id: move the state (terraform state rm azurerm_redis_enterprise_cluster.e azurerm_redis_enterprise_database.db, then terraform import azurerm_managed_redis.e) instead of letting Terraform replace the cache\n" +
        'resource "azurerm_managed_redis" "e" {\n  sku_name              = "Balanced_B20"\n  public_network_access = "Enabled"\n\n  default_database {\n' +
        '    access_keys_authentication_enabled = true\n    client_protocol                    = "Encrypted"\n    clustering_policy                  = "OSSCluster"\n  }\n}\n' +
        '# azurerm_redis_enterprise_database.db is the default_database of azurerm_managed_redis.e now (amr-migrate)\n' +
        'output "key" {\n  value = azurerm_managed_redis.e.default_database[0].secondary_access_key\n}\n',
    },
    {
      name: 'Terraform: an Enterprise cluster in a for_each, or without its database in the file, is reported only and says why',
      file: '/ws/main.tf',
      code:
        'resource "azurerm_redis_enterprise_cluster" "e" {\n  for_each = toset(["a"])\n  sku_name = "Enterprise_E10-2"\n}\n' +
        'resource "azurerm_redis_enterprise_database" "db" {\n  for_each   = azurerm_redis_enterprise_cluster.e\n  cluster_id = each.value.id\n}\n' +
        'resource "azurerm_redis_enterprise_cluster" "alone" {\n  sku_name = "Enterprise_E10-2"\n}\n',
      errors: [
        { line: 1, column: 11, message: /No automatic conversion: it is declared with for_each or count/ },
        { line: 5, column: 11, message: /default_database\): declare it there/ },
        { line: 9, column: 11, message: /No automatic conversion: its database is not declared in this file/ },
      ],
    },
    {
      name: 'Terraform AVM module: an output azurerm_managed_redis lacks keeps it reported, with the size to use and why',
      file: '/ws/main.tf',
      code: 'module "r" {\n  source   = "Azure/avm-res-cache-redis/azurerm"\n  sku_name = "Basic"\n  capacity = 1\n}\noutput "pe" {\n  value = module.r.private_endpoints\n}\n',
      errors: [{ line: 2, column: 14, message: /use azurerm_managed_redis \(or Azure\/avm-res-cache-redisenterprise\/azurerm\) with sku_name Balanced_B1 .*No automatic conversion: it reads the module output module\.r\.private_endpoints/ }],
    },
    {
      name: 'Terraform AVM module without SKU arguments converts at the module default (Premium P2), keeping count and moving indexed references',
      file: '/ws/main.tf',
      code: 'module "r" {\n  source = "Azure/avm-res-cache-redis/azurerm"\n  count  = 1\n  name   = "r"\n}\noutput "host" {\n  value = module.r[0].resource.hostname\n}\n',
      errors: [{ line: 2, column: 12, message: /declares the Azure Managed Redis resources \(Balanced_B20, OSSCluster/ }],
      output:
        '# Note: OSSCluster: clients must be cluster-aware; EnterpriseCluster or NoCluster keeps clients that cannot change working\n' +
        'resource "azurerm_managed_redis" "r" {\n  count  = 1\n\n  name                  = "r"\n  sku_name              = "Balanced_B20"\n  public_network_access = "Enabled"\n\n' +
        '  default_database {\n    access_keys_authentication_enabled = false\n    client_protocol                    = "Encrypted"\n    clustering_policy                  = "OSSCluster"\n  }\n}\n' +
        'output "host" {\n  value = azurerm_managed_redis.r[0].hostname\n}\n',
    },
    {
      name: 'Terraform: a firewall rule of a cache is commented out by the conversion and listed',
      file: '/ws/main.tf',
      code:
        'resource "azurerm_redis_cache" "c" {\n  name                = "c"\n  location            = "x"\n  resource_group_name = "rg"\n  capacity            = 0\n  family              = "C"\n  sku_name            = "Basic"\n}\n\n' +
        'resource "azurerm_redis_firewall_rule" "f" {\n  redis_cache_name = azurerm_redis_cache.c.name\n}\n',
      errors: [
        { line: 1, column: 11, message: /Not carried over: firewall rule/ },
        { line: 10, column: 11, message: /converting the cache takes it out/ },
      ],
      output:
        '# Not carried over from Azure Cache for Redis (amr-migrate):\n# - firewall rule: Azure Managed Redis has no IP firewall; use a private endpoint and network security groups\n' +
        '# Note: OSSCluster: clients must be cluster-aware; EnterpriseCluster or NoCluster keeps clients that cannot change working\n' +
        'resource "azurerm_managed_redis" "c" {\n  name                      = "c"\n  resource_group_name       = "rg"\n  location                  = "x"\n  sku_name                  = "Balanced_B0"\n' +
        '  high_availability_enabled = false\n  public_network_access     = "Enabled"\n\n  default_database {\n    access_keys_authentication_enabled = false\n' +
        '    client_protocol                    = "Encrypted"\n    clustering_policy                  = "OSSCluster"\n  }\n}\n\n' +
        '# Not carried over to Azure Managed Redis: firewall rule: Azure Managed Redis has no IP firewall; use a private endpoint and network security groups (amr-migrate):\n' +
        '# resource "azurerm_redis_firewall_rule" "f" {\n#   redis_cache_name = azurerm_redis_cache.c.name\n# }\n',
    },
  ],
});
