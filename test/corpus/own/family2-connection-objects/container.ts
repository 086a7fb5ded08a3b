import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';

@Module({
  imports: [
    BullModule.forRoot({
      connection: {
        host: 'workers.redis.cache.windows.net',
        port: 6380,
        password: process.env.REDIS_KEY,
        tls: {},
      },
    }),
    BullModule.registerQueue({ name: 'thumbnails' }),
  ],
})
export class QueueModule {}
