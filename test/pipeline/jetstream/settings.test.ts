import { describe, expect, it } from 'vitest';
import { VigilError } from '../../../src/domain/index.js';
import { decodeIds, encodeIds, idChunks, MalformedPayload } from '../../../src/pipeline/jetstream/payload.js';
import { natsSettings } from '../../../src/pipeline/jetstream/settings.js';
import { nextStage, STAGES } from '../../../src/pipeline/jetstream/topology.js';

describe('JetStream settings', () => {
  it('is off without VIGIL_NATS_URL, with defaults that work otherwise', () => {
    expect(natsSettings({})).toBeNull();
    expect(natsSettings({ VIGIL_NATS_URL: 'nats://a:4222, nats://b:4222' })).toEqual({
      servers: ['nats://a:4222', 'nats://b:4222'],
      stream: 'VIGIL',
      replicas: 1,
      maxAgeMs: 7 * 86_400_000,
      maxBytes: -1,
      maxDeliver: 5,
      ackWaitMs: 30_000,
      maxInFlight: 2000,
    });
    expect(
      natsSettings({ VIGIL_NATS_URL: 'n', VIGIL_NATS_MAX_AGE: '36h', VIGIL_NATS_REPLICAS: '3' }),
    ).toMatchObject({
      maxAgeMs: 36 * 3_600_000,
      replicas: 3,
    });
  });

  it('names the variable that is wrong', () => {
    const wrong = (env: Record<string, string>) => {
      try {
        natsSettings({ VIGIL_NATS_URL: 'nats://x', ...env });
      } catch (e) {
        expect(e).toBeInstanceOf(VigilError);
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(wrong({ VIGIL_NATS_STREAM: 'a.b' })).toMatch(/^VIGIL_NATS_STREAM:/);
    expect(wrong({ VIGIL_NATS_MAX_AGE: 'a week' })).toMatch(/^VIGIL_NATS_MAX_AGE: a duration/);
    expect(wrong({ VIGIL_NATS_MAX_DELIVER: '0' })).toMatch(/^VIGIL_NATS_MAX_DELIVER:/);
    expect(wrong({ VIGIL_NATS_ACK_WAIT: '10' })).toMatch(/^VIGIL_NATS_ACK_WAIT:/);
  });
});

describe('work payloads', () => {
  it('carry item ids only, and refuse anything else without echoing it', () => {
    expect(decodeIds(encodeIds([3, 1, 2]))).toEqual([3, 1, 2]);
    const refuse = (text: string) => () => decodeIds(new TextEncoder().encode(text));
    expect(refuse('secret text')).toThrow(MalformedPayload);
    expect(refuse('secret text')).toThrow('payload is not JSON (11 bytes)');
    expect(refuse('{"ids":[]}')).toThrow(MalformedPayload);
    expect(refuse('{"ids":[1.5]}')).toThrow(MalformedPayload);
    expect(refuse('{"ids":[-1]}')).toThrow(MalformedPayload);
    expect(refuse('null')).toThrow(MalformedPayload);
    expect(refuse('{"ids":"secret"}')).not.toThrow(/secret/);
  });

  it('are chunked to bounded messages', () => {
    const ids = Array.from({ length: 250 }, (_, i) => i + 1);
    expect([...idChunks(ids)].map((c) => c.length)).toEqual([100, 100, 50]);
  });

  it('flow through the stages in order, ending after alerts', () => {
    expect(STAGES.map(nextStage)).toEqual(['match', 'events', 'alerts', null]);
  });
});
