import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import type { Node as SyntaxNode } from '@vscode/tree-sitter-wasm';
import { parseJsonWithComments } from '../../src/core/scan/iac/arm/analyzeArm';
import { readSyntaxTree } from '../../src/core/scan/syntaxTree/grammars';

/**
 * Whether infrastructure files written for Azure Managed Redis are valid: Terraform parses and uses only
 * azurerm_managed_redis arguments that exist, ARM resources validate against a JSON schema written from the REST API
 * (test/fixtures/iac/amr-arm-resources.schema.json). Call `loadGrammar('hcl')` before `terraformProblems`.
 */

/** Arguments and blocks of the azurerm resources the conversion writes (azurerm 4.50+ documentation). */
const TERRAFORM_ARGUMENTS: Record<string, readonly string[]> = {
  azurerm_managed_redis: ['name', 'resource_group_name', 'location', 'sku_name', 'customer_managed_key', 'high_availability_enabled', 'identity', 'public_network_access', 'tags', 'default_database'],
  'azurerm_managed_redis.default_database': [
    'access_keys_authentication_enabled', 'client_protocol', 'clustering_policy', 'eviction_policy', 'geo_replication_group_name', 'module',
    'persistence_append_only_file_backup_frequency', 'persistence_redis_database_backup_frequency',
  ],
  'azurerm_managed_redis.default_database.module': ['name', 'args'],
  azurerm_managed_redis_access_policy_assignment: ['managed_redis_id', 'object_id', 'database_name'],
  'data.azurerm_managed_redis': ['name', 'resource_group_name'],
};
const META_ARGUMENTS = ['for_each', 'count', 'provider', 'depends_on', 'lifecycle'];

export function terraformProblems(text: string): string[] {
  const problems: string[] = [];
  readSyntaxTree('hcl', text, (root) => {
    const visit = (node: SyntaxNode, owner: string | undefined) => {
      if (node.type === 'ERROR' || node.isMissing) problems.push(`syntax error at ${node.startIndex}`);
      if (node.type === 'block') {
        const keyword = node.children[0]?.text ?? '';
        const label = node.children[1]?.type === 'string_lit' ? node.children[1].text.slice(1, -1) : undefined;
        const scope = keyword === 'resource' && label !== undefined ? label : keyword === 'data' && label !== undefined ? `data.${label}` : owner && `${owner}.${keyword}`;
        if (owner && TERRAFORM_ARGUMENTS[owner] && !TERRAFORM_ARGUMENTS[owner].includes(keyword) && !META_ARGUMENTS.includes(keyword)) problems.push(`${owner} has no block ${keyword}`);
        for (const child of node.children) if (child) visit(child, scope && TERRAFORM_ARGUMENTS[scope] ? scope : undefined);
        return;
      }
      if (node.type === 'attribute' && owner) {
        const name = node.children[0]?.text ?? '';
        if (!TERRAFORM_ARGUMENTS[owner]!.includes(name) && !META_ARGUMENTS.includes(name)) problems.push(`${owner} has no argument ${name}`);
      }
      for (const child of node.children) if (child) visit(child, owner);
    };
    visit(root, undefined);
  });
  return problems;
}

const ajv = new Ajv({ allErrors: true, strict: false });
export const validateAmrResource = ajv.compile(JSON.parse(readFileSync('test/fixtures/iac/amr-arm-resources.schema.json', 'utf8')));

export function armProblems(text: string): string[] {
  const { root, errors } = parseJsonWithComments(text);
  if (errors > 0 || !root) return ['does not parse'];
  const template = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as { resources: Array<{ type: string }> | Record<string, { type: string }> };
  // Language version 2.0 keeps its resources in an object by symbolic name.
  return (Array.isArray(template.resources) ? template.resources : Object.values(template.resources))
    .filter((resource) => resource.type.startsWith('Microsoft.Cache/redisEnterprise'))
    .flatMap(({ type, ...rest }) => (validateAmrResource({ type, ...rest }) ? [] : [`${type}: ${ajv.errorsText(validateAmrResource.errors)}`]));
}

