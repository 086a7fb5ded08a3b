import { ACR_TLS_PORT, AMR_PORT } from '../amr/facts';
import { mayBeAzure } from '../evidence/hosts';
import { afterSwitchReport } from '../migration/switchedHosts';
import { replaceFix, type Rule } from './rule';

export const legacyTlsPort: Rule = {
  meta: {
    id: 'legacy-tls-port',
    defaultSeverity: 'error',
    title: `Port ${ACR_TLS_PORT} (Azure Cache for Redis TLS port)`,
    docs:
      `Azure Cache for Redis serves TLS on port ${ACR_TLS_PORT}; Azure Managed Redis serves on port ${AMR_PORT} only, so a ` +
      `client configured for ${ACR_TLS_PORT} cannot connect. The fix rewrites the port to ${AMR_PORT}.`,
  },
  check(evidence, context) {
    for (const endpoint of evidence.endpoints) {
      const port = endpoint.port;
      if (!port || port.value !== ACR_TLS_PORT || !mayBeAzure(endpoint.host)) continue;
      context.report(afterSwitchReport('legacy-tls-port', endpoint.host, context.settings, {
        span: port.span,
        message: `Port ${ACR_TLS_PORT} is the Azure Cache for Redis TLS port; Azure Managed Redis listens on port ${AMR_PORT} (${endpoint.source}).`,
        fixes: [replaceFix(`Use port ${AMR_PORT}`, port.span, String(AMR_PORT), true)],
      }));
    }
  },
};
