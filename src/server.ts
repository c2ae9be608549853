import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { openServices } from './bootstrap.js';
import { systemClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { closeDatabase, startBackgroundCheckpoints } from './db/connection.js';
import { measureLoopDelay } from './event-loop-delay.js';
import { TurnBudget } from './event-loop-turn.js';
import { createLogger } from './logger.js';
import { dictionariesFrom } from './rules/spelling/hunspell.js';
import { builtSuggestWorkerFile, WorkerSuggester } from './rules/spelling/worker-suggester.js';
import { DEMO_ARTICLE_ID, seedDemoArticle } from './seed.js';

let markListening: (logger: Logger) => void = () => {};
/** Resolves, with the server's logger, once it listens (the launcher then saves its code cache). */
export const listening = new Promise<Logger>((resolve) => {
  markListening = resolve;
});

/** Reads the configuration, opens the database and rules, and listens. Nothing else lives here. */
async function main() {
  // performance.now() counts from process start: what the static imports took, then each phase.
  const importedMs = performance.now();
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  // One budget for the requests and the commit groups: both run on this thread's event loop.
  const turn = new TurnBudget(config.EVENT_LOOP_TURN_MS);
  const { db, rules } = await openServices(config, { turn });
  const openedMs = performance.now();
  // Spelling suggestions (/v1/check, the moderator's view) on a worker thread, so that Hunspell
  // (100–700 ms a word) never holds the event loop. Without the built worker (sources run by
  // tsx), they are computed in-process, and the log says so.
  const workerFile = builtSuggestWorkerFile();
  const suggester = workerFile
    ? new WorkerSuggester(workerFile, (error) => logger.error({ err: error }, 'spelling suggestion worker failed'))
    : undefined;
  if (!suggester) logger.warn('No built suggestion worker (npm run build): spelling suggestions run on the event loop');
  const app = createApp({ db, rules, config, clock: systemClock, logger, turn, ...(suggester ? { suggester } : {}) });

  if (await seedDemoArticle(db, systemClock)) {
    logger.info({ article: DEMO_ARTICLE_ID }, `Empty database: added a demo article, see /demo/${DEMO_ARTICLE_ID}`);
  }

  const tokens = await db.selectFrom('api_tokens').select('id').limit(1).execute();
  if (tokens.length === 0) {
    logger.warn('No API token yet. Create one with: npx vigie token create --role admin --name me');
  }

  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    const cpu = process.cpuUsage();
    const startup = {
      importsMs: Math.round(importedMs),
      rulesAndDatabaseMs: Math.round(openedMs - importedMs),
      listeningMs: Math.round(performance.now()),
      // CPU time of every thread so far: unlike the wall clock, hardly changed by other processes.
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      rssMb: Math.round(process.memoryUsage().rss / 1e6),
      dictionaries: dictionariesFrom(),
    };
    logger.info({ port: info.port, host: config.HOST, rulesVersion: rules.version, startup }, 'listening');
    startBackgroundCheckpoints(db, (error) =>
      logger.error({ err: error }, 'WAL checkpoint worker failed; checkpoints run in commits again'),
    );
    markListening(logger);
  });

  /** What the server holds besides its sockets: the suggestion worker and the database. */
  const release = async () => {
    await suggester?.close();
    await closeDatabase(db);
  };

  // A port already taken (another Vigie, another service) or not ours to bind is a start-up
  // error like a bad setting: say which port, close the database, exit 1. Unhandled, it was a
  // stack trace from Node's event emitter. Only while listening starts: the message is about that.
  const listenFailed = async (error: NodeJS.ErrnoException) => {
    const where = `${config.HOST}:${config.PORT}`;
    const reason =
      error.code === 'EADDRINUSE'
        ? `port ${where} is already in use (set PORT or HOST)`
        : error.code === 'EACCES'
          ? `no permission to listen on ${where}`
          : `cannot listen on ${where}`;
    logger.fatal({ err: error }, reason);
    await release();
    process.exit(1);
  };
  server.once('error', listenFailed);
  server.once('listening', () => server.off('error', listenFailed));

  // Slow clients (slowloris) cannot hold a connection open: 10 s to send the headers, 30 s for
  // the whole request; idle keep-alive connections close after 5 s.
  if ('requestTimeout' in server) {
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    server.keepAliveTimeout = 5_000;
  }

  // Event-loop delay over the process's life, logged at shutdown, and over each reporting
  // period: anything blocking the loop (a slow rule, a synchronous query, a long GC pause) shows
  // here. The histograms cost next to nothing.
  const loopDelay = measureLoopDelay();
  const periodDelay = measureLoopDelay();
  if (config.EVENT_LOOP_REPORT_SECONDS > 0) {
    setInterval(() => {
      const memory = process.memoryUsage();
      const mb = (bytes: number) => Math.round(bytes / 1e6);
      logger.info(
        {
          eventLoop: {
            maxMs: periodDelay.maxMs(),
            p99Ms: periodDelay.p99Ms(),
            periodSeconds: config.EVENT_LOOP_REPORT_SECONDS,
            // Requests that waited for a later turn (EVENT_LOOP_TURN_MS): the server was busy.
            requestsWaited: turn.takeWaitedCount(),
          },
          memoryMb: {
            rss: mb(memory.rss),
            heapUsed: mb(memory.heapUsed),
            heapTotal: mb(memory.heapTotal),
            external: mb(memory.external + memory.arrayBuffers),
          },
        },
        'event loop',
      );
      periodDelay.reset();
    }, config.EVENT_LOOP_REPORT_SECONDS * 1000).unref();
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // Stop accepting, let in-flight requests finish, then close the database.
    server.close(async () => {
      await release();
      logger.info(
        {
          eventLoopDelayMaxMs: loopDelay.maxMs(),
          eventLoopDelayP99Ms: loopDelay.p99Ms(),
        },
        'stopped',
      );
      process.exit(0);
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
    setTimeout(() => {
      logger.error('in-flight requests did not finish within 10 s; exiting');
      process.exit(1);
    }, 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
