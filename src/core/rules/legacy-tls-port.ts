import { mayBeAzure } from '../evidence/hosts';
import { replaceFix, type Rule } from './rule';

const LEGACY_TLS_PORT = 6380;
const AMR_PORT = '10000';

export const legacyTlsPort: Rule = {
  meta: {
    id: 'legacy-tls-port',
    defaultSeverity: 'error',
    title: 'Port 6380 (Azure Cache for Redis TLS port)',
    docs:
      'Azure Cache for Redis serves TLS on port 6380; Azure Managed Redis serves on port 10000 only, so a ' +
      'client configured for 6380 cannot connect. The fix rewrites the port to 10000.',
  },
  check(evidence, context) {
    for (const endpoint of evidence.endpoints) {
      const port = endpoint.port;
      if (!port || port.value !== LEGACY_TLS_PORT || !mayBeAzure(endpoint.host)) continue;
      context.report({
        span: port.span,
        message: `Port 6380 is the Azure Cache for Redis TLS port; Azure Managed Redis listens on port 10000 (${endpoint.source}).`,
        fixes: [replaceFix('Use port 10000', port.span, AMR_PORT, true)],
      });
    }
  },
};
