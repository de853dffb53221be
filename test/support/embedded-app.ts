import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DemoDataSeeder, setupOpenApi } from '@app/http-api';
import { configureHttp, InProcessBroker, InProcessServer, loadPlatformConfig, useStructuredLogs } from '@app/platform';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';

/** The embedded platform as `npm start` composes it, on a data directory of the test's choosing. */
export async function startEmbeddedApp(env: NodeJS.ProcessEnv): Promise<INestApplication> {
  // Warnings and errors only unless the test asks for more, as quiet as Nest's testing logger.
  const config = loadPlatformConfig({ LOG_LEVEL: 'warn', ...env }, { port: 0 });
  const broker = new InProcessBroker();
  const moduleRef = await Test.createTestingModule({ imports: [GatewayModule.forRoot(config, broker)] }).compile();
  const app = moduleRef.createNestApplication();
  useStructuredLogs(app);
  configureHttp(app);
  setupOpenApi(app);
  if (config.mode === 'embedded') {
    app.connectMicroservice({ strategy: new InProcessServer(broker) });
    await app.startAllMicroservices();
  }
  // Listening once, on a free port: supertest then reuses the server instead of opening and closing it per request.
  await app.listen(0, '127.0.0.1');
  await app.get(DemoDataSeeder).seedIfEnabled();
  return app;
}
