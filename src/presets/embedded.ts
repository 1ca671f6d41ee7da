import { join } from 'node:path';
import type { Detector } from '../analyze/detector.js';
import { loadDefaultDetector } from '../analyze/load.js';
import { Gazetteer, readGazetteer } from '../events/gazetteer.js';
import { readSeedEvents } from '../events/seed.js';
import type { EventData } from '../pipeline/events-run.js';
import { projectRoot } from '../shared/paths.js';
import { loadConfig, type VigilConfig } from './config.js';

/**
 * The embedded preset: one process, the store VIGIL_DB names (SQLite by default), the shipped
 * detector, event data and the configuration file. Commands take what they need from here rather than choosing
 * implementations themselves; the detector is built on first use (loading its model takes time).
 */
export interface EmbeddedSystem {
  config: VigilConfig;
  detector(): Detector;
  /** The shipped gazetteer and seed events, read on first use. */
  eventData(): EventData;
}

/** The gazetteer and seed events shipped in data/. */
export function shippedEventData(): EventData {
  const root = projectRoot();
  return {
    gazetteer: new Gazetteer(readGazetteer(join(root, 'data/gazetteer.yaml'))),
    seed: readSeedEvents(join(root, 'data/events/seed.yaml')),
  };
}

export function openEmbedded(config: VigilConfig = loadConfig()): EmbeddedSystem {
  let detector: Detector | undefined;
  let events: EventData | undefined;
  return {
    config,
    detector: () => {
      detector ??= loadDefaultDetector({ thresholds: config.thresholds });
      return detector;
    },
    eventData: () => {
      events ??= shippedEventData();
      return events;
    },
  };
}
