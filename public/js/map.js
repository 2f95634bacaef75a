// Lotse – district map for the dashboard: an inline SVG of the 14 districts built from
// /static/map/districts.json, coloured by enquiries per 100,000 inhabitants, with a legend
// and a tooltip on hover and keyboard focus. No framework, no inline styles (CSP).

const SVG = 'http://www.w3.org/2000/svg';

/** Fill colours: index 0 = no enquiries, 1…5 = rising rate (ColorBrewer "Blues"). */
export const PALETTE = ['#f4f6f8', '#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];

const number = new Intl.NumberFormat('de-DE');
const decimal = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A round step (1, 2, 2.5, 3, 4 or 5 × 10^k) at least `value`. */
function niceStep(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 3, 4, 5, 10]) if (m * power >= value) return m * power;
  return 10 * power;
}

/**
 * Five equal classes with round limits over the range of the rates (from a round value
 * at or below the smallest non-zero rate up to the largest), so that districts differ
 * visibly; class 0 is "no enquiries". The report (routes/pages/reports.ts) uses the same scale.
 */
export function rateClasses(rates) {
  const positive = rates.filter((r) => r > 0);
  const max = Math.max(0, ...positive);
  const min = positive.length ? Math.min(...positive) : 0;
  let step = niceStep((max - min) / 5 || max / 5);
  let low = Math.floor(min / step) * step;
  while (low + 5 * step < max) {
    step = niceStep(step * 1.001); // the next round step
    low = Math.floor(min / step) * step;
  }
  const classOf = (rate) => (rate > 0 ? Math.min(5, Math.max(1, Math.ceil((rate - low) / step))) : 0);
  const legend = [{ index: 0, label: 'keine Anfragen' }];
  const digits = Math.min(3, String(Number(step.toFixed(10))).split('.')[1]?.length ?? 0);
  const limit = new Intl.NumberFormat('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  for (let i = 1; i <= 5; i++) {
    const top = low + i * step;
    legend.push({ index: i, label: i === 1 ? `bis ${limit.format(top)}` : `über ${limit.format(top - step)} bis ${limit.format(top)}` });
  }
  return { step, classOf, legend };
}

/** Enquiries per 100,000 inhabitants. */
export function perHundredThousand(count, population) {
  return population > 0 ? (count / population) * 100_000 : 0;
}

export function formatRate(rate) {
  return decimal.format(rate);
}

function describe(district, figure) {
  const count = figure?.count ?? 0;
  const rate = figure?.rate ?? 0;
  return `${district.name}: ${number.format(count)} ${count === 1 ? 'Anfrage' : 'Anfragen'}, ${formatRate(rate)} je 100.000 Einwohner`;
}

/**
 * Draws (first call) or recolours (later calls) the map.
 * @param {{map: HTMLElement, legend: HTMLElement, tooltip: HTMLElement}} parts
 * @param {{viewBox: string, districts: {code: string, name: string, population: number, path: string, labelX: number, labelY: number}[]}} data
 * @param {Map<string, {count: number, rate: number}>} figures by district code
 */
export function renderMap(parts, data, figures) {
  const { map, legend, tooltip } = parts;
  let svg = map.querySelector('svg');
  if (!svg) {
    svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', data.viewBox);
    svg.setAttribute('class', 'map-svg');
    svg.setAttribute('role', 'group');
    svg.setAttribute('aria-label', 'Karte der Landkreise und kreisfreien Städte Sachsen-Anhalts');
    for (const district of data.districts) {
      const path = document.createElementNS(SVG, 'path');
      path.setAttribute('d', district.path);
      path.setAttribute('class', 'map-district');
      path.setAttribute('tabindex', '0');
      path.setAttribute('role', 'img');
      path.dataset.code = district.code;
      const title = document.createElementNS(SVG, 'title');
      path.append(title);
      const show = () => showTooltip(tooltip, map, path, path.getAttribute('aria-label') ?? '');
      path.addEventListener('mouseenter', show);
      path.addEventListener('focus', show);
      path.addEventListener('mouseleave', () => hideTooltip(tooltip, path));
      path.addEventListener('blur', () => hideTooltip(tooltip, path));
      path.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') hideTooltip(tooltip, path, true);
      });
      svg.append(path);
    }
    map.append(svg);
  }

  const rates = data.districts.map((d) => figures.get(d.code)?.rate ?? 0);
  const classes = rateClasses(rates);
  for (const path of svg.querySelectorAll('path.map-district')) {
    const district = data.districts.find((d) => d.code === path.dataset.code);
    if (!district) continue;
    const figure = figures.get(district.code);
    const index = classes.classOf(figure?.rate ?? 0);
    path.setAttribute('fill', PALETTE[index]);
    path.setAttribute('data-class', String(index));
    const text = describe(district, figure);
    path.setAttribute('aria-label', text);
    const title = path.querySelector('title');
    if (title) title.textContent = text;
  }

  legend.replaceChildren();
  const heading = document.createElement('p');
  heading.className = 'map-legend-title';
  heading.textContent = 'Anfragen je 100.000 Einwohner';
  const list = document.createElement('ul');
  for (const entry of classes.legend) {
    const item = document.createElement('li');
    const swatch = document.createElementNS(SVG, 'svg');
    swatch.setAttribute('viewBox', '0 0 14 14');
    swatch.setAttribute('class', 'map-swatch');
    swatch.setAttribute('aria-hidden', 'true');
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('width', '14');
    rect.setAttribute('height', '14');
    rect.setAttribute('fill', PALETTE[entry.index]);
    rect.setAttribute('stroke', '#6b7785');
    swatch.append(rect);
    item.append(swatch, ` ${entry.label}`);
    list.append(item);
  }
  legend.append(heading, list);
}

function showTooltip(tooltip, map, path, text) {
  tooltip.textContent = text;
  tooltip.hidden = false;
  // Place the tooltip next to the district (CSSOM changes are allowed by the CSP).
  const box = path.getBoundingClientRect();
  const frame = map.getBoundingClientRect();
  tooltip.style.left = `${Math.max(0, box.left - frame.left + box.width / 2)}px`;
  tooltip.style.top = `${Math.max(0, box.top - frame.top + box.height / 2)}px`;
  path.classList.add('active');
}

function hideTooltip(tooltip, path, force = false) {
  path.classList.remove('active');
  if (force || document.activeElement !== path) tooltip.hidden = true;
}
