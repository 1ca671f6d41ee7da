import { Api } from 'telegram';
import { describe, expect, it } from 'vitest';
import { type GramjsCalls, gramjsClient } from '../../../../src/ingest/live/telegram/mtproto-client.js';
import { big, channel, post } from './mtproto-fixtures.js';

/** A GramJS client that records the requests the port makes, answering as Telegram would. */
function recordingGramjs(entity: unknown) {
  const requests: Api.messages.GetHistory[] = [];
  let destroyed = false;
  const calls: GramjsCalls = {
    getEntity: async () => entity,
    invoke: async (request) => {
      requests.push(request);
      return new Api.messages.ChannelMessages({
        pts: 1,
        count: 1,
        messages: [post(1001, 5, 'five')],
        chats: [entity as Api.Channel],
        topics: [],
        users: [],
      });
    },
    downloadMedia: async () => Buffer.from([1, 2]),
    destroy: async () => {
      destroyed = true;
    },
  };
  return { calls, requests, destroyed: () => destroyed };
}

describe('the MTProto port over GramJS', () => {
  const example = channel(1001, 'Example Channel', 'example_channel');

  it('asks for the page after the last stored id, oldest first (offset past it, negative add_offset)', async () => {
    const gramjs = recordingGramjs(example);
    const client = await gramjsClient(gramjs.calls);
    const page = await client.getHistory(example, { minId: 40, limit: 100 });
    expect(page.messages.map((m) => m.id)).toEqual([5]);
    expect(gramjs.requests[0]).toMatchObject({ offsetId: 41, offsetDate: 0, addOffset: -100, limit: 100 });
    expect(gramjs.requests[0]?.peer).toBe(example);
  });

  it('starts a back-fill at a date when no id is stored yet', async () => {
    const gramjs = recordingGramjs(example);
    await (await gramjsClient(gramjs.calls)).getHistory(example, {
      minId: 0,
      limit: 50,
      offsetDate: 1704103200,
    });
    expect(gramjs.requests[0]).toMatchObject({
      offsetId: 0,
      offsetDate: 1704103200,
      addOffset: -50,
      limit: 50,
    });
  });

  it('refuses a target that is a person rather than a channel, and releases the client on close', async () => {
    const person = new Api.User({ id: big(7), firstName: 'Someone' });
    const gramjs = recordingGramjs(person);
    const client = await gramjsClient(gramjs.calls);
    await expect(client.resolveChannel('@someone_person')).rejects.toThrow(
      /someone_person is not a channel or group/,
    );
    await client.close();
    expect(gramjs.destroyed()).toBe(true);
  });
});
