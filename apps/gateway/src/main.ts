import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { describeListening, InProcessBroker, InProcessServer, loadConfigOrExit, nestLogLevels } from '@app/platform';
import { GatewayModule } from './gateway.module';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit({ port: 3000 });
  const broker = new InProcessBroker();
  const app = await NestFactory.create(GatewayModule.forRoot(config, broker), { logger: nestLogLevels(config.logLevel) });
  app.enableShutdownHooks();
  if (config.mode === 'embedded') {
    app.connectMicroservice({ strategy: new InProcessServer(broker) }, { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  await app.listen(config.port);
  describeListening(app, 'Gateway', config);
}

void bootstrap();
