/** A bare Resource Manager pipeline (bearer token for the cloud, retries, TLS settings) for raw reads without an SDK client. */
import type { TokenCredential } from '@azure/core-auth';
import { bearerTokenAuthenticationPolicy, createDefaultHttpClient, createPipelineFromOptions } from '@azure/core-rest-pipeline';
import type { Pipeline, TlsSettings } from '@azure/core-rest-pipeline';
import type { RequestSender } from './armReader';
import type { AzureCloud } from './clouds';
import { resourceManagerScope } from './clouds';
import { armOriginPolicy } from './armOrigin';

export function armPipeline(credential: TokenCredential, cloud: AzureCloud, tlsOptions?: TlsSettings): { pipeline: Pipeline } & RequestSender {
  const pipeline = createPipelineFromOptions({ ...(tlsOptions ? { tlsOptions } : {}), userAgentOptions: { userAgentPrefix: 'amr-migrate' } });
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: resourceManagerScope(cloud) }));
  pipeline.addPolicy(armOriginPolicy(cloud.resourceManagerEndpoint), { afterPhase: 'Sign' });
  const httpClient = createDefaultHttpClient();
  return { pipeline, sendRequest: (request) => pipeline.sendRequest(httpClient, request) };
}
