import { UnsupportedEvent } from './domain-error';

/** An event as the store holds it: the schema version travels beside the data, not inside it. */
export interface StoredEventShape {
  type: string;
  schemaVersion: number;
  data: unknown;
}

/** Maps the data of schema version n to version n + 1. */
export type UpcastStep = (data: never) => unknown;

/** Per event type, the step out of each old version; an event type still at version 1 needs none. */
export type UpcastSteps<Type extends string> = { readonly [T in Type]?: Readonly<Record<number, UpcastStep>> };

/**
 * Builds the hook that reads a stored event of any past schema version as the current event type,
 * by applying the steps from its version up to the current one. With no steps it is the identity.
 */
export function createUpcaster<Event extends { type: string; data: unknown }>(
  versions: Readonly<Record<Event['type'], number>>,
  steps: UpcastSteps<Event['type']> = {},
): (stored: StoredEventShape) => Event {
  return ({ type, schemaVersion, data }) => {
    if (!Object.prototype.hasOwnProperty.call(versions, type)) {
      throw new UnsupportedEvent('unknown-event-type', `Unknown event type "${type}"`, { type });
    }
    const current = versions[type as Event['type']];
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > current) {
      // A version newer than ours was written by newer code: reading it as ours would lose data.
      throw new UnsupportedEvent('unsupported-schema-version', `${type} v${schemaVersion}: this code reads up to v${current}`, {
        type,
        schemaVersion,
      });
    }
    let upcast: unknown = data;
    for (let version = schemaVersion; version < current; version++) {
      const step = steps[type as Event['type']]?.[version];
      if (!step) throw new UnsupportedEvent('missing-upcast-step', `${type}: no step from v${version} to v${version + 1}`, { type });
      upcast = (step as (data: unknown) => unknown)(upcast);
    }
    return { type, data: upcast } as Event;
  };
}

/** The stored form of a current event: its type's current schema version beside its data. */
export function toStored<Event extends { type: string; data: unknown }>(
  versions: Readonly<Record<Event['type'], number>>,
  event: Event,
): StoredEventShape {
  return { type: event.type, schemaVersion: versions[event.type as Event['type']], data: event.data };
}
