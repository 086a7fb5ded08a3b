import session from 'express-session';
import RedisStore from 'connect-redis';
import Redis from 'ioredis';

const base = { host: process.env.REDIS_HOST, port: 6380 };
const redisOptions = { ...base, password: process.env.REDIS_ACCESS_KEY, tls: {} };

export function sessionMiddleware(client: Redis) {
  return session({
    store: new RedisStore({ client, prefix: 'sess:' }),
    secret: process.env.SESSION_SECRET ?? 'dev',
    resave: false,
    saveUninitialized: false,
  });
}

export { redisOptions };
