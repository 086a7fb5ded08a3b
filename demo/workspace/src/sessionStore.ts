import Redis from 'ioredis';
import { SESSION_URL } from './config';

const sessions = new Redis(SESSION_URL);

export async function loadSession(id: string): Promise<string | null> {
  await sessions.select(2);
  return sessions.get(`session:${id}`);
}

export function onSessionExpired(listener: (key: string) => void): void {
  const subscriber = sessions.duplicate();
  void subscriber.psubscribe('__keyevent@2__:expired');
  subscriber.on('pmessage', (_pattern, _channel, key) => listener(key));
}
