import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { describeListening, loadConfigOrExit, nestLogLevels, serveOverNats, useStructuredLogs } from '@app/platform';
import { ProjectorAppModule } from './projector-app.module';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit({ port: 3002 });
  if (config.mode !== 'distributed') {
    console.error('The projector app runs alone only in the distributed deployment: set NATS_URL and DATABASE_URL. For the embedded platform run `npm start`.');
    process.exit(2);
  }
  const app = await NestFactory.create(ProjectorAppModule.forRoot(config), {
    logger: nestLogLevels(config.logLevel),
    bufferLogs: true,
  });
  useStructuredLogs(app);
  app.enableShutdownHooks();
  await serveOverNats(app, config, 'projector');
  await app.listen(config.port);
  describeListening(app, 'Projector', config);
}

void bootstrap();
