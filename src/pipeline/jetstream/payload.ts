/** A unit of work: the ids of stored items. Messages carry ids, never content. */
export interface WorkPayload {
  ids: number[];
}

/** Items per message: large enough to batch database work, small enough to redeliver cheaply. */
export const IDS_PER_MESSAGE = 100;

export class MalformedPayload extends Error {}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeIds(ids: readonly number[]): Uint8Array {
  return encoder.encode(JSON.stringify({ ids }));
}

/** Reads a payload; a message that is not `{"ids":[positive integers]}` is refused, never guessed at. */
export function decodeIds(data: Uint8Array): number[] {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(data));
  } catch {
    throw new MalformedPayload(`payload is not JSON (${data.length} bytes)`);
  }
  const ids = (value as { ids?: unknown } | null)?.ids;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => Number.isSafeInteger(id) && id > 0)) {
    throw new MalformedPayload('payload is not {"ids": [item ids]}');
  }
  return ids as number[];
}

/** Splits ids into message-sized chunks. */
export function* idChunks(ids: readonly number[], size = IDS_PER_MESSAGE): Generator<number[]> {
  for (let at = 0; at < ids.length; at += size) yield ids.slice(at, at + size);
}
