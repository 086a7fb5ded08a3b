/**
 * The one check that keeps the Azure token on the Resource Manager endpoint. Every ARM pipeline (the SDK clients'
 * and our bare one) runs it as its last policy, after signing, redirects and retries, so a request that has been
 * pointed anywhere else (an SDK iterator following an absolute `nextLink`, a redirect) is refused before it is sent.
 */
import type { PipelinePolicy } from '@azure/core-rest-pipeline';

export const ARM_ORIGIN_POLICY_NAME = 'amrMigrateArmOrigin';

/** Throws unless `url` (absolute) is on the origin of `endpoint`. */
export function assertArmOrigin(url: string, endpoint: string): void {
  const origin = new URL(url).origin;
  if (origin !== new URL(endpoint).origin) {
    throw new Error(`refusing to send a request to ${origin}, which is not the Resource Manager endpoint ${new URL(endpoint).origin}`);
  }
}

export function armOriginPolicy(endpoint: string): PipelinePolicy {
  return {
    name: ARM_ORIGIN_POLICY_NAME,
    sendRequest: (request, next) => {
      assertArmOrigin(request.url, endpoint);
      return next(request);
    },
  };
}
