/**
 * Who the credential signs in as, so the new cache can grant that identity data access: the `oid` claim of its
 * Resource Manager token. The token is only read here, never kept, logged or sent anywhere else.
 */
import type { TokenCredential } from '@azure/core-auth';
import { resourceManagerScope, type AzureCloud } from '../azure/clouds';
import { EntraTokenError, tokenObjectId } from '../copy/entraCredentials';

/** The signed-in identity's Entra object id; undefined when its token does not say (not a JWT, or no `oid`). */
export async function signedInObjectId(credential: TokenCredential, cloud: AzureCloud, abortSignal?: AbortSignal): Promise<string | undefined> {
  const token = await credential.getToken(resourceManagerScope(cloud), { abortSignal });
  if (!token) return undefined;
  try {
    return tokenObjectId(token.token);
  } catch (error) {
    if (error instanceof EntraTokenError) return undefined;
    throw error;
  }
}
