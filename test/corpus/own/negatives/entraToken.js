const { createCluster } = require('redis');
const { DefaultAzureCredential } = require('@azure/identity');

async function connect(host) {
  const credential = new DefaultAzureCredential();
  const accessToken = await credential.getToken('https://redis.azure.com/.default');
  const cluster = createCluster({
    rootNodes: [{ url: `rediss://${host}:10000` }],
    defaults: { username: process.env.REDIS_OBJECT_ID, password: accessToken.token },
  });
  await cluster.connect();
  return cluster;
}

module.exports = { connect };
