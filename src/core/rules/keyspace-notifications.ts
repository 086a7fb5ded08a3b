import type { Rule } from './rule';

export const keyspaceNotifications: Rule = {
  meta: {
    id: 'keyspace-notifications',
    defaultSeverity: 'warning',
    title: 'Keyspace notifications',
    docs:
      'Keyspace notifications are off on Azure Managed Redis and cannot be set with CONFIG SET; they are in ' +
      'preview as the `notifyKeyspaceEvents` database setting. Portal migration does not carry them over. ' +
      'Enable them on the new database or stop relying on them.',
  },
  check(evidence, context) {
    for (const use of evidence.keyspace) {
      context.report({
        span: use.at,
        message:
          use.kind === 'config'
            ? 'notify-keyspace-events is not settable on Azure Managed Redis; configure notifyKeyspaceEvents on the database (preview).'
            : 'Subscribes to keyspace notifications, which are off on Azure Managed Redis unless enabled on the database (preview).',
      });
    }
  },
};
