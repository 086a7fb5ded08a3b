import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL!);

const MOVE_SCRIPT = "redis.call('RPOPLPUSH', KEYS[1], KEYS[2])";

export function cleanup(): void {
  const stream = redis.scanStream({ match: 'tmp:*', count: 200 });
  stream.on('data', (keys: string[]) => {
    if (keys.length) redis.unlink(keys);
  });
}

export async function move(source: string, target: string) {
  return redis.eval(MOVE_SCRIPT, 2, source, target);
}

export async function transfer(from: string, to: string, amount: number) {
  await redis
    .multi()
    .decrby(`balance:${from}`, amount)
    .incrby(`balance:${to}`, amount)
    .exec();
}

export async function sameTag(id: string) {
  await redis.mget(`{order:${id}}:lines`, `{order:${id}}:status`);
  return redis.get(`order:${id}`);
}
