import { classifyHost } from '../scan/hosts';
import type { Rule } from './rule';

export const accessKeyAuth: Rule = {
  meta: {
    id: 'access-key-auth',
    defaultSeverity: 'warning',
    title: 'Access key authentication',
    docs:
      'New Azure Managed Redis databases have access-key authentication disabled by default, and Microsoft ' +
      'recommends Microsoft Entra ID (managed identity or service principal) instead. Replace the key with a ' +
      'token credential (for node-redis v5, `@redis/entraid`).',
  },
  check(evidence, context) {
    const message = (where: string) =>
      `An access key (value hidden) authenticates this ${where}; Azure Managed Redis disables access keys by ` +
      'default — use Microsoft Entra ID.';
    for (const endpoint of evidence.endpoints) {
      if (!endpoint.password) continue;
      const hostClass = classifyHost(endpoint.host);
      if (hostClass === 'local' || hostClass === 'other') continue;
      context.report({ span: endpoint.password, message: message(endpoint.source) });
    }
    for (const credential of evidence.credentials) {
      context.report({ span: credential.at, message: message(credential.source) });
    }
  },
};
