import { createClient } from 'redis';

const settings = {
  socket: {
    tls: true,
    host: process.env.CACHE_HOST || '',
    port: parseInt(process.env.CACHE_PORT || '6380', 10),
  },
  password: process.env.CACHE_SECRET,
};

export const cache = createClient(settings);
