import { describe, expect, it } from 'vitest';
import {
  parseChannel,
  parseEnvName,
  parseEvery,
  parseFeedUrl,
  parseSince,
  parseSourceName,
} from '../../src/cli/live-source-input.js';
import { formatSeconds } from '../../src/pipeline/live-source-view.js';

describe('live source input', () => {
  it('reads --every as seconds with a floor of 30 s', () => {
    expect(parseEvery('30s')).toBe(30);
    expect(parseEvery('5m')).toBe(300);
    expect(parseEvery('1h')).toBe(3600);
    expect(() => parseEvery('29s')).toThrow('sources add: --every must be at least 30s, not "29s"');
    for (const bad of ['5', '5 minutes', '-5m', '1.5h', '1d', ''])
      expect(() => parseEvery(bad)).toThrow(/is not a duration like 30s, 5m or 1h/);
  });

  it('prints schedules the way --every takes them', () => {
    expect([30, 300, 900, 3600, 5400, 45].map(formatSeconds)).toEqual([
      '30s',
      '5m',
      '15m',
      '1h',
      '1h30m',
      '45s',
    ]);
  });

  it('takes http and https feed URLs only, without credentials', () => {
    expect(parseFeedUrl('https://news.example/feed.xml')).toBe('https://news.example/feed.xml');
    expect(parseFeedUrl('http://127.0.0.1:8080/rss')).toBe('http://127.0.0.1:8080/rss');
    expect(() => parseFeedUrl('file:///etc/passwd')).toThrow('must start with http:// or https://');
    expect(() => parseFeedUrl('javascript:alert(1)')).toThrow('must start with http:// or https://');
    expect(() => parseFeedUrl('news.example/feed')).toThrow('is not a URL');
    expect(() => parseFeedUrl('https://user:pw@news.example/feed')).toThrow(
      'must not carry a user name or password',
    );
  });

  it('takes a channel as @name or t.me/name', () => {
    expect(parseChannel('@example_chan')).toBe('@example_chan');
    expect(parseChannel('https://t.me/example_chan')).toBe('@example_chan');
    expect(parseChannel('t.me/Example_Chan/')).toBe('@Example_Chan');
    for (const bad of ['@abc', '@1channel', '@bad-name', 'https://example.org/chan', `@${'a'.repeat(33)}`])
      expect(() => parseChannel(bad)).toThrow(/is not a channel \(expected @name or t\.me\/name\)/);
  });

  it('checks variable names, source names and back-fill dates', () => {
    expect(parseEnvName('VIGIL_BOT_TOKEN', '--token-env')).toBe('VIGIL_BOT_TOKEN');
    expect(() => parseEnvName('1TOKEN', '--token-env')).toThrow(
      '--token-env "1TOKEN" is not an environment variable name',
    );
    expect(() => parseEnvName('123:abc', '--token-env')).toThrow(/not an environment variable name/);
    expect(parseSourceName('news.example')).toBe('news.example');
    expect(() => parseSourceName('two words')).toThrow(
      'sources add: --name "two words" is not a valid source name (letters, digits and . _ - @ : /, at most 100)',
    );
    expect(parseSince('2026-01-01')).toBe('2026-01-01T00:00:00.000Z');
    expect(() => parseSince('last week')).toThrow('--since "last week" is not a date (expected YYYY-MM-DD)');
  });
});

describe('remote text on a terminal', () => {
  it('replaces control characters and escape sequences, and keeps one line', async () => {
    const { terminalSafe } = await import('../../src/cli/text.js');
    expect(terminalSafe('HTTP 500 \u001b[2J\u001b]0;title\u0007 gone\nnext')).toBe(
      'HTTP 500 \uFFFD[2J\uFFFD]0;title\uFFFD gone next',
    );
    expect(terminalSafe('x'.repeat(400))).toHaveLength(301);
  });
});
