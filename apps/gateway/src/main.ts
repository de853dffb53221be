import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataDirLock } from '@app/database';
import { DemoDataSeeder, setupOpenApi } from '@app/http-api';
import { configureHttp, describeListening, InProcessBroker, InProcessServer, loadConfigOrExit, nestLogLevels, useStructuredLogs } from '@app/platform';
import { GatewayModule } from './gateway.module';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit({ port: 3000 });
  // Before anything opens the embedded database: an operator command may hold it (DATA_DIR/platform.pid).
  const holder = config.databaseUrl ? null : DataDirLock.holder(config.dataDir);
  if (holder !== null) {
    console.error(`The embedded database in ${config.dataDir} is in use by process ${holder} (an operator command?): wait for it to finish.`);
    process.exit(2);
  }
  const broker = new InProcessBroker();
  const app = await NestFactory.create(GatewayModule.forRoot(config, broker), {
    logger: nestLogLevels(config.logLevel),
    bufferLogs: true,
  });
  useStructuredLogs(app);
  app.enableShutdownHooks();
  configureHttp(app);
  setupOpenApi(app);
  if (config.mode === 'embedded') {
    app.connectMicroservice({ strategy: new InProcessServer(broker) });
    await app.startAllMicroservices();
  }
  await app.listen(config.port);
  await app.get(DemoDataSeeder).seedIfEnabled();
  describeListening(app, 'Gateway', config);
}

void bootstrap();
