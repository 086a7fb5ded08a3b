const Redis = require('ioredis');
const { createClient } = require('redis');

const dev = new Redis(6380, 'localhost');
const test = createClient({ url: 'redis://127.0.0.1:6379' });
const compose = new Redis({ host: 'redis', port: 6379 });
const onPrem = new Redis(6380, 'cache.internal.example.com', { password: process.env.REDIS_PASSWORD, tls: {} });
const upstash = createClient({ url: 'rediss://default:' + process.env.UPSTASH_TOKEN + '@eu1-fancy-owl-31337.upstash.io:6379' });

module.exports = { dev, test, compose, onPrem, upstash };
