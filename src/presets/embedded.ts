import type { Detector } from '../analyze/detector.js';
import { loadDefaultDetector } from '../analyze/load.js';
import { loadConfig, type VigilConfig } from './config.js';

/**
 * The embedded preset: one process, the store VIGIL_DB names (SQLite by default), the shipped
 * detector and the configuration file. Commands take what they need from here rather than choosing
 * implementations themselves; the detector is built on first use (loading its model takes time).
 */
export interface EmbeddedSystem {
  config: VigilConfig;
  detector(): Detector;
}

export function openEmbedded(config: VigilConfig = loadConfig()): EmbeddedSystem {
  let detector: Detector | undefined;
  return {
    config,
    detector: () => {
      detector ??= loadDefaultDetector({ thresholds: config.thresholds });
      return detector;
    },
  };
}
