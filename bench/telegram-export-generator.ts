import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/**
 * Writes a synthetic Telegram Desktop export of any size, streaming, with the variety real exports
 * have: plain and mixed-array text with entities, forwards, replies, edits, photos present and
 * missing, service messages, deleted senders, legacy numeric ids, Arabic and Cyrillic text, and
 * the occasional very long message. Deterministic for a given seed. Text is neutral filler.
 */
export async function writeSyntheticExport(file: string, messages: number, seed = 1): Promise<void> {
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  let rnd = seed >>> 0 || 1;
  const next = () => {
    rnd ^= rnd << 13;
    rnd ^= rnd >>> 17;
    rnd ^= rnd << 5;
    return (rnd >>> 0) / 4294967296;
  };
  const words = [
    'market',
    'town',
    'meeting',
    'news',
    'update',
    'river',
    'council',
    'weather',
    'road',
    'festival',
    'police',
    'school',
    'rain',
    'bridge',
    'station',
    'evening',
  ];
  const sentence = (n: number) =>
    Array.from({ length: n }, () => words[Math.floor(next() * words.length)]).join(' ');
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(
    '{\n "name": "Synthetic Channel",\n "type": "public_channel",\n "id": 1234567,\n "messages": [\n',
  );
  const base = 1_700_000_000;
  for (let id = 1; id <= messages; id++) {
    const t = base + id * 7;
    const roll = next();
    const msg: Record<string, unknown> = {
      id,
      type: 'message',
      date: new Date(t * 1000).toISOString().slice(0, 19),
      date_unixtime: String(t),
      from: 'Synthetic Channel',
      from_id: 'channel1234567',
    };
    if (roll < 0.02) {
      msg.type = 'service';
      msg.actor = 'Synthetic Channel';
      msg.action = 'pin_message';
      msg.text = '';
    } else if (roll < 0.3) {
      msg.text = [
        `${sentence(6)} `,
        { type: 'hashtag', text: '#update' },
        ' read more at ',
        { type: 'text_link', text: 'this page', href: 'https://example.org/p' },
        ` ${sentence(4)}`,
      ];
    } else if (roll < 0.35) {
      msg.text = 'تحديث من المدينة حول الطقس والطرق اليوم';
    } else if (roll < 0.38) {
      msg.text = 'Новости города: погода и дороги';
    } else if (roll < 0.3805) {
      msg.text = sentence(2500).slice(0, 20_000);
    } else {
      msg.text = sentence(8 + Math.floor(next() * 20));
    }
    if (roll > 0.5 && roll < 0.6) msg.forwarded_from = 'Another Channel';
    if (roll > 0.6 && roll < 0.65) msg.reply_to_message_id = Math.max(1, id - 3);
    if (roll > 0.65 && roll < 0.7) {
      msg.edited = msg.date;
      msg.edited_unixtime = String(t + 60);
    }
    if (roll > 0.7 && roll < 0.75) msg.photo = `photos/photo_${id}.jpg`;
    if (roll > 0.75 && roll < 0.77)
      msg.photo = '(File not included. Change data exporting settings to download.)';
    if (roll > 0.77 && roll < 0.78) {
      msg.from = null;
      msg.from_id = 'user99';
    }
    if (roll > 0.78 && roll < 0.79) msg.from_id = 424242;
    const json = JSON.stringify(msg, null, 1).replaceAll('\n', '\n   ');
    await write(`  ${json}${id < messages ? ',' : ''}\n`);
  }
  await write(' ]\n}\n');
  out.end();
  await once(out, 'finish');
}
