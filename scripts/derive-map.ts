/**
 * Derives the district map of the dashboard and the report from the BKG VG5000 district
 * boundaries in ../shared/data: projects them (conic conformal, fitted to the viewBox),
 * simplifies each ring (Douglas–Peucker on the projected points) and writes SVG path data
 * with a label point and the population (Destatis GV-ISys, 2019) per district to
 * public/map/districts.json. The population lets the map show enquiries per 100,000
 * inhabitants and the demo data spread enquiries realistically.
 *
 * Usage: npx tsx scripts/derive-map.ts [path-to-shared-data]
 * Attribution (shown next to the map): © GeoBasis-DE / BKG 2021 (Daten verändert).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { geoConicConformal, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

const root = new URL('../', import.meta.url).pathname;
const sharedData = process.argv[2] ?? join(root, '../shared/data');
const WIDTH = 400;
const HEIGHT = 520;
const TOLERANCE = 0.6; // pixels

type Props = { ags: string; name: string; type: string };
const collection = JSON.parse(
  readFileSync(join(sharedData, 'sachsen-anhalt-kreise.geojson'), 'utf8'),
) as FeatureCollection<Polygon | MultiPolygon, Props>;

// d3-geo wants exterior rings clockwise (the opposite of RFC 7946); rewind them so that a
// district is not read as "the whole globe except this district".
function signedArea(ring: Position[]): number {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x1, y1] = ring[j] as [number, number];
    const [x2, y2] = ring[i] as [number, number];
    area += x1 * y2 - x2 * y1;
  }
  return area / 2;
}
function rewind(polygon: Position[][]): Position[][] {
  return polygon.map((ring, i) => {
    const clockwise = signedArea(ring) < 0;
    const wantClockwise = i === 0;
    return clockwise === wantClockwise ? ring : [...ring].reverse();
  });
}
for (const feature of collection.features) {
  const geometry = feature.geometry;
  if (geometry.type === 'Polygon') geometry.coordinates = rewind(geometry.coordinates);
  else geometry.coordinates = geometry.coordinates.map(rewind);
}

const projection = geoConicConformal().parallels([51, 53]).rotate([-11.5, 0]).fitExtent(
  [
    [8, 8],
    [WIDTH - 8, HEIGHT - 8],
  ],
  collection,
);

type Point = [number, number];

function perpendicularDistance(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length = Math.hypot(dx, dy);
  if (length === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / length;
}

function simplify(points: Point[], tolerance: number): Point[] {
  if (points.length < 3) return points;
  let maxDistance = 0;
  let index = 0;
  const first = points[0] as Point;
  const last = points[points.length - 1] as Point;
  for (let i = 1; i < points.length - 1; i++) {
    const d = perpendicularDistance(points[i] as Point, first, last);
    if (d > maxDistance) {
      maxDistance = d;
      index = i;
    }
  }
  if (maxDistance <= tolerance) return [first, last];
  const left = simplify(points.slice(0, index + 1), tolerance);
  const right = simplify(points.slice(index), tolerance);
  return [...left.slice(0, -1), ...right];
}

function ringPath(ring: Position[]): string {
  const projected = ring.map((p) => projection([p[0] as number, p[1] as number]) as Point);
  // Split the closed ring in two halves so that simplification keeps a real polygon.
  const middle = Math.floor(projected.length / 2);
  const simplified = [
    ...simplify(projected.slice(0, middle + 1), TOLERANCE).slice(0, -1),
    ...simplify(projected.slice(middle), TOLERANCE),
  ];
  if (simplified.length < 4) return '';
  return `M${simplified.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join('L')}Z`;
}

function polygons(feature: Feature<Polygon | MultiPolygon, Props>): Position[][][] {
  return feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
}

// Population per district, summed from the municipality list (columns by header name).
const [header, ...rows] = readFileSync(join(sharedData, 'sachsen-anhalt-gemeinden.csv'), 'utf8').trim().split('\n');
const columns = (header ?? '').split(',');
const districtColumn = columns.indexOf('district_ags5');
const populationColumn = columns.indexOf('population_2019');
const population = new Map<string, number>();
for (const row of rows) {
  // Quoted official names contain commas; the numeric columns after them are unquoted.
  const cells = row.match(/("[^"]*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, '')) ?? [];
  const code = cells[districtColumn] ?? '';
  population.set(code, (population.get(code) ?? 0) + Number(cells[populationColumn] ?? 0));
}

const pathGenerator = geoPath(projection);
const districts = collection.features
  .map((feature) => {
    const d = polygons(feature)
      .flatMap((polygon) => polygon.map(ringPath))
      .filter(Boolean)
      .join('');
    const [labelX, labelY] = pathGenerator.centroid(feature);
    return {
      code: feature.properties.ags,
      name: feature.properties.name,
      kind: feature.properties.type,
      population: population.get(feature.properties.ags) ?? 0,
      path: d,
      labelX: Math.round(labelX * 10) / 10,
      labelY: Math.round(labelY * 10) / 10,
    };
  })
  .sort((a, b) => a.code.localeCompare(b.code));

const output = {
  viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
  attribution: '© GeoBasis-DE / BKG 2021 (Daten verändert)',
  source: 'BKG VG5000, Stand 01.01.2021, dl-de/by-2-0',
  populationSource: '© Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV-ISys, Gebietsstand 31.12.2020, dl-de/by-2-0 (Daten verändert)',
  districts,
};
const target = join(root, 'public/map/districts.json');
writeFileSync(target, `${JSON.stringify(output)}\n`);
const bytes = JSON.stringify(output).length;
console.log(`wrote ${target}: ${districts.length} districts, ${(bytes / 1024).toFixed(1)} KiB`);
