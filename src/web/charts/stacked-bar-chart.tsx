import { countTicks, linearScale } from './scale.js';
import { stackCounts } from './stacked.js';

/** What a stacked bar chart draws and how it names its parts. */
export interface StackedBarChartProps {
  /** `{ category: { series: count } }`, e.g. items per day per label. */
  data: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Series that keep a fixed place and colour, in this order; others follow alphabetically. */
  order?: readonly string[];
  /** What the chart shows, read out for the image and used as the values table's caption. */
  title: string;
  /** What the x axis is, e.g. "day posted (UTC)". */
  xLabel: string;
  /** What the y axis is, with its unit, e.g. "items per day". */
  yLabel: string;
  /** How a category is written under its bar (the table keeps it whole). */
  categoryTick?: (category: string) => string;
  /** How a series key is named in the legend, the hover text and the table. */
  seriesName?: (key: string) => string;
}

const PLOT_HEIGHT = 140;
const LEFT = 56;
const TOP = 18;
const BOTTOM = 46;
const RIGHT = 12;
const STEP = 48;
const BAR = 32;
/** The number of colours in styles.css (`.bar.series-N`); more series than this reuse them. */
const COLOURS = 8;

const readable = (key: string) => key.replaceAll('_', ' ');

/**
 * Stacked bars with a legend naming each series, labelled axes with tick values, the total above
 * each bar, the count of each piece on hover, and every value again in a table for anyone who
 * cannot read the picture. One component, so every chart in the workspace reads the same way.
 */
export function StackedBarChart({
  data,
  order = [],
  title,
  xLabel,
  yLabel,
  categoryTick = (c) => c,
  seriesName = readable,
}: StackedBarChartProps) {
  const { categories, series, totals } = stackCounts(data, order);
  if (categories.length === 0) return <p className="muted">Nothing to chart yet.</p>;
  const ticks = countTicks(Math.max(0, ...totals));
  const y = linearScale([0, ticks[ticks.length - 1] ?? 1], [TOP + PLOT_HEIGHT, TOP]);
  const width = Math.max(320, LEFT + categories.length * STEP + RIGHT);
  const height = TOP + PLOT_HEIGHT + BOTTOM;
  const barX = (i: number) => LEFT + i * STEP + (STEP - BAR) / 2;
  return (
    <figure className="chart">
      <div className="chart-scroll">
        <svg width={width} height={height} role="img" aria-label={`${title}: ${yLabel} by ${xLabel}`}>
          {ticks.map((t) => (
            <g key={t} className="tick y-tick">
              <line x1={LEFT} x2={width - RIGHT} y1={y(t)} y2={y(t)} className="grid" />
              <text x={LEFT - 6} y={y(t) + 4} textAnchor="end">
                {t}
              </text>
            </g>
          ))}
          <line x1={LEFT} y1={TOP} x2={LEFT} y2={TOP + PLOT_HEIGHT} className="axis" />
          <line x1={LEFT} y1={TOP + PLOT_HEIGHT} x2={width - RIGHT} y2={TOP + PLOT_HEIGHT} className="axis" />
          {categories.map((c, i) => {
            let base = 0;
            return (
              <g key={c}>
                {series.map((s) => {
                  const n = s.values[i] ?? 0;
                  if (n === 0) return null;
                  const bottom = y(base);
                  base += n;
                  return (
                    <rect
                      key={s.key}
                      className={`bar series-${s.colour % COLOURS}`}
                      x={barX(i)}
                      y={y(base)}
                      width={BAR}
                      height={bottom - y(base)}
                    >
                      <title>{`${c} · ${seriesName(s.key)}: ${n}`}</title>
                    </rect>
                  );
                })}
                <text className="value" x={barX(i) + BAR / 2} y={y(base) - 4} textAnchor="middle">
                  {totals[i]}
                </text>
                <text
                  className="tick x-tick"
                  x={barX(i) + BAR / 2}
                  y={TOP + PLOT_HEIGHT + 14}
                  textAnchor="middle"
                >
                  {categoryTick(c)}
                </text>
              </g>
            );
          })}
          <text
            className="axis-label y-label"
            x={14}
            y={TOP + PLOT_HEIGHT / 2}
            transform={`rotate(-90 14 ${TOP + PLOT_HEIGHT / 2})`}
            textAnchor="middle"
          >
            {yLabel}
          </text>
          <text
            className="axis-label x-label"
            x={LEFT + (width - LEFT - RIGHT) / 2}
            y={height - 8}
            textAnchor="middle"
          >
            {xLabel}
          </text>
        </svg>
      </div>
      <ul className="legend" aria-label="Legend">
        {series.map((s) => (
          <li key={s.key} data-series={s.key}>
            <svg width={10} height={10} aria-hidden="true">
              <rect className={`bar series-${s.colour % COLOURS}`} width={10} height={10} />
            </svg>{' '}
            {seriesName(s.key)}
          </li>
        ))}
      </ul>
      <details className="chart-values">
        <summary>Values as a table</summary>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              {series.map((s) => (
                <th key={s.key} scope="col">
                  {seriesName(s.key)}
                </th>
              ))}
              <th scope="col">total</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c, i) => (
              <tr key={c}>
                <th scope="row">{c}</th>
                {series.map((s) => (
                  <td key={s.key}>{s.values[i] ?? 0}</td>
                ))}
                <td>{totals[i]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
