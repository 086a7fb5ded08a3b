import { ArmRestClient } from '../../src/core/azure/armRest';
import type { ArmRestOptions } from '../../src/core/azure/armRest';
import { customCloud } from '../../src/core/azure/clouds';
import { staticTokenCredential } from '../../src/core/azure/staticTokenCredential';
import type { RunningArmServer } from './armServer';
import { startArmServer } from './armServer';
import type { SimulatorOptions } from './armSimulator';
import { ArmSimulator } from './armSimulator';
import { migrationScenario, simulatorSeed } from './scenarios';

export interface SimulatedArm {
  server: RunningArmServer;
  simulator: ArmSimulator;
  token: string;
  /** A REST client on the real ARM pipeline, trusting the server's CA; polls at once when Azure sends no Retry-After. */
  client(options?: Partial<ArmRestOptions>): ArmRestClient;
}

/** The local ARM server over the migration scenario with a fresh simulator behind it. */
export async function startSimulatedArm(options: SimulatorOptions = {}, token = 'simulated-arm-token-5d1e'): Promise<SimulatedArm> {
  const scenario = migrationScenario();
  const simulator = new ArmSimulator(simulatorSeed(scenario), options);
  const server = await startArmServer({ scenario, token, simulator });
  return {
    server,
    simulator,
    token,
    client: (extra = {}) =>
      ArmRestClient.create(staticTokenCredential(token), { cloud: customCloud(server.url), tlsOptions: { ca: server.caCertPem }, defaultPollMs: 10, ...extra }),
  };
}
