import { classifyHost } from '../evidence/hosts';
import type { Located } from '../evidence/evidence';
import type { Rule } from './rule';

export const databaseSelect: Rule = {
  meta: {
    id: 'database-select',
    defaultSeverity: 'error',
    title: 'Database other than 0',
    docs:
      'Azure Managed Redis has database 0 only; SELECT fails and portal migration carries over database 0 ' +
      'alone. Move data of other databases into database 0 under a key prefix.',
  },
  check(evidence, context) {
    const report = (database: Located<number>, where: string) =>
      context.report({
        span: database.span,
        message: `Uses database ${database.value} (${where}); Azure Managed Redis has database 0 only — use a key prefix instead.`,
      });
    for (const endpoint of evidence.endpoints) {
      if (!endpoint.database || endpoint.database.value === 0) continue;
      const hostClass = classifyHost(endpoint.host);
      if (hostClass === 'local' || hostClass === 'other') continue;
      report(endpoint.database, endpoint.source);
    }
    for (const database of evidence.databases) {
      if (database.value !== 0) report(database, 'SELECT');
    }
  },
};

