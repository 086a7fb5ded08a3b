import * as vscode from 'vscode';
import { EXPECTED_OSS, ORDERS_NOT_OSS } from './expected';
import { openAndWait, summarize, waitForDiagnostics } from './helpers';

async function setPolicy(policy: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('amrMigrate')
    .update('clusterPolicy', policy, vscode.ConfigurationTarget.Workspace);
}

suite('clustering policy setting', () => {
  teardown(() => setPolicy(undefined));

  test('switching amrMigrate.clusterPolicy re-evaluates the multi-key and client diagnostics of open files', async () => {
    const document = await openAndWait('src/orders.ts', EXPECTED_OSS['src/orders.ts']!);
    const expect = (list: readonly string[]) => {
      const want = JSON.stringify([...list].sort());
      return waitForDiagnostics(document.uri, (d) => JSON.stringify(summarize(d)) === want, want);
    };
    await setPolicy('enterprise');
    await expect(ORDERS_NOT_OSS);
    await setPolicy('oss');
    await expect(EXPECTED_OSS['src/orders.ts']!);
    await setPolicy('none');
    await expect(ORDERS_NOT_OSS);
  });
});
