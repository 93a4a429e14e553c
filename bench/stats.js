/**
 * Small statistics and formatting helpers for the benchmark.
 */
'use strict';

/** The median of `values` (mean of the two middle values for an even count). */
function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Ordinary least-squares fit of `y = intercept + slope * x`, with the
 * coefficient of determination R² (1 = the points lie on the line).
 */
function linearFit(points) {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const { x, y } of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  const slope = sxx === 0 ? NaN : sxy / sxx;
  const intercept = my - slope * mx;
  const ssRes = points.reduce((s, { x, y }) => s + (y - (intercept + slope * x)) ** 2, 0);
  return { slope, intercept, r2: syy === 0 ? 1 : 1 - ssRes / syy };
}

/**
 * Fit of `y = a * x^k` by least squares on log-log scale: `k` is the growth
 * exponent (1 = linear, 2 = quadratic; below 1 when a fixed cost dominates
 * the small sizes).
 */
function powerFit(points) {
  const fit = linearFit(points.map(({ x, y }) => ({ x: Math.log(x), y: Math.log(y) })));
  return { exponent: fit.slope, r2: fit.r2 };
}

/** `1234.5` -> `1,235` (integers with thousands separators; `digits` decimals when asked). */
function num(value, digits = 0) {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A ratio as `1.23×`. */
function ratio(value) {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

/** A Markdown table from a header row and rows of cells; numeric-looking columns are right-aligned. */
function markdownTable(header, rows) {
  const numeric = header.map(
    (_, i) =>
      rows.length > 0 && rows.every((r) => /^[-+]?[\d,.]+(×|%| ms| KiB| MiB| B| s)?$|^n\/a$/.test(String(r[i]))),
  );
  const align = numeric.map((n) => (n ? '---:' : '---'));
  const line = (cells) => `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

module.exports = { median, linearFit, powerFit, num, ratio, markdownTable };
