import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { describeListening, loadConfigOrExit, nestLogLevels, serveOverNats, useStructuredLogs } from '@app/platform';
import { ReferralsAppModule } from './referrals-app.module';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit({ port: 3001 });
  if (config.mode !== 'distributed') {
    console.error('The referrals app runs alone only in the distributed deployment: set NATS_URL and DATABASE_URL. For the embedded platform run `npm start`.');
    process.exit(2);
  }
  const app = await NestFactory.create(ReferralsAppModule.forRoot(config), {
    logger: nestLogLevels(config.logLevel),
    bufferLogs: true,
  });
  useStructuredLogs(app);
  app.enableShutdownHooks();
  await serveOverNats(app, config, 'referrals');
  await app.listen(config.port);
  describeListening(app, 'Referrals', config);
}

void bootstrap();
