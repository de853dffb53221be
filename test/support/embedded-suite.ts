import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { demoLogin } from './demo-login';
import { startEmbeddedApp } from './embedded-app';
import { embeddedPostgres, PlatformUnderTest } from './platform-under-test';

export interface EmbeddedSuite {
  /** The platform's DATA_DIR. */
  dataDir: string;
  /** The running platform (from the suite's `beforeAll` on). */
  app(): INestApplication;
  http(): ReturnType<typeof request>;
  /** Headers of a demo account, logged in once (see `demoLogin`). */
  as: ReturnType<typeof demoLogin>;
}

/**
 * A suite's own platform: a data directory of its own, the platform started before its tests on
 * `prepare`'s database (embedded by default) and stopped, with everything it made, after them.
 * Call it inside the suite's `describe`.
 */
export function useEmbeddedSuite(prefix: string, prepare: () => Promise<PlatformUnderTest> = embeddedPostgres): EmbeddedSuite {
  const dataDir = mkdtempSync(join(tmpdir(), `antitratta-${prefix}-`));
  let app: INestApplication | undefined;
  let platform: PlatformUnderTest | undefined;

  beforeAll(async () => {
    platform = await prepare();
    app = await startEmbeddedApp({ DATA_DIR: dataDir, ...platform.env });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await platform?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const running = (): INestApplication => {
    if (!app) throw new Error('The platform is not running: use it from a test or a later beforeAll');
    return app;
  };
  const http = () => request(running().getHttpServer());
  return { dataDir, app: running, http, as: demoLogin(http) };
}
