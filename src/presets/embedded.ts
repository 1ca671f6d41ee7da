import { join } from 'node:path';
import type { Detector } from '../analyze/detector.js';
import { loadDefaultDetector } from '../analyze/load.js';
import { Gazetteer, readGazetteer } from '../events/gazetteer.js';
import { loadGeoNamesCities } from '../events/geonames.js';
import { readSeedEvents } from '../events/seed.js';
import type { EventData } from '../pipeline/events-run.js';
import type { StageDeps } from '../pipeline/in-process-runner.js';
import type { StageRunner } from '../pipeline/stage-runner.js';
import { projectRoot } from '../shared/paths.js';
import type { Store } from '../store/store.js';
import { loadConfig, type VigilConfig } from './config.js';

/**
 * What a preset hands the CLI and the server: the configuration, the detector, event data, and a
 * runner for the stages over a store. Commands take what they need from here rather than choosing
 * implementations themselves; the detector is built on first use (loading its model takes time).
 */
export interface VigilSystem {
  readonly preset: 'embedded' | 'scaled';
  config: VigilConfig;
  /** The shipped detector with the configured thresholds; `{ model: false }`: its rules alone. */
  detector(options?: { model?: boolean }): Detector;
  /** The shipped gazetteer and seed events, read on first use. */
  eventData(): EventData;
  /** What each stage needs besides the store. */
  stageDeps(): StageDeps;
  /** The runner that takes what ingest stores through the stages. */
  runner(store: Store): Promise<StageRunner>;
}

/** GeoNames cities smaller than this are not recognised from the GeoNames data alone. */
const MIN_CITY_POPULATION = 15_000;

/** The gazetteer (data/gazetteer.yaml over the GeoNames cities) and seed events shipped in data/. */
export function shippedEventData(): EventData {
  const root = projectRoot();
  return {
    gazetteer: new Gazetteer(
      readGazetteer(join(root, 'data/gazetteer.yaml')),
      loadGeoNamesCities(MIN_CITY_POPULATION),
      { minPopulation: MIN_CITY_POPULATION },
    ),
    seed: readSeedEvents(join(root, 'data/events/seed.yaml')),
  };
}

/** The shared parts of both presets: configuration, detector and event data, built on first use. */
export function baseSystem(config: VigilConfig): Omit<VigilSystem, 'preset' | 'runner'> {
  const detectors = new Map<boolean, Detector>();
  let events: EventData | undefined;
  const system = {
    config,
    detector: ({ model = true }: { model?: boolean } = {}) => {
      let detector = detectors.get(model);
      if (!detector) {
        detector = loadDefaultDetector({
          thresholds: config.thresholds,
          ...(model ? {} : { modelPath: null }),
        });
        detectors.set(model, detector);
      }
      return detector;
    },
    eventData: () => {
      events ??= shippedEventData();
      return events;
    },
    stageDeps: (): StageDeps => ({
      detector: system.detector(),
      // Loaded when a run needs it: the matcher's modules (MinHash, PDQ) cost every command's start.
      loadMatcher: async (banks) => (await import('./bank-matcher.js')).loadBankMatcher(banks),
      eventData: system.eventData(),
      rules: config.rules,
      webhooks: config.webhooks,
    }),
  };
  return system;
}

/**
 * The embedded preset: one process, the store VIGIL_DB names (SQLite by default), every stage run
 * in order in this process.
 */
export function openEmbedded(config: VigilConfig = loadConfig()): VigilSystem {
  const base = baseSystem(config);
  return {
    ...base,
    preset: 'embedded',
    // The stages' modules (image decoding among them) load only for a command that runs them.
    runner: async (store) =>
      (await import('../pipeline/in-process-runner.js')).inProcessRunner(store, base.stageDeps()),
  };
}
