import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/presets/config.js';

const configFile = (yaml: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'vigil-config-')), 'vigil.config.yaml');
  writeFileSync(file, yaml);
  return file;
};

describe('vigil.config.yaml', () => {
  const withHook = configFile(
    'alerts:\n  webhooks:\n    - { name: soc, url: "https://soc.example/hook", secret_env: SOC_SECRET }\n',
  );

  it('refuses a webhook whose secret is missing when the config loads, naming the variable', () => {
    expect(() => loadConfig(withHook, {})).toThrow(
      `config ${withHook}: webhook "soc": environment variable SOC_SECRET (secret_env) is not set`,
    );
  });

  it('loads it when the secret is set, without keeping the secret in the config', () => {
    const config = loadConfig(withHook, { SOC_SECRET: 'a-secret-value' });
    expect(config.webhooks).toEqual([expect.objectContaining({ name: 'soc', secret_env: 'SOC_SECRET' })]);
    expect(JSON.stringify(config)).not.toContain('a-secret-value');
  });
});
