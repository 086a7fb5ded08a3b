/**
 * Entry of dist/azureInventory.js: the inventory and the Azure SDKs it pulls in, bundled apart from the extension so
 * that activation never loads them; the Caches view requires this file the first time it reads Azure.
 */

export { listKeys } from '../../core/azure/accessKeys';
export { ArmRequestError } from '../../core/azure/armReader';
export { listCaches, listSubscriptions } from '../../core/azure/inventory';
