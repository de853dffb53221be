import 'reflect-metadata';
import { runServiceApp } from '@app/platform';
import { ProjectionRunners, ProjectorServiceModule, ReadModelDatabaseModule } from '@app/projections';

/** The projector alone (distributed deployment): the projection runners, with health (projections included) and metrics over HTTP. */
void runServiceApp({ name: 'projector', port: 3002, imports: [ReadModelDatabaseModule.forRoot(), ProjectorServiceModule], health: [ProjectionRunners] });
