import { createApp, describeFeatures } from './app.js';
import { parseConfig, readEnvironment } from './config.js';
import { createLogger, secretValues } from './logger.js';

async function main(): Promise<void> {
  const parsed = parseConfig(readEnvironment());
  if (!parsed.ok) {
    console.error('Topup Kiosk cannot start: the configuration has problems.');
    for (const problem of parsed.problems) console.error(`  ${problem}`);
    console.error('See .env.example for every variable and its meaning.');
    process.exit(78); // EX_CONFIG
  }
  const config = parsed.config;
  const logger = createLogger({ level: config.LOG_LEVEL, secrets: secretValues(config) });

  const app = await createApp(config, logger);
  const { address } = await app.start();

  for (const feature of describeFeatures(config)) {
    logger.info({ feature: feature.name, on: feature.on }, `${feature.on ? 'on ' : 'off'}  ${feature.name}: ${feature.detail}`);
  }
  logger.info({ address }, `listening on ${address} (GET /healthz, /readyz, /metrics)`);

  let signalled = false;
  const shutdown = (signal: string) => {
    if (signalled) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    signalled = true;
    logger.info({ signal }, 'shutting down: finishing in-flight work');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 20 s: exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    app
      .stop()
      .then(() => {
        logger.info('stopped cleanly');
        logger.flush();
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`Topup Kiosk failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
