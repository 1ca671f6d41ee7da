import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseAllowHosts } from '../../src/presets/config.js';

const configFile = (yaml: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'vigil-config-')), 'vigil.config.yaml');
  writeFileSync(file, yaml);
  return file;
};

describe('allowed hosts for live collection', () => {
  it('reads hosts, addresses and CIDR ranges, comma-separated', () => {
    expect(parseAllowHosts(' 127.0.0.1, 10.0.0.0/8,Intranet.Example ,::1', 'VIGIL_ALLOW_HOSTS')).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      'intranet.example',
      '::1',
    ]);
    expect(parseAllowHosts(undefined, 'x')).toEqual([]);
    expect(parseAllowHosts(['[::1]', 'fd00::/8'], 'allow_hosts')).toEqual(['::1', 'fd00::/8']);
  });

  it.each(['10.0.0.0/33', 'not a host', '300.1.1.1', 'http://127.0.0.1'])(
    'refuses %s naming the setting',
    (entry) => {
      expect(() => parseAllowHosts(entry, 'VIGIL_ALLOW_HOSTS')).toThrow(
        /^VIGIL_ALLOW_HOSTS: ".*" is not a host/,
      );
    },
  );

  it('joins allow_hosts from the config file with VIGIL_ALLOW_HOSTS', () => {
    const file = configFile('allow_hosts:\n  - 192.168.1.0/24\n  - feeds.intranet\n');
    expect(loadConfig(file, { VIGIL_ALLOW_HOSTS: '127.0.0.1' }).allowHosts).toEqual([
      '192.168.1.0/24',
      'feeds.intranet',
      '127.0.0.1',
    ]);
    expect(
      loadConfig(join(tmpdir(), 'no-such-vigil.yaml'), { VIGIL_ALLOW_HOSTS: '127.0.0.1' }).allowHosts,
    ).toEqual(['127.0.0.1']);
  });

  it('stops on a bad entry in the config file, naming the file and field', () => {
    const file = configFile('allow_hosts: "10.0.0.0/99"\n');
    expect(() => loadConfig(file, {})).toThrow(`config ${file}: allow_hosts: "10.0.0.0/99" is not a host`);
  });
});
