import { createClient } from 'redis';
import { REDIS_HOST, REDIS_KEY, REDIS_PORT } from './config';

export const client = createClient({
  socket: { host: REDIS_HOST, port: REDIS_PORT, tls: true },
  password: REDIS_KEY,
});

export async function connect(): Promise<void> {
  client.on('error', (error) => console.error('redis error', error));
  await client.connect();
}
