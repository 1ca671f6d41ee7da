import { natsSettings } from '../pipeline/jetstream/settings.js';
import { loadConfig, type VigilConfig } from './config.js';
import { openEmbedded, type VigilSystem } from './embedded.js';
import type { ScaledSystem } from './scaled.js';

/**
 * The preset the environment asks for: scaled when VIGIL_NATS_URL is set, embedded otherwise.
 * The scaled preset is loaded only then, so one-machine commands never load the NATS client.
 */
export async function openSystem(
  config: VigilConfig = loadConfig(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<VigilSystem> {
  const nats = natsSettings(env);
  if (nats === null) return openEmbedded(config);
  const { openScaled } = await import('./scaled.js');
  return openScaled(config, nats);
}

export type { ScaledSystem };

export const isScaled = (system: VigilSystem): system is ScaledSystem => system.preset === 'scaled';
