/**
 * Knowledge-base search benchmark.
 *
 * 1. Scale: synthetic KBs of 1,000 and 10,000 articles generated from the bundled one —
 *    paragraphs recombined from different articles, titles varied, place names and
 *    domain terms injected, a share of local (district) articles — written as Markdown
 *    files and loaded the way the server loads them. Measured: full load and index build,
 *    saving and loading the saved index, heap, and search latency p50/p99 for short
 *    queries and for whole notes (the relevance set's queries).
 * 2. Quality: on the bundled KB and the relevance set, MRR@5 / recall@5 and p99 of
 *    Lotse next to three peers: MiniSearch with default options, MiniSearch tuned without
 *    German analysis (field boosts, fuzzy 0.2, prefix), and Lunr with lunr-languages German.
 *    All peers get the same district rule (other districts' local articles left out).
 *
 *   npx tsx --expose-gc bench/kb-search.bench.ts [--sizes 1000,10000]
 *
 * Targets: 1k articles p99 ≤ 5 ms short / ≤ 20 ms notes; 10k ≤ 20 ms / ≤ 60 ms; load from
 * the saved index ≤ 1 s; MRR@5 clearly ahead of all peers.
 */
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import {
  KnowledgeBase,
  SearchIndex,
  bodyOf,
  buildCatalogue,
  evaluate,
  parseArticle,
  parseRelevanceSet,
  readKbDir,
  toIndexDoc,
  type RelevanceQuery,
  type ServedArticle,
} from '../src/kb/index.js';

import { DISTRICT_CODES } from '../src/domain/ids.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const KB_DIR = join(ROOT, 'kb-content');
const RELEVANCE = join(ROOT, 'test/fixtures/relevance/queries.jsonl');

export interface Row {
  measure: string;
  value: string;
  target: string;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const ms = (x: number): string => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** mulberry32: seeded, so the synthetic KB is the same every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rnd() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

// Places of Sachsen-Anhalt, aspects and domain terms to vary titles and bodies.
const PLACES = [
  'Halle (Saale)', 'Magdeburg', 'Dessau-Roßlau', 'Wittenberg', 'Stendal', 'Salzwedel', 'Gardelegen', 'Bitterfeld-Wolfen',
  'Köthen', 'Zerbst', 'Haldensleben', 'Oschersleben', 'Wanzleben', 'Naumburg', 'Zeitz', 'Weißenfels', 'Halberstadt',
  'Wernigerode', 'Quedlinburg', 'Blankenburg', 'Burg', 'Genthin', 'Sangerhausen', 'Eisleben', 'Hettstedt', 'Merseburg',
  'Querfurt', 'Leuna', 'Bernburg', 'Schönebeck', 'Staßfurt', 'Aschersleben', 'Tangermünde', 'Osterburg', 'Havelberg',
  'Jessen', 'Gräfenhainichen', 'Coswig', 'Zahna-Elster', 'Oebisfelde', 'Klötze', 'Arendsee', 'Wolmirstedt', 'Barleben',
  'Hohenmölsen', 'Lützen', 'Teutschenthal', 'Landsberg', 'Bad Dürrenberg', 'Thale', 'Ilsenburg', 'Oberharz am Brocken',
];
const ASPECTS = [
  'Fragen aus der Beratung', 'Häufige Fälle', 'Praxistipps', 'Ablauf und Fristen', 'Checkliste', 'Ansprechpartner vor Ort',
  'Sonderfälle', 'Erfahrungen aus der Hotline', 'Kurzüberblick', 'für Ehrenamtliche', 'für Betriebe', 'für Beratungsstellen',
];
const TERMS = [
  'Wohnsitzauflage', 'Kinderbetreuung', 'Fahrtkostenerstattung', 'Sprachmittlung', 'Dolmetscherdienst', 'Schichtarbeit',
  'Minijob', 'Probezeit', 'Ausbildungsvergütung', 'Berufsschule', 'Praktikumsvertrag', 'Mentoringprogramm', 'Lotsenprojekt',
  'Willkommensbüro', 'Nachbarschaftshilfe', 'Frauencafé', 'Elternberatung', 'Schuldnerberatung', 'Mietschulden',
  'Krankenversicherung', 'Rentenversicherung', 'Steuer-ID', 'Meldebescheinigung', 'Passbeschaffung', 'Geburtsurkunde',
  'Führerschein', 'Gesundheitszeugnis', 'Hygieneschulung', 'Gabelstaplerschein', 'Pflegehelferkurs', 'Berufsorientierung',
];

interface Block {
  heading?: string;
  text: string;
}

function blocksOf(body: string): Block[] {
  const out: Block[] = [];
  let heading: string | undefined;
  for (const chunk of body.split(/\n{2,}/)) {
    const trimmed = chunk.trim();
    if (!trimmed) continue;
    if (/^#{1,6}\s/.test(trimmed)) heading = trimmed.replace(/^#+\s*/, '');
    else if (!/\]\([^)]*\.md/.test(trimmed)) out.push(heading === undefined ? { text: trimmed } : { heading, text: trimmed });
  }
  return out;
}

/** Writes `n` synthetic articles recombined from `articles` into `dir`. */
export async function generateKb(articles: readonly ServedArticle[], n: number, dir: string, seed = 20261125): Promise<void> {
  const rnd = random(seed);
  const blocks = articles.map((a) => blocksOf(bodyOf(a)));
  for (let i = 0; i < n; i++) {
    const baseIndex = Math.floor(rnd() * articles.length);
    const base = articles[baseIndex];
    if (!base) continue;
    const place = pick(rnd, PLACES);
    const local = rnd() < 0.3;
    const districts = local ? [pick(rnd, DISTRICT_CODES)] : [];
    const title = `${base.meta.title}${rnd() < 0.5 ? ` – ${pick(rnd, ASPECTS)}` : ''}${local ? ` in ${place}` : ''}`;
    // Half from the base article, the rest from 2–4 other articles.
    const own = blocks[baseIndex] ?? [];
    const parts: Block[] = own.filter(() => rnd() < 0.5);
    const others = 2 + Math.floor(rnd() * 3);
    for (let k = 0; k < others; k++) {
      const other = blocks[Math.floor(rnd() * blocks.length)] ?? [];
      const start = Math.floor(rnd() * Math.max(1, other.length - 2));
      parts.push(...other.slice(start, start + 1 + Math.floor(rnd() * 3)));
    }
    let body = '';
    let lastHeading: string | undefined;
    for (const p of parts) {
      if (p.heading && p.heading !== lastHeading) body += `## ${p.heading}\n\n`;
      lastHeading = p.heading;
      const term = rnd() < 0.4 ? ` Stichwort: ${pick(rnd, TERMS)}.` : '';
      const where = rnd() < 0.25 ? ` In ${pick(rnd, PLACES)} gilt das ebenso.` : '';
      body += `${p.text}${term}${where}\n\n`;
    }
    const slug = `${base.slug}-${i}`;
    const folder = join(dir, base.file.split('/')[0] ?? 'sonstiges');
    await mkdir(folder, { recursive: true });
    const fm = [
      '---',
      `title: ${JSON.stringify(title)}`,
      `summary: ${JSON.stringify(base.meta.summary)}`,
      `topics: [${base.meta.topics.join(', ')}]`,
      `districts: [${districts.map((d) => `"${d}"`).join(', ')}]`,
      `keywords: [${[...base.meta.keywords, pick(rnd, TERMS)].map((k) => JSON.stringify(k)).join(', ')}]`,
      `updated: ${base.meta.updated}`,
      '---',
      '',
    ].join('\n');
    await writeFile(join(folder, `${slug}.md`), `${fm}${body || bodyOf(base)}`);
  }
}

/** Wall-clock and CPU time (ms) per call, each sorted. CPU time is what this process spent,
 * so it stays meaningful on a machine shared with other work. */
interface Timings {
  wall: number[];
  cpu: number[];
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function timeEach<T>(items: readonly T[], rounds: number, fn: (item: T) => unknown): Timings {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const item of items) {
      const c = cpuMs();
      const t = performance.now();
      fn(item);
      wall.push(performance.now() - t);
      cpu.push(cpuMs() - c);
    }
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
}

/** `wall / cpu` at quantile q. */
function both(t: Timings, q: number): string {
  return `${ms(quantile(t.wall, q))} / ${ms(quantile(t.cpu, q))} cpu`;
}

const searchLotse = (kb: KnowledgeBase) => (q: RelevanceQuery): string[] =>
  q.style === 'note'
    ? kb.suggest(q.q, { district: q.district, topics: [], limit: 5 }).map((s) => s.slug)
    : kb.search(q.q, { district: q.district, limit: 5 }).results.map((r) => r.slug);

/** Scale measurements for one size. */
async function scale(articles: readonly ServedArticle[], queries: readonly RelevanceQuery[], n: number): Promise<Row[]> {
  const rows: Row[] = [];
  const root = await mkdtemp(join(tmpdir(), `lotse-kb-bench-${n}-`));
  try {
    const dir = join(root, 'kb');
    const dataDir = join(root, 'data');
    await generateKb(articles, n, dir);
    const heap0 = heapUsed();
    let t = performance.now();
    let c = cpuMs();
    const kb = await KnowledgeBase.open({ dir });
    const build = performance.now() - t;
    const buildCpu = cpuMs() - c;
    const heap1 = heapUsed();
    rows.push({ measure: `${n}: load and build index (read, parse, analyse, index) wall / cpu`, value: `${ms(build)} / ${ms(buildCpu)} cpu`, target: '' });
    rows.push({ measure: `${n}: heap (articles + index)`, value: mib(heap1 - heap0), target: '' });

    const short = queries.filter((q) => q.style === 'short');
    const notes = queries.filter((q) => q.style === 'note');
    timeEach(queries, 1, searchLotse(kb)); // warm-up
    const shortTimes = timeEach(short, 5, (q) => kb.search(q.q, { district: q.district, limit: 10 }));
    const noteTimes = timeEach(notes, 5, (q) => kb.suggest(q.q, { district: q.district, topics: [], limit: 5 }));
    const sTarget = n <= 1000 ? '≤ 5 ms' : '≤ 20 ms';
    const nTarget = n <= 1000 ? '≤ 20 ms' : '≤ 60 ms';
    rows.push({ measure: `${n}: short query (search + snippets, limit 10) p50 wall / cpu`, value: both(shortTimes, 0.5), target: '' });
    rows.push({ measure: `${n}: short query p99 wall / cpu`, value: both(shortTimes, 0.99), target: sTarget });
    rows.push({ measure: `${n}: whole note (suggest, limit 5) p50 wall / cpu`, value: both(noteTimes, 0.5), target: '' });
    rows.push({ measure: `${n}: whole note p99 wall / cpu`, value: both(noteTimes, 0.99), target: nTarget });
    await kb.close();

    // Saved index: first start builds and saves, the next start loads.
    const first = await KnowledgeBase.open({ dir, dataDir });
    t = performance.now();
    await first.close(); // writes the pending saved index
    rows.push({ measure: `${n}: save index`, value: ms(performance.now() - t), target: '' });
    const size = (await readFile(join(dataDir, 'kb-index.json'))).length;
    gc();
    t = performance.now();
    c = cpuMs();
    const loaded = await KnowledgeBase.open({ dir, dataDir });
    const load = performance.now() - t;
    const loadCpu = cpuMs() - c;
    rows.push({ measure: `${n}: start from saved index (${mib(size)} file; stats all files) wall / cpu`, value: `${ms(load)} / ${ms(loadCpu)} cpu`, target: '≤ 1 s' });
    const same = queries.every((q) => JSON.stringify(searchLotse(loaded)(q)) === JSON.stringify(searchLotse(first)(q)));
    rows.push({ measure: `${n}: results after loading equal the built index`, value: same ? 'ja' : 'NEIN', target: 'ja' });
    await loaded.close();

    // Two-phase search (from DEFAULT_RANKING.pruneMinDocs articles on) against exhaustive scoring.
    const generated = buildCatalogue((await readKbDir(dir)).map(parseArticle));
    const index = SearchIndex.build([...generated.served.values()].map(toIndexDoc));
    if (n >= index.ranking.pruneMinDocs) {
      const pruneMinDocs = index.ranking.pruneMinDocs;
      let sameTop = 0;
      let overlap = 0;
      const exhaustiveTimes: number[] = [];
      for (const q of queries) {
        const style = q.style === 'note' ? 'note' : 'auto';
        const a = index.search(q.q, { district: q.district, limit: 5, style }).map((h) => h.slug);
        index.ranking.pruneMinDocs = Number.MAX_SAFE_INTEGER;
        const t0 = performance.now();
        const b = index.search(q.q, { district: q.district, limit: 5, style }).map((h) => h.slug);
        exhaustiveTimes.push(performance.now() - t0);
        index.ranking.pruneMinDocs = pruneMinDocs;
        if (a[0] === b[0]) sameTop++;
        overlap += b.length === 0 ? 1 : a.filter((x) => b.includes(x)).length / b.length;
      }
      exhaustiveTimes.sort((x, y) => x - y);
      rows.push({
        measure: `${n}: two-phase vs exhaustive: same first hit / top-5 overlap (exhaustive p50 / p99)`,
        value: `${((100 * sameTop) / queries.length).toFixed(1)} % / ${((100 * overlap) / queries.length).toFixed(1)} % (${ms(quantile(exhaustiveTimes, 0.5))} / ${ms(quantile(exhaustiveTimes, 0.99))})`,
        target: '',
      });
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return rows;
}

interface PeerDoc {
  id: string;
  title: string;
  summary: string;
  keywords: string;
  headings: string;
  body: string;
  districts: string[];
}

type Peer = { name: string; search: (q: RelevanceQuery) => string[] };

/** The district rule every peer gets: other districts' local articles are left out. */
function districtFilter(docs: Map<string, PeerDoc>, q: RelevanceQuery, ids: string[]): string[] {
  if (!q.district) return ids;
  return ids.filter((id) => {
    const d = docs.get(id)?.districts ?? [];
    return d.length === 0 || d.includes(q.district as string);
  });
}

function peers(articles: readonly ServedArticle[]): Peer[] {
  const docs: PeerDoc[] = articles.map((a) => {
    const d = toIndexDoc(a);
    return {
      id: d.slug,
      title: d.title,
      summary: d.summary,
      keywords: d.keywords.join(', '),
      headings: d.headings.join('\n'),
      body: d.body,
      districts: [...d.districts],
    };
  });
  const byId = new Map(docs.map((d) => [d.id, d]));
  const fields = ['title', 'summary', 'keywords', 'headings', 'body'];

  const plain = new MiniSearch<PeerDoc>({ fields });
  plain.addAll(docs);
  const tuned = new MiniSearch<PeerDoc>({
    fields,
    searchOptions: { boost: { title: 3, keywords: 2.5, summary: 1.5, headings: 1.2 }, fuzzy: 0.2, prefix: true, combineWith: 'OR' },
  });
  tuned.addAll(docs);

  // lunr-languages are UMD plugins for CommonJS.
  const require = createRequire(import.meta.url);
  (require('lunr-languages/lunr.stemmer.support') as (l: typeof lunr) => void)(lunr);
  (require('lunr-languages/lunr.de') as (l: typeof lunr) => void)(lunr);
  const lunrDe = (lunr as unknown as { de: lunr.Builder.Plugin }).de;
  const lunrIndex = lunr(function () {
    this.use(lunrDe);
    this.ref('id');
    this.field('title', { boost: 3 });
    this.field('summary', { boost: 1.5 });
    this.field('keywords', { boost: 2.5 });
    this.field('headings', { boost: 1.2 });
    this.field('body');
    for (const d of docs) this.add(d);
  });

  return [
    { name: 'MiniSearch, default options', search: (q) => districtFilter(byId, q, plain.search(q.q).map((r) => String(r.id))) },
    { name: 'MiniSearch tuned, no German analysis', search: (q) => districtFilter(byId, q, tuned.search(q.q).map((r) => String(r.id))) },
    {
      name: 'Lunr + lunr-languages (de)',
      search: (q) =>
        districtFilter(
          byId,
          q,
          lunrIndex
            .query((query) => {
              query.term(lunr.tokenizer(q.q), { presence: lunr.Query.presence.OPTIONAL });
            })
            .map((r) => r.ref),
        ),
    },
  ];
}

export async function run(sizes: readonly number[] = [1000, 10_000]): Promise<{ scale: Row[]; quality: Row[] }> {
  const queries = parseRelevanceSet(await readFile(RELEVANCE, 'utf8'));
  const sources = await readKbDir(KB_DIR);
  const catalogue = buildCatalogue(sources.map(parseArticle));
  const articles = [...catalogue.served.values()];

  // Quality on the bundled KB.
  const quality: Row[] = [];
  const kb = await KnowledgeBase.open({ dir: KB_DIR });
  const contenders: Peer[] = [{ name: `Lotse (German analysis)`, search: searchLotse(kb) }, ...peers(articles)];
  for (const c of contenders) {
    c.search(queries[0] as RelevanceQuery);
    const result = evaluate(queries, c.search);
    const times = timeEach(queries, 3, c.search);
    quality.push({
      measure: c.name,
      value:
        `MRR@5 ${result.mrr.toFixed(3)} (short ${result.byStyle.short.mrr.toFixed(3)}, note ${result.byStyle.note.mrr.toFixed(3)})  ` +
        `recall@5 ${result.recall.toFixed(3)}  p99 ${both(times, 0.99)}`,
      target: '',
    });
  }
  await kb.close();

  const scaleRows: Row[] = [];
  for (const n of sizes) scaleRows.push(...(await scale(articles, queries, n)));
  if (!(globalThis as { gc?: unknown }).gc) scaleRows.push({ measure: '(heap without --expose-gc: rough)', value: '', target: '' });
  return { scale: scaleRows, quality };
}

export function formatRows(rows: readonly Row[]): string {
  const w1 = Math.max(...rows.map((r) => r.measure.length));
  const w2 = Math.max(...rows.map((r) => r.value.length));
  return rows.map((r) => `${r.measure.padEnd(w1)}  ${r.value.padStart(w2)}  ${r.target}`.trimEnd()).join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const flag = process.argv.indexOf('--sizes');
  const sizes = flag > 0 ? (process.argv[flag + 1] ?? '').split(',').map(Number).filter((x) => x > 0) : [1000, 10_000];
  const { scale: s, quality: q } = await run(sizes);
  process.stdout.write(
    `KB search benchmark (Node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on this machine)\n\nRelevance set on the bundled KB (${(await readKbDir(KB_DIR)).length} articles)\n${formatRows(q)}\n\nScale\n${formatRows(s)}\n`,
  );
}
