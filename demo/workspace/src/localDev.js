// Developer tooling: a local Redis and the new Azure Managed Redis cluster; neither needs changes.
const { createClient, createCluster } = require('redis');

const local = createClient({ url: 'redis://localhost:6379' });

const amr = createCluster({
  rootNodes: [{ url: 'rediss://orders-prod.westus2.redis.azure.net:10000' }],
  defaults: { socket: { tls: true } },
});

module.exports = { local, amr };
