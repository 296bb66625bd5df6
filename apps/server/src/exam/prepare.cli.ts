// Prepares exam sessions by hand, ahead of the scheduler: `tsx src/exam/prepare.cli.ts <sessionId>…`.
import { createDb } from '@petakom/db';
import { ExamStore } from '@petakom/exam-store';
import { Redis } from 'ioredis';
import { loadServerConfig } from '../config.ts';
import { prepareSession } from './prepare.service.ts';

const config = loadServerConfig(process.env);
const ids = process.argv.slice(2);
if (ids.length === 0) {
  console.error('usage: prepare.cli.ts <sessionId>…');
  process.exit(2);
}
const db = createDb(config.DATABASE_URL, { schema: config.DATABASE_SCHEMA });
const redis = new Redis(config.REDIS_URL);
const store = new ExamStore(redis, { prefix: config.REDIS_PREFIX, shards: config.ANSWER_LOG_SHARDS });
try {
  for (const id of ids) console.log(JSON.stringify(await prepareSession({ db, store }, id)));
} finally {
  await db.destroy();
  await redis.quit();
}
