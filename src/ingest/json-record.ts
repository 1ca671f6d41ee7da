import { jsonErrorWhere } from './json-error.js';
import { repairJson } from './telegram-export/repair-json.js';
import { jsonDepth, MAX_JSON_DEPTH } from './validate-record.js';

/**
 * One JSON record (a JSONL line, an exported message) as data: refused when nested deeper than
 * MAX_JSON_DEPTH (checked before parsing), parsed, and on failure repaired (raw control
 * characters some exporters write) and parsed again. `raw` is the text that parsed. A reader that
 * has measured the nesting already (the Telegram export's splitter, while cutting the record out)
 * passes it as `depth`, sparing a second scan of the text.
 */
export function parseJsonRecord(
  text: string,
  depth = jsonDepth(text, MAX_JSON_DEPTH),
): { ok: true; value: unknown; raw: string } | { ok: false; problem: 'depth' | 'syntax'; reason: string } {
  if (depth > MAX_JSON_DEPTH)
    return { ok: false, problem: 'depth', reason: `nested deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    return { ok: true, value: JSON.parse(text), raw: text };
  } catch (first) {
    const repaired = repairJson(text);
    try {
      return { ok: true, value: JSON.parse(repaired), raw: repaired };
    } catch {
      return { ok: false, problem: 'syntax', reason: jsonErrorWhere(first) };
    }
  }
}
