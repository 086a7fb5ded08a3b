'use strict';

function redisOptions(env) {
  return {
    host: env.REDIS_HOST,
    port: Number(env.REDIS_PORT || 6380),
    password: env.REDIS_PASSWORD,
    tls: { servername: env.REDIS_HOST },
    maxRetriesPerRequest: null,
  };
}

const dbOptions = {
  host: process.env.DB_HOST,
  port: 5432,
  user: 'app',
  password: process.env.DB_PASSWORD,
};

const mailer = { host: 'smtp.sendgrid.net', port: 587, auth: { user: 'apikey', pass: process.env.SENDGRID_KEY } };

module.exports = { redisOptions, dbOptions, mailer };
