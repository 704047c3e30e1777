/**
 * Small inline-SVG charts for the report page: no script, no font file, no external reference.
 * Every chart is an `<svg role="img">` labelled by its `<title>` and `<desc>` (screen readers read
 * them; the table under each chart holds the same numbers), each bar has its own `<title>`.
 * Text is escaped; colours print well in greyscale (one dark hue, labels in black).
 */
import { escapeHtml } from '../html';

export interface Bar {
  label: string;
  value: number;
  /** Shown at the end of the bar instead of the value (e.g. "42 %"). */
  display?: string;
}

let chartSeq = 0;

/** Resets the id counter: the same figures render the same page (tests compare pages). */
export function resetChartIds(): void {
  chartSeq = 0;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1).replace('.', ','));

/** Horizontal bar chart: one row per bar, the longest bar spans the plot width. */
export function barChart(title: string, description: string, bars: readonly Bar[]): string {
  const id = `grafico-${++chartSeq}`;
  const rowHeight = 26;
  const labelWidth = 260;
  const plotWidth = 360;
  const width = labelWidth + plotWidth + 70;
  const height = Math.max(1, bars.length) * rowHeight + 12;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const rows = bars.map((b, i) => {
    const y = 6 + i * rowHeight;
    const w = max > 0 ? Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / max) * plotWidth)) : 0;
    const shown = b.display ?? fmt(b.value);
    const label = b.label.length > 38 ? `${b.label.slice(0, 37)}…` : b.label;
    return (
      `<g><title>${escapeHtml(`${b.label}: ${shown}`)}</title>` +
      `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${escapeHtml(label)}</text>` +
      `<rect x="${labelWidth}" y="${y + 3}" width="${w}" height="${rowHeight - 8}" rx="2" class="bar"/>` +
      `<text x="${labelWidth + w + 6}" y="${y + 17}">${escapeHtml(shown)}</text></g>`
    );
  });
  const empty = bars.length === 0 ? `<text x="${labelWidth}" y="22">${escapeHtml('Sem dados no período')}</text>` : '';
  return (
    `<svg role="img" class="chart" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" aria-labelledby="${id}-t ${id}-d">` +
    `<title id="${id}-t">${escapeHtml(title)}</title><desc id="${id}-d">${escapeHtml(description)}</desc>` +
    `${rows.join('')}${empty}</svg>`
  );
}
