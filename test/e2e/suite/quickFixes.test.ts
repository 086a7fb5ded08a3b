import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPECTED_OSS, without } from './expected';
import { applyFix, expectAfterFix, openAndWait, ours, quickFixes, restoreFixtures, summarize, waitForDiagnostics } from './helpers';

suite('quick fixes', () => {
  teardown(restoreFixtures);

  test('a legacy host has exactly one preferred fix, to the host-map target', async () => {
    const document = await openAndWait('src/cache.ts', EXPECTED_OSS['src/cache.ts']!);
    const diagnostic = ours(document.uri).find((d) => summarize([d])[0] === 'legacy-hostname@5:20')!;
    const own = (await quickFixes(document, diagnostic.range)).filter((a) => !a.title.startsWith('Fix all '));
    assert.deepEqual(own.map((a) => [a.title, a.isPreferred ?? false]),
      [["Replace with 'orders.westus2.redis.azure.net'", true]]);
  });

  test('"Replace with <AMR host>" rewrites the host and the diagnostic goes away', async () => {
    const document = await openAndWait('src/cache.ts', EXPECTED_OSS['src/cache.ts']!);
    await applyFix(document, 'legacy-hostname@5:20', "Replace with 'orders.westus2.redis.azure.net'");
    assert.equal(document.lineAt(4).text, "  socket: { host: 'orders.westus2.redis.azure.net', port: 6380, tls: true },");
    // Port 6380 stays wrong on the new host (AMR listens on 10000): only the host finding goes.
    await expectAfterFix(document, without(EXPECTED_OSS['src/cache.ts']!, 'legacy-hostname@5:20'));
  });

  test('"Use port 10000" rewrites the port and the diagnostic goes away', async () => {
    const document = await openAndWait('src/cache.ts', EXPECTED_OSS['src/cache.ts']!);
    await applyFix(document, 'legacy-tls-port@5:59', 'Use port 10000');
    assert.equal(document.lineAt(4).text, "  socket: { host: 'orders.redis.cache.windows.net', port: 10000, tls: true },");
    await expectAfterFix(document, without(EXPECTED_OSS['src/cache.ts']!, 'legacy-tls-port@5:59'));
  });

  test(`"Use 'rediss://'" switches the URL to TLS; 6379 stays reported until "Use port 10000"`, async () => {
    const document = await openAndWait('config/.env', EXPECTED_OSS['config/.env']!);
    await applyFix(document, 'non-tls-connection@1:11', "Use 'rediss://'");
    assert.equal(document.lineAt(0).text, 'REDIS_URL=rediss://orders.redis.cache.windows.net:6379');
    // AMR serves TLS on 10000 only: on an Azure host, rediss:// on 6379 still cannot connect.
    await expectAfterFix(document, ['legacy-hostname@1:20', 'non-tls-connection@1:51']);
    await applyFix(document, 'non-tls-connection@1:51', 'Use port 10000');
    assert.equal(document.lineAt(0).text, 'REDIS_URL=rediss://orders.redis.cache.windows.net:10000');
    await expectAfterFix(document, ['legacy-hostname@1:20']);
  });

  test('C#: a StackExchange.Redis connection string gets the host-map and port fixes, read through its syntax tree', async () => {
    const document = await openAndWait('src/orderCache.cs', EXPECTED_OSS['src/orderCache.cs']!);
    await applyFix(document, 'legacy-tls-port@6:71', 'Use port 10000');
    await expectAfterFix(document, ['legacy-hostname@6:40']);
    await applyFix(document, 'legacy-hostname@6:40', "Replace with 'orders.westus2.redis.azure.net'");
    assert.equal(document.lineAt(5).text, '        ConnectionMultiplexer.Connect("orders.westus2.redis.azure.net:10000,ssl=True,abortConnect=False");');
    await expectAfterFix(document, []);
  });

  test('"Fix all legacy-tls-port in this file" fixes every port in one edit', async () => {
    const document = await openAndWait('src/orders.ts', EXPECTED_OSS['src/orders.ts']!);
    await applyFix(document, 'legacy-tls-port@4:83', 'Fix all legacy-tls-port in this file');
    assert.equal(document.getText().match(/port: 6380/g), null);
    assert.equal(document.getText().match(/port: 10000/g)?.length, 2);
    await expectAfterFix(document, without(EXPECTED_OSS['src/orders.ts']!, 'legacy-tls-port@3:73', 'legacy-tls-port@4:83'));
  });

  test('ioredis: the Entra ID fix creates the helper module and wraps the client, then the cluster fix keeps the wrap; both diagnostics go', async () => {
    const document = await openAndWait('src/session.ts', EXPECTED_OSS['src/session.ts']!);
    const helper = vscode.Uri.joinPath(document.uri, '..', 'redisEntraAuth.ts');
    try {
      await applyFix(document, 'access-key-auth@4:92',
        'Authenticate with Microsoft Entra ID (token as password, renewed before expiry; creates redisEntraAuth.ts) instead of the access key');
      assert.equal(document.lineAt(1).text, "import { withEntraId } from './redisEntraAuth';");
      assert.equal(document.lineAt(4).text,
        'export const sessions = withEntraId(new Redis({ host: process.env.SESSION_HOST, port: 10000, lazyConnect: true, tls: {} }));');
      // The workspace edit leaves the new file open and unsaved, like the edited one.
      const created = await vscode.workspace.openTextDocument(helper);
      assert.match(created.getText(), /^export function withEntraId<T extends EntraIdClient>\(client: T/m);
      assert.equal(await created.save(), true);
      // Only the cluster finding is left (moved by the inserted import and wrapper); its fix keeps the helper.
      await expectAfterFix(document, ['non-cluster-client@5:41']);
      await applyFix(document, 'non-cluster-client@5:41', 'Use a cluster client (Redis.Cluster, host names kept for TLS)');
      assert.equal(document.lineAt(4).text,
        'export const sessions = withEntraId(new Redis.Cluster([{ host: process.env.SESSION_HOST, port: 10000 }], ' +
        '{ dnsLookup: (address, callback) => callback(null, address), lazyConnect: true, redisOptions: { tls: { servername: process.env.SESSION_HOST } } }));');
      await expectAfterFix(document, []);
    } finally {
      await vscode.workspace.fs.delete(helper).then(undefined, () => undefined);
    }
  });

  test('node-redis: the cluster fix, then the Entra ID fix (@redis/entraid) on the cluster\'s defaults; both diagnostics go', async () => {
    const document = await openAndWait('src/cache.ts', EXPECTED_OSS['src/cache.ts']!);
    await applyFix(document, 'non-cluster-client@4:23', 'Use a cluster client (createCluster, node addresses mapped to the host name)');
    assert.equal(document.lineAt(0).text, "import { createCluster } from 'redis';");
    assert.equal(document.lineAt(3).text, 'export const client = createCluster({');
    const afterCluster = await waitForDiagnostics(document.uri, (d) => summarize(d).some((entry) => entry.startsWith('access-key-auth@'))
      && !summarize(d).some((entry) => entry.startsWith('non-cluster-client@')), 'the access key finding inside the cluster options');
    const accessKey = summarize(afterCluster).find((entry) => entry.startsWith('access-key-auth@'))!;
    await applyFix(document, accessKey, 'Authenticate with Microsoft Entra ID (@redis/entraid credentials provider) instead of the access key');
    assert.equal(document.getText(), [
      "import { createCluster } from 'redis';",
      "import { EntraIdCredentialsProviderFactory, REDIS_SCOPE_DEFAULT } from '@redis/entraid';",
      "import { DefaultAzureCredential } from '@azure/identity';",
      '',
      '// Connection of the orders service: still on Azure Cache for Redis.',
      'export const client = createCluster({',
      "  rootNodes: [{ socket: { host: 'orders.redis.cache.windows.net', port: 6380 } }],",
      '  defaults: {',
      "    socket: { host: 'orders.redis.cache.windows.net', port: 6380, tls: true },",
      '    credentialsProvider: EntraIdCredentialsProviderFactory.createForDefaultAzureCredential({',
      '      credential: new DefaultAzureCredential(),',
      '      scopes: REDIS_SCOPE_DEFAULT,',
      '      tokenManagerConfig: { expirationRefreshRatio: 0.8 },',
      '    }),',
      '  },',
      "  nodeAddressMap: (address: string) => ({ host: 'orders.redis.cache.windows.net', port: Number(address.slice(address.lastIndexOf(':') + 1)) }),",
      '});',
      '',
    ].join('\n'));
    // Only host and port findings stay (the host is now written in the root node, the defaults and the address map).
    await waitForDiagnostics(document.uri, (d) => {
      const rules = [...new Set(summarize(d).map((entry) => entry.slice(0, entry.indexOf('@'))))].sort();
      return JSON.stringify(rules) === JSON.stringify(['legacy-hostname', 'legacy-tls-port']);
    }, 'only the host and port findings');
  });

  test('node-redis 4 (from the package.json next to it): the Entra ID fix wraps the client in the helper and adds @azure/identity', async () => {
    const document = await openAndWait('src/v4/queue.ts', EXPECTED_OSS['src/v4/queue.ts']!);
    const helper = vscode.Uri.joinPath(document.uri, '..', 'redisEntraAuth.ts');
    try {
      await applyFix(document, 'access-key-auth@4:75', 'Authenticate with Microsoft Entra ID (token as password, renewed before expiry; ' +
        'creates redisEntraAuth.ts) instead of the access key; adds @azure/identity to package.json');
      assert.equal(document.getText(), [
        "import { createClient } from 'redis';",
        "import { withEntraId } from './redisEntraAuth';",
        '',
        '// Jobs: a node-redis 4 client, still with an access key.',
        'export const queue = withEntraId(createClient({ url: process.env.QUEUE_URL }));',
        '',
      ].join('\n'));
      const manifest = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(document.uri, '..', 'package.json'));
      assert.equal(manifest.getText(), '{ "dependencies": { "@azure/identity": "^4.13.1", "redis": "^4.7.0" } }\n');
      assert.match((await vscode.workspace.openTextDocument(helper)).getText(), /^export function withEntraId</m);
      // The single-node client stays: the helper serves node-redis 4 single-node clients only, so no cluster fix.
      const [remaining] = await expectAfterFix(document, ['non-cluster-client@5:34']);
      const titles = (await quickFixes(document, remaining!.range)).map((action) => action.title);
      assert.ok(!titles.some((title) => title.startsWith('Use a cluster client')), JSON.stringify(titles));
    } finally {
      await vscode.workspace.fs.delete(helper).then(undefined, () => undefined);
    }
  });

  test('MGET across slots: the preferred split into GETs, or the hash-tag rename for review; the split clears it', async () => {
    const document = await openAndWait('src/orders.ts', EXPECTED_OSS['src/orders.ts']!);
    const diagnostic = ours(document.uri).find((d) => summarize([d])[0] === 'multi-key-command@8:18')!;
    const own = (await quickFixes(document, diagnostic.range)).filter((a) => !a.title.startsWith('Fix all '));
    assert.deepEqual(own.map((a) => [a.title, a.isPreferred ?? false]), [
      ['Split into one GET per key, sent together (same array of values)', true],
      ['Rename the keys to share the hash tag {orders} — data already stored under the old names is not moved', false],
    ]);
    await applyFix(document, 'multi-key-command@8:18', 'Split into one GET per key, sent together (same array of values)');
    assert.equal(document.lineAt(7).text, "  return Promise.all([replica.get('orders:total'), replica.get('orders:count')]);");
    await expectAfterFix(document, without(EXPECTED_OSS['src/orders.ts']!, 'multi-key-command@8:18'));
  });

  test('no fixes are offered on text that changed since the scan', async () => {
    const document = await openAndWait('src/cache.ts', EXPECTED_OSS['src/cache.ts']!);
    const diagnostic = ours(document.uri).find((d) => summarize([d])[0] === 'legacy-tls-port@5:59')!;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), '// edited\n');
    await vscode.workspace.applyEdit(edit);
    // Asked before the debounced rescan: the stored offsets no longer match the text.
    assert.deepEqual((await quickFixes(document, diagnostic.range)).map((a) => a.title), []);
  });
});
