// `pnpm loadtest k6-data --date YYYY-MM-DD [--campaign <id>] [--out FILE]`: writes the participants
// file the k6 scenarios read — NIP, access code and the current room token of every registration in
// the sessions of that day — from a rehearsal deployment's Postgres and Redis. Read-only. Uses the
// deployment's own environment (DATABASE_URL, DATABASE_SCHEMA, REDIS_URL, REDIS_PREFIX,
// PETAKOM_SECRET, ROOM_TOKEN_PERIOD_SEC, ROOM_TOKEN_GRACE_SEC); set ROOM_TOKEN_PERIOD_SEC=0 on the
// rehearsal servers so the tokens in the file do not rotate during the test.
import { createDb } from '@petakom/db';
import { ExamKeys } from '@petakom/exam-store';
import { Redis } from 'ioredis';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { RoomTokens } from '../../apps/server/src/auth/room-token.ts';
import { loadServerConfig } from '../../apps/server/src/config.ts';

export interface K6Participant {
  nip: string;
  accessCode: string;
  roomToken: string;
}

export async function writeK6Data(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      date: { type: 'string' },
      campaign: { type: 'string' },
      out: { type: 'string', default: 'loadtests/k6/data/participants.json' },
    },
  });
  if (!values.date) throw new Error('k6-data needs --date YYYY-MM-DD');
  const config = loadServerConfig(process.env);
  const db = createDb(config.DATABASE_URL, { schema: config.DATABASE_SCHEMA });
  const redis = new Redis(config.REDIS_URL);
  try {
    const keys = new ExamKeys({ prefix: config.REDIS_PREFIX, shards: config.ANSWER_LOG_SHARDS });
    const tokens = new RoomTokens(redis, (id) => keys.session(id), {
      secret: config.PETAKOM_SECRET,
      periodMs: config.ROOM_TOKEN_PERIOD_SEC * 1000,
      graceMs: config.ROOM_TOKEN_GRACE_SEC * 1000,
    });
    let query = db
      .selectFrom('registrations as r')
      .innerJoin('participants as p', 'p.id', 'r.participant_id')
      .innerJoin('exam_sessions as s', 's.id', 'r.session_id')
      .select(['p.nip', 'r.access_code as accessCode', 'r.session_id as sessionId'])
      .where('s.date', '=', values.date)
      .where('r.status', '=', 'registered')
      .orderBy('r.session_id')
      .orderBy('r.seat_no');
    if (values.campaign) query = query.where('r.campaign_id', '=', values.campaign);
    const rows = await query.execute();
    const now = Date.now();
    const bySession = new Map<string, string>();
    const out: K6Participant[] = [];
    for (const r of rows) {
      let token = bySession.get(r.sessionId);
      if (token === undefined) {
        token = (await tokens.state(r.sessionId, now)).current;
        bySession.set(r.sessionId, token);
      }
      out.push({ nip: r.nip, accessCode: r.accessCode, roomToken: token });
    }
    writeFileSync(values.out, `${JSON.stringify(out)}\n`);
    console.log(`${out.length} participants in ${bySession.size} sessions written to ${values.out}`);
  } finally {
    await db.destroy();
    redis.disconnect();
  }
}
