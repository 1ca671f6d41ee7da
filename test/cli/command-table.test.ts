import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/command-table.js';
import { runCli } from '../helpers/cli.js';

describe('the command table', () => {
  it('loads each command from its own file, which defines that one command with the listed summary', async () => {
    const files = readdirSync(join(import.meta.dirname, '../../src/cli/commands')).filter((f) =>
      f.endsWith('.ts'),
    );
    expect(files.sort()).toEqual(COMMANDS.map((c) => `${c.name}.ts`).sort());
    for (const c of COMMANDS) {
      const program = new Command();
      (await c.load())(program);
      expect(program.commands.map((x) => [x.name(), x.description()])).toEqual([[c.name, c.summary]]);
    }
  });

  it('lists every command in --help and shows a command help without loading the others', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const c of COMMANDS) expect(help.stdout).toContain(c.name);
    const ingest = await runCli(['help', 'ingest']);
    expect(ingest.stdout).toContain('--map <mapping>');
    const unknown = await runCli(['ingset']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'ingset'");
  });
});
