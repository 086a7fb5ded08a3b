// The local Azure Resource Manager the in-host Caches tests read (test/armServer, compiled by compile-e2e): Azure's
// example payloads plus one subscription that answers 403; and a stateful one for provisioning and migration. code-server's extension host reaches it through the
// documented routes only: the token in AMR_MIGRATE_ACCESS_TOKEN and the test CA in NODE_EXTRA_CA_CERTS; the suite
// learns the URL from AMR_E2E_ARM_ENDPOINT and points amrMigrate.resourceManagerEndpoint at it.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './e2e-tools.mjs';

const require = createRequire(import.meta.url);
const compiled = (name) => join(repoRoot, 'out', 'test', 'armServer', name);

/** Keep in step with test/e2e/suite/caches.test.ts, which expects this subscription to be refused. */
const FORBIDDEN = { subscriptionId: 'f0rb1dd3-0000-4000-8000-000000000403', displayName: 'No access (e2e)' };

/**
 * Returns the server, the environment for code-server, and `stop()`, which deletes the CA file and resolves to what
 * went wrong on the server's side (the extension must never read access keys; only this process can tell).
 */
export async function startE2eArmServer() {
  const { startArmServer } = require(compiled('armServer.js'));
  const { fixtureSubscriptions } = require(compiled('scenarios.js'));
  const token = randomBytes(24).toString('base64url');
  const scenario = {
    subscriptions: [...fixtureSubscriptions(),
      { ...FORBIDDEN, redis: [], clusters: [], firewallRules: new Map(), forbidden: true }],
    pageSize: 100,
    faults: [],
  };
  const server = await startArmServer({ scenario, token });
  // A second Resource Manager for the provisioning and migration tests: stateful (what the extension creates, it
  // lists later), over ACR caches that can migrate; its own endpoint keeps the Caches tests' view unchanged.
  const { ArmSimulator } = require(compiled('armSimulator.js'));
  const { migrationScenario, simulatorSeed } = require(compiled('scenarios.js'));
  const migrationArm = migrationScenario();
  // The UI smoke test reads this one throughout, so it refuses the same subscription as the first.
  migrationArm.subscriptions.push({ ...FORBIDDEN, redis: [], clusters: [], firewallRules: new Map(), forbidden: true });
  const simulator = new ArmSimulator(simulatorSeed(migrationArm));
  const migrationServer = await startArmServer({ scenario: migrationArm, token, simulator });
  const scratch = mkdtempSync(join(tmpdir(), 'amr-e2e-arm-'));
  const caFile = join(scratch, 'arm-test-ca.pem');
  writeFileSync(caFile, `${server.caCertPem.trim()}\n${migrationServer.caCertPem.trim()}\n`);
  return {
    server,
    env: {
      AMR_MIGRATE_ACCESS_TOKEN: token,
      NODE_EXTRA_CA_CERTS: caFile,
      AMR_E2E_ARM_ENDPOINT: server.url,
      AMR_E2E_MIGRATION_ARM_ENDPOINT: migrationServer.url,
    },
    /** The writes the extension sent to the migration Resource Manager, in order. */
    writes: () => simulator.requests.filter((r) => r.method !== 'GET'),
    stop: async () => {
      await Promise.all([server.stop(), migrationServer.stop()]);
      rmSync(scratch, { recursive: true, force: true });
      const listKeys = server.stats.listKeys + migrationServer.stats.listKeys;
      return listKeys > 0 ? [`the extension asked the ARM server for access keys ${listKeys} time(s)`] : [];
    },
  };
}
