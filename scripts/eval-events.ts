/**
 * Event extraction, measured on the annotated news texts in test/events/annotated.csv (written for
 * this and kept out of tuning): precision and recall of "this text reports an incident", and, on
 * the texts found, how often place, date (for attacks) and method are right.
 *   npm run eval:events
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { extractEvents } from '../src/events/extract.js';
import { shippedEventData } from '../src/presets/embedded.js';

const rows = parse(readFileSync(join(import.meta.dirname, '../test/events/annotated.csv'), 'utf8'), {
  columns: true,
}) as Record<string, string>[];
const { gazetteer } = shippedEventData();
let tp = 0;
let fp = 0;
let fn = 0;
let placeOk = 0;
let dateOk = 0;
let dateN = 0;
let methodOk = 0;
const misses: string[] = [];
for (const r of rows) {
  const report = extractEvents(r.text ?? '', `${r.published}T12:00:00Z`, gazetteer).find(
    (m) => m.mode === 'report',
  );
  const gold = r.is_report === '1';
  if (report && gold) {
    tp++;
    if (report.place === r.place) placeOk++;
    if (report.method === (r.method || null)) methodOk++;
    if (r.date) {
      dateN++;
      if (report.date?.date === r.date) dateOk++;
    }
    if (
      report.place !== r.place ||
      (r.date && report.date?.date !== r.date) ||
      report.method !== (r.method || null)
    ) {
      misses.push(
        `${r.id}: place ${report.place}/${r.place} date ${report.date?.date}/${r.date} method ${report.method}/${r.method}`,
      );
    }
  } else if (report) {
    fp++;
    misses.push(`${r.id}: false report (${report.place}, ${report.method})`);
  } else if (gold) {
    fn++;
    misses.push(`${r.id}: missed`);
  }
}
const precision = tp / Math.max(1, tp + fp);
const recall = tp / Math.max(1, tp + fn);
console.log(
  JSON.stringify({
    eval: 'events',
    texts: rows.length,
    reports: tp + fn,
    precision: Number(precision.toFixed(3)),
    recall: Number(recall.toFixed(3)),
    f1: Number(((2 * precision * recall) / Math.max(1e-9, precision + recall)).toFixed(3)),
    place_accuracy: Number((placeOk / Math.max(1, tp)).toFixed(3)),
    date_accuracy: Number((dateOk / Math.max(1, dateN)).toFixed(3)),
    method_accuracy: Number((methodOk / Math.max(1, tp)).toFixed(3)),
  }),
);
for (const m of misses) console.error(m);
