import type { Fix } from '../findings';
import { entraIdFix } from '../fix/client/entraIdFix';
import { tokenCredentialFix } from '../fix/client/tokenCredentialFix';
import type { KeyRemoval } from '../evidence/evidence';
import { classifyHost } from '../evidence/hosts';
import { afterSwitchReport } from '../migration/switchedHosts';
import type { Rule, RuleReport } from './rule';

/** Every title says the fix alone breaks authentication until the code gets tokens: that is why none is preferred. */
const ENTRA_FIX_TITLES: Record<KeyRemoval['kind'], string> = {
  'connection-string':
    'Remove the access key from the connection string for Microsoft Entra ID (the code must then call ' +
    'ConfigureForAzureWithTokenCredentialAsync)',
  url: 'Remove the access key from the URL for Microsoft Entra ID (the code must then supply tokens)',
  'commented-line': 'Comment out the access key for Microsoft Entra ID (the code must then get tokens)',
  'empty-setting': 'Empty the access key setting for Microsoft Entra ID (the code must then get tokens)',
};

/** The fix of a key written in config or text; keys in client constructions get theirs with the client's code. */
function entraTextFixes(removal: KeyRemoval | undefined): Fix[] {
  if (!removal) return [];
  const edits = removal.edits.map(({ span, newText }) => ({ file: span.file, start: span.start, end: span.end, newText }));
  return [{ title: ENTRA_FIX_TITLES[removal.kind], edits, preferred: false }];
}

export const accessKeyAuth: Rule = {
  meta: {
    id: 'access-key-auth',
    defaultSeverity: 'warning',
    title: 'Access key authentication',
    docs:
      'New Azure Managed Redis databases have access-key authentication disabled by default, and Microsoft ' +
      'recommends Microsoft Entra ID (managed identity or service principal) instead. Replace the key with a ' +
      'token credential. The fix rewrites the client: node-redis v5 gets a `credentialsProvider` from ' +
      '`@redis/entraid`; ioredis gets a generated helper module that authenticates with a token from ' +
      '`@azure/identity` and renews it before it expires; redis-py gets a `credential_provider` from `redis-entraid`; ' +
      'go-redis v9 a `StreamingCredentialsProvider` from `go-redis-entraid`. C# (StackExchange.Redis `ConfigurationOptions`) gets ' +
      '`ConfigureForAzureWithTokenCredentialAsync` from Microsoft.Azure.StackExchangeRedis; Java (Lettuce `RedisURI` builders, Jedis ' +
      'client-config builders and `JedisPooled` constructors) gets a token credential from redis-authx-entraid; a `Jedis` or ' +
      '`JedisPool` is left to you, as neither renews tokens. The identity needs a data access ' +
      'policy on the cache.',
  },
  check(evidence, context) {
    const message = (where: string) =>
      `An access key (value hidden) authenticates this ${where}; Azure Managed Redis disables access keys by ` +
      'default — use Microsoft Entra ID.';
    for (const endpoint of evidence.endpoints) {
      if (!endpoint.password) continue;
      // A literal key is reported where it is written (the secret to delete), any other at the option that passes it.
      const span = endpoint.keyLiteral ?? endpoint.password;
      const hostClass = classifyHost(endpoint.host);
      if (hostClass === 'local' || hostClass === 'other') continue;
      const report = (found: RuleReport) => context.report(afterSwitchReport('access-key-auth', endpoint.host, context.settings, found));
      if (endpoint.tokenCredential) {
        const { fix, why } = tokenCredentialFix(endpoint.tokenCredential, endpoint.password.file);
        report({
          span,
          message: message(endpoint.source) + (why ? ` No automatic fix: ${why}.` : ''),
          fixes: fix ? [fix] : [],
        });
        continue;
      }
      if (!endpoint.construction && !endpoint.treeClient) {
        report({ span, message: message(endpoint.source), fixes: entraTextFixes(endpoint.passwordRemoval) });
        continue;
      }
      const { fix, why } = entraIdFix(endpoint);
      report({
        span,
        message: message(endpoint.source) + (why ? ` No automatic fix: ${why}.` : ''),
        fixes: fix ? [fix] : [],
      });
    }
    for (const credential of evidence.credentials) {
      const why = credential.noFix ? ` No automatic fix: ${credential.noFix}.` : '';
      context.report({ span: credential.at, message: message(credential.source) + why, fixes: entraTextFixes(credential.removal) });
    }
  },
};
