import { createServer, Server } from 'node:net';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { HealthIndicatorService } from '@nestjs/terminus';
import { PlatformConfig } from '../config/platform-config';
import { TransportHealthIndicator } from './health-indicators';

/** A port nothing listens on: bound, then closed. */
async function deadPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('TransportHealthIndicator', () => {
  let client: ClientProxy | undefined;
  afterEach(async () => {
    await client?.close();
  });

  it('reports NATS down, with the reason, when no NATS server answers', async () => {
    const natsUrl = `nats://127.0.0.1:${await deadPort()}`;
    client = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [natsUrl], reconnect: false } });
    const indicator = new TransportHealthIndicator(new HealthIndicatorService(), { natsUrl } as PlatformConfig);
    const result = await indicator.check(client);
    expect(result.transport).toMatchObject({ status: 'down', kind: 'nats' });
    expect(result.transport.message).toEqual(expect.any(String));
  });

  it('reports the in-process transport up', async () => {
    const indicator = new TransportHealthIndicator(new HealthIndicatorService(), {} as PlatformConfig);
    expect(await indicator.check({} as ClientProxy)).toEqual({ transport: { status: 'up', kind: 'in-process' } });
  });
});
