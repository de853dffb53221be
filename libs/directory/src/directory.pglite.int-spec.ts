import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { runDirectoryMigrations } from './database/directory-data-source';
import { seedDemoDirectory } from './demo/seed-demo-directory';
import { DirectoryModule } from './directory.module';
import { DirectoryService } from './directory.service';
import { DirectoryTarget, pgliteDirectoryTarget } from './testing/directory-targets';
import { describeDirectoryContract } from './testing/directory.contract';

describeDirectoryContract('PGlite (in memory)', pgliteDirectoryTarget);

describe('DirectoryModule', () => {
  let target: DirectoryTarget;

  beforeAll(async () => {
    target = await pgliteDirectoryTarget();
    await runDirectoryMigrations(target.dataSource);
  });

  afterAll(async () => target?.dispose());

  it('builds the directory over a DataSource provided from outside', async () => {
    @Module({ providers: [{ provide: DataSource, useFactory: () => target.dataSource }], exports: [DataSource] })
    class ProvidedDataSource {}
    const moduleRef = await Test.createTestingModule({ imports: [DirectoryModule.forRoot({ imports: [ProvidedDataSource] })] }).compile();
    const directory = moduleRef.get(DirectoryService);
    await seedDemoDirectory(directory);
    expect(await directory.verifyCredentials('gatekeeper.ceis.lucca', 'demo')).toMatchObject({ agency: { id: 'ceis-lucca' }, roles: ['GATEKEEPER'] });
    await moduleRef.close();
  });
});
