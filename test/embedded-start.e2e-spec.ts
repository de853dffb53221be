import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EventStore } from '@app/event-store';
import { EVENT_STORE } from '@app/platform';
import { startEmbeddedApp } from './support/embedded-app';

describe('embedded platform (PGlite in DATA_DIR, in-process transport)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'antitratta-e2e-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers /health with every component up', async () => {
    const app = await startEmbeddedApp({ DATA_DIR: dataDir });
    try {
      const response = await request(app.getHttpServer()).get('/health').expect(200);
      expect(response.body.status).toBe('ok');
      expect(response.body.details).toEqual({
        database: { status: 'up', engine: 'pglite' },
        eventStore: { status: 'up', adapter: 'postgres' },
        referrals: { status: 'up', eventStore: 'up' },
        // Each projection also reports its checkpoint and lag (projection.<name>.checkpoint, .lagSeconds).
        projector: expect.objectContaining({
          status: 'up',
          database: 'up',
          eventStore: 'up',
          'projection.referral-cases': 'up',
          'projection.protocol-compliance': 'up',
        }),
        transport: { status: 'up', kind: 'in-process' },
      });
    } finally {
      await app.close();
    }
  });

  it('keeps its events across a restart on the same data directory', async () => {
    const streamId = `restart-${randomUUID()}`;
    const first = await startEmbeddedApp({ DATA_DIR: dataDir });
    await first.get<EventStore>(EVENT_STORE).appendToStream(
      streamId,
      [
        {
          id: randomUUID(),
          type: 'RestartProbeRecorded',
          schemaVersion: 1,
          data: { n: 1 },
          metadata: { correlationId: randomUUID(), causationId: null, actorUserId: null, actorAgencyId: null, occurredAt: new Date(0).toISOString() },
        },
      ],
      'no_stream',
    );
    await first.close();

    const second = await startEmbeddedApp({ DATA_DIR: dataDir });
    try {
      const events = await second.get<EventStore>(EVENT_STORE).readStream(streamId);
      expect(events.map((e) => e.type)).toEqual(['RestartProbeRecorded']);
      await request(second.getHttpServer()).get('/health').expect(200);
    } finally {
      await second.close();
    }
  });
});
