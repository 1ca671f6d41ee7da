import type { VigilConfig } from './config.js';
import type { VigilSystem } from './embedded.js';
import type { ScaledSystem } from './scaled.js';

/**
 * The preset the environment asks for: scaled when VIGIL_NATS_URL is set, embedded otherwise.
 * Each preset's modules are loaded only when it is opened: one-machine commands never load the NATS
 * client, and a command that only asks which one is wanted (`scaledRequested`) loads neither.
 */
export async function openSystem(
  config?: VigilConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<VigilSystem> {
  const { natsSettings } = await import('../pipeline/jetstream/settings.js');
  const nats = natsSettings(env);
  config ??= (await import('./config.js')).loadConfig();
  if (nats === null) {
    const { openEmbedded } = await import('./embedded.js');
    return openEmbedded(config);
  }
  const { openScaled } = await import('./scaled.js');
  return openScaled(config, nats);
}

/**
 * Whether the environment asks for the scaled preset, without opening it: a command that works
 * alone under the embedded one (`vigil ingest`) then loads neither preset (the embedded preset's
 * modules, the detector's among them, take about 1 s to load), nor the configuration's and the
 * NATS settings' parsers (zod, yaml: about 0.1 s of the CLI's start) unless NATS is named.
 */
export async function scaledRequested(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (!env.VIGIL_NATS_URL?.trim()) return false;
  const { natsSettings } = await import('../pipeline/jetstream/settings.js');
  return natsSettings(env) !== null;
}

export type { ScaledSystem };

export const isScaled = (system: VigilSystem): system is ScaledSystem => system.preset === 'scaled';
