const { Queue } = require('bullmq');

const connection = { host: 'localhost', port: 6379 };
const devQueue = new Queue('dev', { connection });

const testRedis = { host: '127.0.0.1', port: 6380, password: 'test' };

module.exports = { devQueue, testRedis };
