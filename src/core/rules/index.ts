import { accessKeyAuth } from './access-key-auth';
import { databaseSelect } from './database-select';
import { keyspaceNotifications } from './keyspace-notifications';
import { legacyCacheResource } from './legacy-cache-resource';
import { legacyHostname } from './legacy-hostname';
import { legacyTlsPort } from './legacy-tls-port';
import { multiKeyCommand } from './multi-key-command';
import { nonClusterClient } from './non-cluster-client';
import { nonTlsConnection } from './non-tls-connection';
import type { Rule } from './rule';

/** Every rule the scanner runs, in the order of the contract (docs/design/contracts.md). */
export const RULES: readonly Rule[] = [
  legacyHostname,
  legacyTlsPort,
  nonTlsConnection,
  accessKeyAuth,
  multiKeyCommand,
  keyspaceNotifications,
  databaseSelect,
  nonClusterClient,
  legacyCacheResource,
];

export type { Rule } from './rule';
