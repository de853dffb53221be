/** Tunables of the projector, from the environment (the README lists them). */
export interface ProjectorSettings {
  /** Above this lag (seconds) a projection reports down in the projector's health. */
  maxLagSeconds: number;
  batchSize: number;
  pollIntervalMs: number;
}

export function loadProjectorSettings(env: NodeJS.ProcessEnv): ProjectorSettings {
  const number = (name: string, fallback: number, min: number): number => {
    const text = env[name]?.trim();
    if (!text) return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number ≥ ${min}, got "${text}"`);
    return value;
  };
  return {
    maxLagSeconds: number('PROJECTION_MAX_LAG_SECONDS', 30, 0),
    batchSize: Math.floor(number('PROJECTION_BATCH_SIZE', 500, 1)),
    pollIntervalMs: number('PROJECTION_POLL_MS', 100, 10),
  };
}
