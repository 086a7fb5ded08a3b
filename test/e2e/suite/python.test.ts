import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPECTED_OSS } from './expected';
import { applyFix, expectAfterFix, openAndWait, ours, quickFixes, restoreFixtures, summarize } from './helpers';

const FILE = 'src/py/orders_cache.py';
const EXPECTED = EXPECTED_OSS[FILE]!;
const ENTRA_ID = 'Authenticate with Microsoft Entra ID (redis-entraid credential_provider, DefaultAzureCredential) instead of the ' +
  'access key; adds redis-entraid to requirements.txt';

async function fixesOn(document: vscode.TextDocument, target: string): Promise<vscode.CodeAction[]> {
  const diagnostic = ours(document.uri).find((d) => summarize([d])[0] === target);
  assert.ok(diagnostic, `no diagnostic ${target}`);
  return (await quickFixes(document, diagnostic.range)).filter((action) => !action.title.startsWith('Fix all '));
}

suite('Python (redis-py) in the editor', () => {
  teardown(restoreFixtures);

  test('a redis-py client gets its diagnostics, and "Use port 10000" rewrites the port through the syntax tree', async () => {
    const document = await openAndWait(FILE, EXPECTED);
    // The client's own range holds the port, so the cluster fix (to review) is offered there too.
    const offered = await fixesOn(document, 'legacy-tls-port@6:66');
    assert.deepEqual(offered.filter((action) => action.isPreferred).map((action) => action.title), ['Use port 10000']);
    await applyFix(document, 'legacy-tls-port@6:66', 'Use port 10000');
    assert.equal(document.lineAt(5).text,
      'orders = redis.Redis(host="orders.redis.cache.windows.net", port=10000, ssl=True, password=os.environ["REDIS_KEY"])');
    // One character longer: the key argument after the port moves right by one.
    await expectAfterFix(document, ['non-cluster-client@6:10', 'legacy-hostname@6:28', 'access-key-auth@6:92']);
  });

  test('the Entra ID quick fix rewrites the client and adds redis-entraid to the requirements.txt next to it', async () => {
    const document = await openAndWait(FILE, EXPECTED);
    await applyFix(document, 'access-key-auth@6:91', ENTRA_ID);
    assert.equal(document.lineAt(3).text, 'from redis_entraid.cred_provider import create_from_default_azure_credential');
    assert.match(document.lineAt(6).text, /, ssl=True, credential_provider=create_from_default_azure_credential\(\("https:\/\/redis\.azure\.com\/\.default",\)\)\)$/);
    const requirements = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(document.uri, '..', 'requirements.txt'));
    assert.equal(requirements.getText(), 'redis==5.2.1\nredis-entraid>=1.1.0\n');
    // The import line moved the client down a line; the key finding is gone.
    await expectAfterFix(document, ['non-cluster-client@7:10', 'legacy-hostname@7:28', 'legacy-tls-port@7:66']);
  });
});
