import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { customCloud, resourceManagerScope } from '../../../src/core/azure/clouds';
import { staticTokenCredential } from '../../../src/core/azure/staticTokenCredential';
import type { AzureConnection, NotConnected } from '../../../src/vscode/auth/azureSignIn';
import { CachesService, CachesUnavailableError, type CachesServiceDeps, type CachesState } from '../../../src/vscode/caches/cachesService';
import { CloudSettingError, type CloudTarget } from '../../../src/vscode/caches/cloudSetting';
import * as inventoryBundle from '../../../src/vscode/caches/inventoryEntry';
import type { InventoryModule } from '../../../src/vscode/caches/inventoryLoader';
import type { RunningArmServer } from '../../armServer/armServer';
import { startArmServer } from '../../armServer/armServer';

const TOKEN = 'caches-service-token-0123456789';

/** A settings-like store, as VS Code's workspace memento behaves. */
function memento(): CachesServiceDeps['workspaceState'] {
  const values = new Map<string, unknown>();
  return {
    get: <T>(key: string) => values.get(key) as T | undefined,
    update: async (key: string, value: unknown) => {
      values.set(key, value);
    },
  } as CachesServiceDeps['workspaceState'];
}

const quietLog: CachesServiceDeps['log'] = { info: () => undefined, error: () => undefined } as unknown as CachesServiceDeps['log'];

interface Harness {
  service: CachesService;
  /** How often the service asked for the connection, i.e. started a read of Azure. */
  connections: () => number;
  reads: Promise<CachesState>[];
}

/**
 * The service on the real inventory bundle against the local Resource Manager (trusting its test CA), signed in with
 * a bearer token as AMR_MIGRATE_ACCESS_TOKEN does in the editor.
 */
function harness(server: RunningArmServer, overrides: Partial<CachesServiceDeps> = {}): Harness {
  const cloud = customCloud(server.url);
  const target: CloudTarget = { setting: 'Custom', cloud, providerId: 'microsoft-sovereign-cloud', sovereignEnvironment: 'custom',
    scopes: [resourceManagerScope(cloud)] };
  const tlsOptions = { ca: server.caCertPem };
  const inventory: InventoryModule = {
    ...inventoryBundle,
    listSubscriptions: (credential, options) => inventoryBundle.listSubscriptions(credential, { ...options, tlsOptions }),
    listCaches: (credential, options) => inventoryBundle.listCaches(credential, { ...options, tlsOptions }),
    listKeys: (credential, cache, options) => inventoryBundle.listKeys(credential, cache, { ...options, tlsOptions }),
  };
  let connections = 0;
  const service = new CachesService({
    cloudTarget: () => target,
    signIn: {
      connection: async (): Promise<AzureConnection | NotConnected> => {
        connections++;
        return { credential: staticTokenCredential(TOKEN), account: 'AMR_MIGRATE_ACCESS_TOKEN' };
      },
      signIn: async () => true,
      signOut: async () => undefined,
    },
    inventory: () => inventory,
    workspaceState: memento(),
    log: quietLog,
    ...overrides,
  });
  const reads: Promise<CachesState>[] = [];
  service.onDidStartLoading((read) => reads.push(read));
  return { service, connections: () => connections, reads };
}

describe('caches service against the local ARM server', () => {
  let server: RunningArmServer;
  before(async () => {
    server = await startArmServer({ scenario: 'fixtures', token: TOKEN });
  });
  after(() => server.stop());

  it('reads Azure once however many ask at once (view, plan, copy), and again only after a refresh', async () => {
    const { service, connections, reads } = harness(server);
    const requestsBefore = server.stats.requests;
    const [state, planCaches, copyCaches] = await Promise.all([service.state(), service.caches(), service.caches()]);
    assert.equal(connections(), 1);
    assert.equal(reads.length, 1);
    const requestsPerRead = server.stats.requests - requestsBefore;
    assert.equal(state.kind, 'listed');
    assert.deepEqual(planCaches.map((cache) => cache.name).sort(), ['cache1', 'cache1', 'myrediscachexxx111']);
    assert.deepEqual(copyCaches, planCaches);

    await service.caches();
    assert.equal(server.stats.requests - requestsBefore, requestsPerRead, 'a second question is answered from what was read');

    let changes = 0;
    service.onDidChange(() => changes++);
    service.refresh();
    assert.equal(changes, 1);
    assert.equal((await service.caches()).length, 3);
    assert.equal(connections(), 2);
    assert.equal(server.stats.requests - requestsBefore, 2 * requestsPerRead);
  });

  it('lists the subscriptions the filter lets through, and says how many of how many', async () => {
    const { service, reads } = harness(server);
    // Asked while the filter changes: the answer is the filtered read, not the one the change superseded.
    const pending = service.state();
    await service.rememberSubscriptions(['SUBID']);
    const filtered = await pending;
    assert.deepEqual(await reads[0], { kind: 'cancelled' });
    assert.equal(reads.length, 2);
    assert.ok(filtered.kind === 'listed');
    assert.deepEqual([filtered.chosenSubscriptions, filtered.allSubscriptions], [1, 3]);
    assert.deepEqual(filtered.groups.map((group) => group.subscription.displayName), ['Spec examples (redis)']);
    assert.deepEqual(service.rememberedSubscriptions(), ['SUBID']);
    assert.equal(service.subscriptions().length, 3);
    await service.rememberSubscriptions(undefined);
    const all = await service.state();
    assert.ok(all.kind === 'listed');
    assert.deepEqual([all.chosenSubscriptions, all.allSubscriptions], [3, 3]);
  });

  it('reads access keys with the current sign-in', async () => {
    const { service } = harness(server);
    const [premium] = (await service.caches()).filter((cache) => cache.name === 'myrediscachexxx111');
    assert.ok(premium);
    const listKeysBefore = server.stats.listKeys;
    assert.deepEqual(await service.accessKeys(premium), server.keysOf(premium.id));
    assert.equal(server.stats.listKeys - listKeysBefore, 1);
  });

  it('a cancelled read says so and lists nothing until the next refresh', async () => {
    const { service } = harness(server);
    const pending = service.state();
    service.cancel();
    assert.deepEqual(await pending, { kind: 'cancelled' });
    assert.deepEqual(await service.caches(), []);
    service.refresh();
    assert.equal((await service.caches()).length, 3);
  });

  it('turns a refused subscription list into a failed state with the status code', async () => {
    const { service } = harness(server, {
      signIn: {
        connection: async () => ({ credential: staticTokenCredential('not-the-token'), account: 'someone' }),
        signIn: async () => true,
        signOut: async () => undefined,
      },
    });
    const state = await service.state();
    assert.equal(state.kind, 'failed');
    assert.equal(state.kind === 'failed' && state.statusCode, 401);
  });
});

describe('caches service without Azure', () => {
  const neverRead = (): InventoryModule => {
    throw new Error('the inventory must not load');
  };
  const signedOut = {
    connection: async (): Promise<NotConnected> => ({ reason: 'signedOut', message: 'Not signed in' }),
    signIn: async () => false,
    signOut: async () => undefined,
  };

  it('a cloud setting that names no usable cloud is a state and a clear error, and loads no SDK', async () => {
    const service = new CachesService({
      cloudTarget: () => new CloudSettingError('amrMigrate.cloud is Custom: set amrMigrate.resourceManagerEndpoint'),
      signIn: signedOut, inventory: neverRead, workspaceState: memento(), log: quietLog,
    });
    assert.deepEqual(await service.state(), { kind: 'settingError', message: 'amrMigrate.cloud is Custom: set amrMigrate.resourceManagerEndpoint' });
    assert.deepEqual(await service.caches(), []);
    assert.equal(await service.signIn(), false);
  });

  it('signed out: nothing is listed, access keys are refused with the reason, sign-in failures become a state', async () => {
    const cloud = customCloud('https://management.example.net');
    const target: CloudTarget = { setting: 'Custom', cloud, providerId: 'microsoft-sovereign-cloud', scopes: [resourceManagerScope(cloud)] };
    const service = new CachesService({ cloudTarget: () => target, signIn: signedOut, inventory: neverRead, workspaceState: memento(), log: quietLog });
    assert.deepEqual(await service.state(), { kind: 'notConnected', reason: 'signedOut', message: 'Not signed in' });
    const cache = { name: 'orders' } as Parameters<CachesService['accessKeys']>[0];
    await assert.rejects(service.accessKeys(cache), (error: Error) =>
      error instanceof CachesUnavailableError && /needs an Azure sign-in: Not signed in/.test(error.message));

    const broken = new CachesService({
      cloudTarget: () => target,
      signIn: { ...signedOut, connection: async () => { throw new Error('the account provider is not available'); } },
      inventory: neverRead, workspaceState: memento(), log: quietLog,
    });
    assert.deepEqual(await broken.state(), { kind: 'failed', statusCode: null, message: 'the account provider is not available' });
  });
});
