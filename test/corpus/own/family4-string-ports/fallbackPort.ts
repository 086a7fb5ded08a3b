import { createClient as connect } from 'redis';
import { setting } from './settingsReader';

const plainPort = Number(setting('SESSION_CACHE_PORT', '6379'));
const tlsPort = Number(process.env.SESSION_CACHE_TLS_PORT ?? '6380');
const sessionKey = setting('SESSION_CACHE_KEY');
const sessionHost = setting('SESSION_CACHE_HOST');
const port = sessionKey && plainPort === 6379 ? tlsPort : plainPort;

export const sessions = connect(port, sessionHost, {
  ...(sessionKey && { auth_pass: sessionKey }),
  ...(sessionKey && { tls: { servername: sessionHost } }),
});
