import { projectionStatus } from './projection-runners';
import { loadProjectorSettings } from './projector.settings';

describe('projection health', () => {
  it('is up when the runner works and the lag is within the threshold', () => {
    expect(projectionStatus({ lagSeconds: 0 }, null, 30)).toBe('up');
    expect(projectionStatus({ lagSeconds: 30 }, null, 30)).toBe('up');
  });

  it('is down when the lag exceeds the threshold or the runner is failing', () => {
    expect(projectionStatus({ lagSeconds: 30.5 }, null, 30)).toBe('down');
    expect(projectionStatus({ lagSeconds: 0 }, 'connection refused', 30)).toBe('down');
  });
});

describe('projector settings', () => {
  it('has defaults', () => {
    expect(loadProjectorSettings({})).toEqual({ maxLagSeconds: 30, batchSize: 500, pollIntervalMs: 100 });
  });

  it('reads the environment and refuses nonsense', () => {
    expect(loadProjectorSettings({ PROJECTION_MAX_LAG_SECONDS: '5', PROJECTION_BATCH_SIZE: '2000', PROJECTION_POLL_MS: '50' })).toEqual({
      maxLagSeconds: 5,
      batchSize: 2000,
      pollIntervalMs: 50,
    });
    expect(() => loadProjectorSettings({ PROJECTION_BATCH_SIZE: '0' })).toThrow(/PROJECTION_BATCH_SIZE/);
    expect(() => loadProjectorSettings({ PROJECTION_MAX_LAG_SECONDS: 'soon' })).toThrow(/PROJECTION_MAX_LAG_SECONDS/);
  });
});
