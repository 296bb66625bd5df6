// Starts one server process; closes it gracefully on SIGINT/SIGTERM or a fatal error.
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { loadServerConfig } from './config.ts';
import { createServer } from './server.ts';

let config;
try {
  config = loadServerConfig(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const log = pino({ level: config.LOG_LEVEL });
const server = await createServer(config, { logger: log });

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) log.error({ err }, 'closing after an error');
  else log.info({ signal }, 'closing');
  await server.close();
});

const url = await server.listen();
log.info({ url }, 'petakom server listening');
