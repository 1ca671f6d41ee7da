import { describe, expect, it } from 'vitest';
import type { LiveSourceView } from '../../src/domain/index.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runCli, tempDb } from '../helpers/cli.js';

describe('vigil sources and vigil watch', () => {
  it('refuses bad input with one clear line and exit 1, storing nothing', async () => {
    const env = { VIGIL_DB: tempDb() };
    const cases: [string[], string][] = [
      [['sources', 'add', 'rss', 'ftp://news.example/feed'], 'the URL must start with http:// or https://'],
      [
        ['sources', 'add', 'rss', 'https://news.example/feed', '--every', '10s'],
        '--every must be at least 30s',
      ],
      [['sources', 'add', 'rss', 'news.example/feed'], '"news.example/feed" is not a URL'],
      [['sources', 'add', 'rss', 'https://news.example/feed', '--every', '15min'], '--every "15min" is not'],
      [['sources', 'add', 'rss', 'https://news.example/feed', '--name', 'two words'], '--name "two words"'],
      [['sources', 'add', 'telegram', 'not a channel'], 'is not a channel'],
      [['sources', 'add', 'telegram', '@example_chan', '--since', 'yesterday'], '--since "yesterday"'],
      [['sources', 'add', 'telegram-bot', '--token-env', '12:ab'], 'is not an environment variable name'],
      [['sources', 'pause', 'missing'], 'sources pause: no source named "missing"'],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args, env);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(message)]);
    }
    expect(JSON.parse((await runCli(['sources', 'list', '--json'], env)).stdout)).toEqual([]);
  }, 120_000);

  it('adds, lists as JSON, pauses, resumes and removes sources; names stay unique', async () => {
    const env = { VIGIL_DB: tempDb() };
    expect(
      (await runCli(['sources', 'add', 'rss', 'https://news.example/feed.xml', '--every', '30m'], env)).code,
    ).toBe(0);
    expect(
      (await runCli(['sources', 'add', 'telegram', 't.me/example_chan', '--since', '2026-01-01'], env)).code,
    ).toBe(0);
    const bot = await runCli(
      ['sources', 'add', 'telegram-bot', '--token-env', 'VIGIL_TEST_UNSET_TOKEN'],
      env,
    );
    expect(bot.code).toBe(0);
    expect(bot.stderr).toContain('VIGIL_TEST_UNSET_TOKEN is not set here');
    const again = await runCli(
      ['sources', 'add', 'rss', 'https://other.example/rss', '--name', 'news.example'],
      env,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('a source named "news.example" exists');
    expect((await runCli(['sources', 'pause', 'news.example'], env)).code).toBe(0);

    const list = JSON.parse((await runCli(['sources', 'list', '--json'], env)).stdout) as LiveSourceView[];
    expect(list.map((s) => [s.kind, s.name, s.target, s.schedule, s.paused])).toEqual([
      ['telegram', '@example_chan', '@example_chan', '5m', false],
      ['rss', 'news.example', 'https://news.example/feed.xml', '30m', true],
      ['telegram-bot', 'telegram-bot', '', '1m', false],
    ]);
    expect(list[0]).toMatchObject({
      last_success: null,
      last_error: null,
      items_last_run: 0,
      items_total: 0,
      problems_last_run: [],
    });
    // The variable's name is stored and shown nowhere else; no secret ever reaches the store.
    expect(JSON.stringify(list)).not.toContain('VIGIL_TEST_UNSET_TOKEN');

    expect((await runCli(['sources', 'resume', 'news.example'], env)).code).toBe(0);
    expect((await runCli(['sources', 'remove', '@example_chan'], env)).code).toBe(0);
    const after = JSON.parse((await runCli(['sources', 'list', '--json'], env)).stdout) as LiveSourceView[];
    expect(after.map((s) => [s.name, s.paused])).toEqual([
      ['news.example', false],
      ['telegram-bot', false],
    ]);
    expect(
      JSON.parse((await runCli(['sources', 'suggestions', '--json', '--min', '2'], env)).stdout),
    ).toEqual([]);
  }, 120_000);

  it('suggests channels seen in forwards, by username or by id, and never adds them', async () => {
    const db = tempDb();
    const store = await openSqliteStore(db);
    await store.liveSources.noteForwardOrigins(
      [
        { channel: '@Origin_Chan', count: 4 },
        { channel: 'channel777', count: 3 },
        { channel: '@rare_chan', count: 1 },
      ],
      '2026-02-01T10:00:00.000Z',
    );
    await store.close();
    const json = await runCli(['sources', 'suggestions', '--json'], { VIGIL_DB: db });
    expect(JSON.parse(json.stdout)).toEqual([
      {
        channel: 'origin_chan',
        seen: 4,
        first_seen_at: '2026-02-01T10:00:00.000Z',
        last_seen_at: '2026-02-01T10:00:00.000Z',
      },
      {
        channel: 'channel777',
        seen: 3,
        first_seen_at: '2026-02-01T10:00:00.000Z',
        last_seen_at: '2026-02-01T10:00:00.000Z',
      },
    ]);
    const text = (await runCli(['sources', 'suggestions'], { VIGIL_DB: db })).stdout;
    expect(text).toContain('@origin_chan  seen 4 times');
    expect(text).toContain('add: vigil sources add telegram @origin_chan');
    expect(text).toContain('channel777 (no public username)  seen 3 times');
    expect(text).not.toContain('rare_chan');
    expect(JSON.parse((await runCli(['sources', 'list', '--json'], { VIGIL_DB: db })).stdout)).toEqual([]);
  }, 120_000);

  it('watch --once with nothing due exits 0 and says so', async () => {
    const r = await runCli(['watch', '--once', '--json'], { VIGIL_DB: tempDb() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  }, 60_000);
});
