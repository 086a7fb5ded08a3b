/**
 * Entry of dist/azureMigration.js: provisioning, the automated migration and the Enterprise conversion, bundled apart
 * from the extension so that activation loads none of it; the migration commands require this file on first use.
 */

export { ArmOperationError, ArmRestClient, WaitCancelledError } from '../../core/azure/armRest';
export { confirmationMatches, explainEnterpriseConversion, scalingSkus, startEnterpriseConversion } from '../../core/migration/enterpriseConversion';
export { localMigrationChecks } from '../../core/migration/localChecks';
export { cancelMigration, explainState, followMigration, migrationStatus, rollbackOpen, startMigration, startRequest, cancelRequest, unlinkMigration, unlinkRequest, validateMigration } from '../../core/migration/migration';
export { provisionTarget } from '../../core/migration/provision';
export { readCache } from '../../core/migration/readCache';
