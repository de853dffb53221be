import { ProjectionHealth } from './projection-runners';

/** Flat `key → text` components for the transport's health summary: each projection's status, checkpoint and lag. */
export function projectionComponents(projections: ProjectionHealth[]): Record<string, string> {
  const components: Record<string, string> = {};
  for (const p of projections) {
    components[`projection.${p.name}`] = p.status;
    components[`projection.${p.name}.checkpoint`] = p.checkpoint ?? 'start';
    components[`projection.${p.name}.lagSeconds`] = p.lagSeconds.toFixed(3);
    if (p.failure) components[`projection.${p.name}.failure`] = p.failure;
  }
  return components;
}
