/**
 * The Lokal lägesbild chart: reports by environment, the period beside the previous one, drawn as
 * SVG and rendered to PNG in Node (resvg, with the bundled DejaVu font: no browser, no system
 * fonts). Cells obey the same rule as the tables (domain/lagesbild/counts.ts): a "1–2" cell is a
 * short bar labelled "1–2", a "≥3" cell a dashed outline up to 3 labelled "≥3"; no bar shows more
 * than its cell does.
 */
import { Resvg } from '@resvg/resvg-js';
import { countText } from '../domain/lagesbild/analysis';
import type { ShownCount } from '../domain/lagesbild/counts';
import type { CountRow } from '../domain/lagesbild/lagesbild';
import type { Strings } from '../domain/i18n';

const FONT_FILE = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 320;
const COLORS = { current: '#1f5f8b', previous: '#a7c4d9', axis: '#444444', text: '#222222' };

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[char]};`);
}

/** The height a cell is drawn at: its value, 1.5 for "1–2", 3 for "≥3". */
function drawnValue(count: ShownCount): number {
  return count.kind === 'exact' ? count.value : count.kind === 'few' ? 1.5 : 3;
}

export function chartSvg(t: Strings, rows: readonly CountRow[], comparable: boolean): string {
  const margin = { top: 40, right: 16, bottom: 64, left: 40 };
  const plotWidth = CHART_WIDTH - margin.left - margin.right;
  const plotHeight = CHART_HEIGHT - margin.top - margin.bottom;
  const max = Math.max(3, ...rows.flatMap((row) => [drawnValue(row.current), row.previous ? drawnValue(row.previous) : 0]));
  const scale = (value: number) => (value / max) * plotHeight;
  const groupWidth = plotWidth / Math.max(rows.length, 1);
  const barWidth = Math.min(48, groupWidth / (comparable ? 3 : 2));
  const baseline = margin.top + plotHeight;
  const parts: string[] = [
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>`,
    `<text x="${margin.left}" y="22" font-size="15" font-weight="bold" fill="${COLORS.text}">${escapeXml(t.lagesbild.situation.chartTitle)}</text>`,
    `<line x1="${margin.left}" y1="${baseline}" x2="${CHART_WIDTH - margin.right}" y2="${baseline}" stroke="${COLORS.axis}"/>`,
  ];
  const bar = (x: number, count: ShownCount, color: string) => {
    const height = scale(drawnValue(count));
    const y = baseline - height;
    const outline = count.kind === 'atLeast3';
    parts.push(
      outline
        ? `<rect x="${x}" y="${y}" width="${barWidth}" height="${height}" fill="none" stroke="${color}" stroke-width="2" stroke-dasharray="4 3"/>`
        : `<rect x="${x}" y="${y}" width="${barWidth}" height="${height}" fill="${color}"/>`,
      `<text x="${x + barWidth / 2}" y="${y - 4}" font-size="11" text-anchor="middle" fill="${COLORS.text}">${escapeXml(countText(t, count))}</text>`,
    );
  };
  rows.forEach((row, index) => {
    const center = margin.left + groupWidth * index + groupWidth / 2;
    const bars = comparable && row.previous ? [row.previous, row.current] : [row.current];
    const colors = bars.length === 2 ? [COLORS.previous, COLORS.current] : [COLORS.current];
    const start = center - (bars.length * barWidth + (bars.length - 1) * 4) / 2;
    bars.forEach((count, barIndex) => bar(start + barIndex * (barWidth + 4), count, colors[barIndex]!));
    const label = (t.options.environments[row.key as keyof typeof t.options.environments] ?? row.key).split('/')[0]!;
    parts.push(`<text x="${center}" y="${baseline + 18}" font-size="11" text-anchor="middle" fill="${COLORS.text}">${escapeXml(label)}</text>`);
  });
  const legend = comparable
    ? [
        [COLORS.previous, t.lagesbild.columns.previous],
        [COLORS.current, t.lagesbild.columns.current],
      ]
    : [[COLORS.current, t.lagesbild.columns.current]];
  legend.forEach(([color, text], index) => {
    const x = margin.left + index * 180;
    const y = CHART_HEIGHT - 18;
    parts.push(`<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${color}"/>`, `<text x="${x + 18}" y="${y}" font-size="11" fill="${COLORS.text}">${escapeXml(text!)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" font-family="DejaVu Sans">${parts.join('')}</svg>`;
}

export function renderPng(svg: string): Buffer {
  const resvg = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [FONT_FILE], defaultFontFamily: 'DejaVu Sans' }, fitTo: { mode: 'width', value: CHART_WIDTH * 2 } });
  return resvg.render().asPng();
}
