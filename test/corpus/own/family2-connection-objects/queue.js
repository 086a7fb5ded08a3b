const { Queue, Worker } = require('bullmq');

const connection = {
  host: 'jobs-cache.redis.cache.windows.net',
  port: 6380,
  password: process.env.REDIS_PASSWORD,
  tls: { servername: 'jobs-cache.redis.cache.windows.net' },
};

const emailQueue = new Queue('email', { connection });

const worker = new Worker('email', async (job) => {
  await sendEmail(job.data);
}, { connection });

module.exports = { emailQueue, worker };
