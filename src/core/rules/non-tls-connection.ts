import { ACR_PLAINTEXT_PORT, AMR_PORT } from '../amr/facts';
import { classifyHost, mayBeAzure } from '../evidence/hosts';
import { afterSwitchReport } from '../migration/switchedHosts';
import { replaceFix, type Rule, type RuleReport } from './rule';

export const nonTlsConnection: Rule = {
  meta: {
    id: 'non-tls-connection',
    defaultSeverity: 'error',
    title: 'Plaintext (non-TLS) connection',
    docs:
      `Azure Managed Redis serves one protocol per cache, TLS by default, on port ${AMR_PORT}; Microsoft Entra ID ` +
      `authentication requires TLS. Use \`rediss://\`, turn \`tls\`/\`ssl\` on and connect to port ${AMR_PORT}.`,
  },
  check(evidence, context) {
    for (const endpoint of evidence.endpoints) {
      if (!mayBeAzure(endpoint.host)) continue;
      const report = (found: RuleReport) => context.report(afterSwitchReport('non-tls-connection', endpoint.host, context.settings, found));
      const { scheme, tls, port } = endpoint;
      const tlsOn = tls?.value === true || scheme?.value === 'rediss';
      if (scheme?.value === 'redis' && tls?.value !== true) {
        report({
          span: scheme.span,
          message: `'redis://' connects without TLS; use 'rediss://' for Azure Managed Redis (${endpoint.source}).`,
          fixes: [replaceFix("Use 'rediss://'", scheme.span, 'rediss', true)],
        });
      }
      if (tls?.value === false) {
        const span = tls.span ?? endpoint.at;
        const insertion = tls.insertion?.map(({ span: at, newText }) => ({ file: at.file, start: at.start, end: at.end, newText }));
        report({
          span,
          message: insertion
            ? `TLS is not turned on, so the client connects in plaintext; Azure Managed Redis connections should use TLS (${endpoint.source}).`
            : `TLS is turned off; Azure Managed Redis connections should use TLS (${endpoint.source}).`,
          fixes: tls.span
            ? [replaceFix('Turn TLS on', tls.span, tls.enableText, true)]
            : insertion ? [{ title: 'Turn TLS on', preferred: true, edits: insertion }] : [],
        });
      }
      // On a host known to be Azure, 6379 is wrong even with TLS on (AMR listens on its one port only): the port is the
      // fix when TLS is on or comes with the scheme's fix. An unknown host with TLS on may be another provider's 6379.
      const azureHost = ['legacy', 'amr'].includes(classifyHost(endpoint.host));
      if (port?.value === ACR_PLAINTEXT_PORT && (!tlsOn || azureHost)) {
        report({
          span: port.span,
          message: `Port ${ACR_PLAINTEXT_PORT} is the plaintext Azure Cache for Redis port; Azure Managed Redis uses TLS on port ${AMR_PORT} (${endpoint.source}).`,
          fixes: azureHost && (tlsOn || scheme?.value === 'redis') ? [replaceFix(`Use port ${AMR_PORT}`, port.span, String(AMR_PORT), true)] : [],
        });
      }
    }
  },
};
