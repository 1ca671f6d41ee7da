/**
 * Scales and ticks for Vigil's charts: pure arithmetic, no DOM, so the numbers an analyst reads
 * off an axis are tested on their own.
 */

/** Maps a value of `domain` linearly onto `range` (pixels); a flat domain maps everything to its start. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/**
 * Tick values for an axis of counts, from 0 up to the first tick at or above `max`. Steps are 1, 2
 * or 5 times a power of ten and never fractional, because half an item is not a thing an analyst
 * can count; about `target` intervals, fewer when the counts are small.
 */
export function countTicks(max: number, target = 4): number[] {
  const top = Math.max(1, Math.ceil(max));
  const raw = top / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power);
  const ticks: number[] = [];
  for (let t = 0; t < top + step; t += step) {
    ticks.push(t);
    if (t >= top) break;
  }
  return ticks;
}

/** An ISO day as a tick under a bar ("03-14"); anything else (an "unknown" day) as it is. */
export const monthDay = (day: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? day.slice(5) : day);
