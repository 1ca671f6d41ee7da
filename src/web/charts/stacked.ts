/** One named series of a stacked chart: its value in each category, in category order. */
export interface StackedSeries {
  key: string;
  values: number[];
  /** Which of the chart colours it takes: its place in the fixed order, so it is the same on every chart. */
  colour: number;
}

/** Counts per category and series, arranged for drawing stacked bars and a legend. */
export interface Stacked {
  /** Categories in ascending order (ISO days sort as dates). */
  categories: string[];
  /** Series in legend order, bottom of the stack first. */
  series: StackedSeries[];
  /** The sum of every series in each category. */
  totals: number[];
}

/**
 * Turns `{ category: { series: count } }` (the shape of an event's timeline and of the dashboard's
 * flagged volume) into stacked series. Series named in `order` come first, in that order, so the
 * same label keeps the same place and colour on every chart whichever others are present; the rest
 * follow alphabetically, coloured after them.
 */
export function stackCounts(
  byCategory: Readonly<Record<string, Readonly<Record<string, number>>>>,
  order: readonly string[] = [],
): Stacked {
  const categories = Object.keys(byCategory).sort();
  const rank = (key: string) => {
    const i = order.indexOf(key);
    return i === -1 ? order.length : i;
  };
  const keys = [...new Set(categories.flatMap((c) => Object.keys(byCategory[c] ?? {})))].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  let extra = order.length;
  const series = keys.map((key) => ({
    key,
    values: categories.map((c) => byCategory[c]?.[key] ?? 0),
    colour: order.includes(key) ? order.indexOf(key) : extra++,
  }));
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  return { categories, series, totals };
}
