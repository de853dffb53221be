import { Command, InvalidArgumentError } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfigOrExit } from '@app/platform';
import { measureLag } from '../engine/projection-lag';
import { DEFAULT_REBUILD_BATCH_SIZE, rebuildProjection } from '../engine/rebuild-projection';
import { createProjections, projectionNames } from '../projections.registry';
import { openOperatorContext, OperatorContext } from './operator-context';

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return value;
}

async function withContext(work: (context: OperatorContext) => Promise<void>): Promise<void> {
  const context = await openOperatorContext(loadConfigOrExit({ port: 0 }));
  try {
    await work(context);
  } finally {
    await context.close();
  }
}

/** `projections:rebuild [name]` and `projections:status`. */
export function registerProjectionCommands(program: Command): void {
  program
    .command('projections:rebuild')
    .description('Rebuild read models from the first event while the API keeps serving (all projections when no name is given)')
    .argument('[name]', `one of: ${projectionNames().join(', ')}`)
    .option('--batch-size <events>', 'events per transaction', positiveInteger, DEFAULT_REBUILD_BATCH_SIZE)
    .action(async (name: string | undefined, options: { batchSize: number }) => {
      const projections = createProjections().filter((projection) => name === undefined || projection.name === name);
      if (projections.length === 0) {
        program.error(`Unknown projection "${name}": choose one of ${projectionNames().join(', ')}`, { exitCode: 2 });
      }
      await withContext(async ({ dataSource, store }) => {
        for (const projection of projections) {
          const bar = new SingleBar(
            { format: `${projection.name.padEnd(22)} [{bar}] {value}/{total} events | {eta_formatted} left`, noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 2000 },
            Presets.shades_classic,
          );
          bar.start(1, 0);
          const result = await rebuildProjection(dataSource, store, projection, {
            batchSize: options.batchSize,
            onProgress: ({ applied, estimatedTotal }) => {
              bar.setTotal(Math.max(estimatedTotal, applied, 1));
              bar.update(applied);
            },
          });
          bar.stop();
          const rate = result.seconds > 0 ? Math.round(result.events / result.seconds) : result.events;
          console.log(`${projection.name}: rebuilt from ${result.events} events in ${result.seconds.toFixed(1)} s (${rate} events/s)`);
        }
      });
    });

  program
    .command('projections:status')
    .description("Each projection's checkpoint and lag behind the event store")
    .option('--json', 'one JSON object per projection')
    .action(async (options: { json?: boolean }) => {
      await withContext(async ({ dataSource, store }) => {
        for (const projection of createProjections()) {
          const lag = await measureLag(dataSource, store, projection);
          if (options.json) {
            console.log(JSON.stringify(lag));
            continue;
          }
          console.log(
            `${lag.name.padEnd(22)} checkpoint ${(lag.checkpoint ?? 'start').padEnd(24)} events applied ${String(lag.eventsApplied).padStart(9)}  ` +
              (lag.caughtUp ? 'caught up' : `lag ${lag.lagSeconds.toFixed(1)} s`),
          );
        }
      });
    });
}
