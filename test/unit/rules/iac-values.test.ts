import { before } from 'node:test';
import { loadGrammar } from '../../../src/core/scan/syntaxTree/grammars';
import { ruleTester } from './ruleTester';

// The existing rules judge what infrastructure files read from a cache: keys, ports, the plaintext switch.
before(() => loadGrammar('hcl'));

const BICEP_CACHE = "resource c 'Microsoft.Cache/redis@2024-11-01' = {\n  name: 'c'\n  properties: {\n    enableNonSslPort: true\n  }\n}\n";

ruleTester('access-key-auth', {
  valid: [{ name: 'a Bicep file without key reads', file: '/ws/main.bicep', code: BICEP_CACHE }],
  invalid: [
    {
      name: 'Bicep listKeys() of a cache and of an AMR database',
      file: '/ws/main.bicep',
      code: `${BICEP_CACHE}output k string = c.listKeys().primaryKey\nresource d 'Microsoft.Cache/redisEnterprise/databases@2025-07-01' existing = {\n  name: 'x/default'\n}\noutput k2 string = d.listKeys().primaryKey\n`,
      errors: [{ line: 7, column: 19 }, { line: 11, column: 20 }],
    },
    {
      name: 'Terraform keys and connection strings of a cache and of an AMR database',
      file: '/ws/main.tf',
      code: 'resource "azurerm_redis_cache" "c" {\n  name = "c"\n}\noutput "a" { value = azurerm_redis_cache.c.primary_connection_string }\noutput "b" { value = azurerm_managed_redis.m.default_database[0].primary_access_key }\n',
      errors: [{ line: 4, column: 22 }, { line: 5, column: 22 }],
    },
  ],
});

ruleTester('legacy-tls-port', {
  valid: [],
  invalid: [
    {
      name: 'a Bicep sslPort reference becomes port 10000',
      file: '/ws/main.bicep',
      code: `${BICEP_CACHE}output p string = '\${c.properties.sslPort}'\n`,
      errors: [{ line: 7, column: 22, message: /6380/ }],
      output: `${BICEP_CACHE}output p string = '\${10000}'\n`,
    },
  ],
});

ruleTester('non-tls-connection', {
  valid: [],
  invalid: [
    {
      name: 'enableNonSslPort: true is turned off; the plaintext port reference is reported',
      file: '/ws/main.bicep',
      code: `${BICEP_CACHE}output p int = c.properties.port\n`,
      errors: [{ line: 4, column: 23 }, { line: 7, column: 16, message: /6379/ }],
      output: `${BICEP_CACHE.replace('true', 'false')}output p int = c.properties.port\n`,
    },
    {
      name: 'Terraform non_ssl_port_enabled = true',
      file: '/ws/main.tf',
      code: 'resource "azurerm_redis_cache" "c" {\n  non_ssl_port_enabled = true\n}\n',
      errors: [{ line: 2, column: 26 }],
      output: 'resource "azurerm_redis_cache" "c" {\n  non_ssl_port_enabled = false\n}\n',
    },
  ],
});
