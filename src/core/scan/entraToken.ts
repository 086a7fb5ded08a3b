/**
 * A password expression that names a token (`token`, `accessToken.token`, `(await credential.getToken(scope)).token`):
 * the code already authenticates with Microsoft Entra ID, passing the token as password. It is no access key.
 */
export function isEntraToken(expression: string): boolean {
  return /token/i.test(expression) && !/key|pass|secret/i.test(expression);
}
