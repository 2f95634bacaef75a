/**
 * Synthetic enquiries for the demo (`npm run demo`): about 5,000 over the last twelve
 * months, spread over the districts by population (cities weigh more, as most migrants
 * live there), mostly on weekdays during office hours, fewer in the summer holidays and
 * around Christmas, slowly rising over the year, with a realistic mix of topics, callers,
 * channels and outcomes, short notes in the redacted style built from fragments, and one
 * injected spike: residence questions (`aufenthalt`) from the Salzlandkreis and the
 * Burgenlandkreis in the last two weeks.
 *
 * Deterministic for a seed and a day, pure (no I/O); `seedDemo` writes through the store.
 */
import type { Caller, Channel, DistrictCode, Outcome, TopicId } from '../domain/ids.js';
import type { NewEnquiry, Redaction, Store } from '../store/index.js';
import { addDays, daysBetween, startOfLocalDay, type LocalDay } from '../trends/index.js';

export interface DemoOptions {
  /** The last day with enquiries (today); enquiries of today end at `now`. */
  now: Date;
  today: LocalDay;
  /** Population per district code (public/map/districts.json). */
  populations: Readonly<Record<string, number>>;
  /** Expected number of enquiries, spike included. Default 5,000. */
  target?: number;
  seed?: number;
}

export const DEMO_SPIKE = { topic: 'aufenthalt' as const, districts: ['15089', '15084'] as const, days: 14, extra: 70 };

/** mulberry32: small, fast, good enough for demo data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function weighted<T extends string>(random: () => number, weights: Readonly<Record<T, number>>): T {
  const entries = Object.entries(weights) as [T, number][];
  let total = 0;
  for (const [, w] of entries) total += w;
  let r = random() * total;
  for (const [key, w] of entries) {
    r -= w;
    if (r < 0) return key;
  }
  return entries[entries.length - 1]![0];
}

function poisson(random: () => number, lambda: number): number {
  // Knuth for small rates, normal approximation above.
  if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(random)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random();
  while (p > limit) {
    k += 1;
    p *= random();
  }
  return k;
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const TOPIC_WEIGHTS: Record<TopicId, number> = {
  aufenthalt: 18,
  arbeitsverwaltung: 14,
  sprache: 13,
  anerkennung: 10,
  ausbildung: 9,
  arbeitgeber: 8,
  ehrenamt: 5,
  migrantenorganisationen: 3,
  'frauen-familie': 5,
  netzwerk: 7,
  foerderung: 4,
  diskriminierung: 3,
  sonstiges: 2,
};

/** Topics that often come together with another one. */
const SECOND_TOPIC: Partial<Record<TopicId, TopicId[]>> = {
  aufenthalt: ['arbeitgeber', 'ausbildung', 'arbeitsverwaltung'],
  arbeitsverwaltung: ['sprache', 'aufenthalt'],
  sprache: ['arbeitsverwaltung', 'frauen-familie'],
  anerkennung: ['ausbildung', 'sprache'],
  ausbildung: ['aufenthalt', 'anerkennung'],
  arbeitgeber: ['aufenthalt', 'anerkennung'],
  ehrenamt: ['netzwerk', 'aufenthalt'],
  migrantenorganisationen: ['foerderung', 'netzwerk'],
  'frauen-familie': ['sprache', 'arbeitsverwaltung'],
  netzwerk: ['ehrenamt'],
  foerderung: ['migrantenorganisationen', 'netzwerk'],
  diskriminierung: ['arbeitgeber', 'netzwerk'],
};

const CALLER_WEIGHTS: Record<Caller, number> = {
  ehrenamt: 22,
  beratung: 20,
  behoerde: 9,
  kommune: 8,
  unternehmen: 9,
  migrant: 23,
  migrantenorganisation: 5,
  sonstige: 4,
};

const CHANNEL_WEIGHTS: Record<Channel, number> = { telefon: 70, email: 20, 'vor-ort': 7, sonstige: 3 };
const OUTCOME_WEIGHTS: Record<Outcome, number> = { beantwortet: 60, weiterverwiesen: 24, rueckruf: 11, offen: 5 };

const TOWNS: Record<string, string[]> = {
  '15001': ['Dessau', 'Roßlau'],
  '15002': ['Halle', 'Halle-Neustadt'],
  '15003': ['Magdeburg'],
  '15081': ['Salzwedel', 'Gardelegen', 'Klötze'],
  '15082': ['Bitterfeld-Wolfen', 'Köthen', 'Zerbst'],
  '15083': ['Haldensleben', 'Oschersleben', 'Wolmirstedt'],
  '15084': ['Naumburg', 'Weißenfels', 'Zeitz'],
  '15085': ['Wernigerode', 'Halberstadt', 'Quedlinburg'],
  '15086': ['Burg', 'Genthin'],
  '15087': ['Sangerhausen', 'Lutherstadt Eisleben', 'Hettstedt'],
  '15088': ['Merseburg', 'Leuna', 'Querfurt'],
  '15089': ['Bernburg', 'Schönebeck', 'Staßfurt', 'Aschersleben'],
  '15090': ['Stendal', 'Tangermünde', 'Havelberg'],
  '15091': ['Lutherstadt Wittenberg', 'Jessen', 'Gräfenhainichen'],
};

const WHO: Record<Caller, string[]> = {
  ehrenamt: ['Ehrenamtliche', 'Ehrenamtlicher Pate', 'Patin aus dem Willkommensverein'],
  beratung: ['Beraterin der MBE', 'Berater im Projekt', 'Kollegin der Flüchtlingsberatung'],
  behoerde: ['Sachbearbeiterin im Jobcenter', 'Mitarbeiter der Ausländerbehörde', 'Berufsberaterin der Agentur für Arbeit'],
  kommune: ['Integrationskoordinatorin des Landkreises', 'Mitarbeiter der Stadtverwaltung'],
  unternehmen: ['Inhaber eines Handwerksbetriebs', 'Personalerin eines Pflegedienstes', 'Geschäftsführer einer Spedition'],
  migrant: ['Ratsuchende', 'Ratsuchender', 'Frau [Name]', 'Herr [Name]'],
  migrantenorganisation: ['Vorstand eines Migrantenvereins', 'Vertreterin einer Migrantenorganisation'],
  sonstige: ['Anrufer', 'Lehrerin einer Berufsschule'],
};

const ASKS: Record<TopicId, string[]> = {
  aufenthalt: [
    'fragt, ob mit Duldung eine Beschäftigungserlaubnis möglich ist',
    'möchte wissen, wie lange die Ausländerbehörde für die Verlängerung der Aufenthaltserlaubnis braucht',
    'fragt nach dem Chancen-Aufenthaltsrecht und den nötigen Nachweisen',
    'hat eine Fiktionsbescheinigung und fragt, ob der Arbeitgeber sie einstellen darf',
  ],
  arbeitsverwaltung: [
    'fragt, ob das Jobcenter einen Bildungsgutschein für eine Umschulung zahlt',
    'hat Probleme mit dem Bürgergeld-Bescheid und fragt nach Widerspruch',
    'möchte wissen, wer für die Arbeitsvermittlung zuständig ist, Jobcenter oder Agentur',
  ],
  sprache: [
    'sucht einen Integrationskurs mit Kinderbetreuung',
    'fragt nach einem Berufssprachkurs B2 neben der Arbeit',
    'möchte wissen, ob die Fahrtkosten zum Sprachkurs erstattet werden',
  ],
  anerkennung: [
    'fragt, wo der Berufsabschluss als Pflegefachkraft anerkannt wird',
    'möchte den Hochschulabschluss aus Syrien bewerten lassen',
    'fragt, wer die Kosten der Anerkennung übernimmt',
  ],
  ausbildung: [
    'sucht eine Ausbildung im Handwerk und fragt nach Unterstützung in der Berufsschule',
    'fragt nach einer Einstiegsqualifizierung vor der Ausbildung',
    'möchte wissen, ob während der Ausbildung BAB möglich ist',
  ],
  arbeitgeber: [
    'möchte eine Fachkraft aus dem Ausland einstellen und fragt nach dem beschleunigten Verfahren',
    'fragt, welche Unterlagen für die Zustimmung der Bundesagentur nötig sind',
    'sucht Unterstützung bei der Einarbeitung von Beschäftigten mit wenig Deutsch',
  ],
  ehrenamt: [
    'fragt nach Schulungen für Sprachpaten',
    'möchte wissen, wie weit die Begleitung zu Behördenterminen gehen darf',
    'sucht Austausch mit anderen Ehrenamtlichen in der Region',
  ],
  migrantenorganisationen: [
    'möchte den Verein in das lokale Netzwerk einbringen',
    'fragt nach Unterstützung bei der Vereinsgründung',
  ],
  'frauen-familie': [
    'sucht einen Teilzeit-Sprachkurs, weil die Kinderbetreuung fehlt',
    'fragt nach Angeboten für Frauen zum beruflichen Einstieg',
    'möchte wissen, wo es einen Kita-Platz mit Unterstützung bei der Anmeldung gibt',
  ],
  netzwerk: [
    'sucht die zuständige Stelle im Landkreis',
    'fragt, wer zur Fallkonferenz eingeladen werden sollte',
    'möchte wissen, wer im Landkreis Migrationsberatung anbietet',
  ],
  foerderung: [
    'fragt nach Förderprogrammen für ein Integrationsprojekt',
    'möchte wissen, wann die nächste Antragsfrist des Landes ist',
  ],
  diskriminierung: [
    'berichtet von abwertenden Äußerungen am Arbeitsplatz und fragt nach Beratung',
    'wurde bei der Wohnungssuche abgewiesen und fragt nach einer Antidiskriminierungsstelle',
  ],
  sonstiges: ['hat eine allgemeine Frage zum Angebot der Hotline', 'fragt nach Informationsmaterial in einfacher Sprache'],
};

const CLOSINGS = [
  'Rückruf erbeten unter [Telefon].',
  'Unterlagen folgen per Mail von [E-Mail].',
  'Termin vereinbart.',
  'Infoblatt empfohlen.',
  '',
  '',
  '',
];

const REFERRALS: Record<TopicId, string[]> = {
  aufenthalt: ['Ausländerbehörde', 'Migrationsberatung für Erwachsene (MBE)', 'Flüchtlingsrat Sachsen-Anhalt'],
  arbeitsverwaltung: ['Jobcenter', 'Agentur für Arbeit'],
  sprache: ['Integrationskursträger', 'BAMF-Regionalkoordination'],
  anerkennung: ['IQ Anerkennungsberatung', 'Handwerkskammer', 'IHK FOSA'],
  ausbildung: ['Jugendmigrationsdienst', 'Handwerkskammer', 'Agentur für Arbeit'],
  arbeitgeber: ['Welcome Center Sachsen-Anhalt', 'Arbeitgeber-Service der Agentur für Arbeit'],
  ehrenamt: ['Freiwilligenagentur', 'Landesnetzwerk Migrantenorganisationen'],
  migrantenorganisationen: ['Landesnetzwerk Migrantenorganisationen'],
  'frauen-familie': ['Migrationsberatung für Erwachsene (MBE)', 'Jugendamt'],
  netzwerk: ['Integrationskoordination des Landkreises'],
  foerderung: ['Landesverwaltungsamt', 'Integrationsbeauftragte des Landes'],
  diskriminierung: ['Antidiskriminierungsstelle Sachsen-Anhalt', 'Mobile Opferberatung'],
  sonstiges: ['Migrationsberatung für Erwachsene (MBE)'],
};

const PLACEHOLDER_TYPES: Record<string, string> = { '[Telefon]': 'telefon', '[E-Mail]': 'email', '[Name]': 'name' };

function redactionsOf(text: string): Redaction[] {
  const out: Redaction[] = [];
  for (const m of text.matchAll(/\[(Telefon|E-Mail|Name)\]/g)) {
    out.push({ type: PLACEHOLDER_TYPES[m[0]]!, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Summer holidays in Sachsen-Anhalt and the days around Christmas are quieter. */
function seasonalFactor(day: LocalDay): number {
  const md = day.slice(5);
  const year = Number(day.slice(0, 4));
  const summer = year === 2025 ? ['06-28', '08-08'] : year === 2026 ? ['07-04', '08-14'] : ['07-01', '08-10'];
  if (md >= summer[0]! && md <= summer[1]!) return 0.6;
  if (md >= '12-22' || md <= '01-02') return 0.25;
  if (md >= '04-01' && md <= '04-10') return 0.85; // Easter holidays, roughly
  return 1;
}

function weekdayFactor(day: LocalDay): number {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  if (weekday === 6) return 0.04;
  if (weekday === 0) return 0.015;
  return weekday === 1 ? 1.15 : weekday === 5 ? 0.8 : 1;
}

/** Enquiry times: office hours, busier in the morning. Minutes after local midnight. */
function minuteOfDay(random: () => number): number {
  const hour = weighted(random, { '8': 10, '9': 16, '10': 16, '11': 13, '12': 7, '13': 10, '14': 11, '15': 9, '16': 5, '17': 2 });
  return Number(hour) * 60 + Math.floor(random() * 60);
}

/** The demo enquiries, oldest first (without author). */
export function generateDemoEnquiries(options: DemoOptions): Omit<NewEnquiry, 'authorId'>[] {
  const random = seededRandom(options.seed ?? 20261125);
  const target = options.target ?? 5000;
  const first = addDays(options.today, -364);
  const days = Array.from({ length: 365 }, (_, i) => addDays(first, i));
  const districtWeights: Record<string, number> = {};
  for (const [code, population] of Object.entries(options.populations)) {
    // Kreisfreie Städte (150xx below 15010) have a larger share of migrants.
    districtWeights[code] = population * (code < '15010' ? 1.7 : 1);
  }
  const districtTotal = Object.values(districtWeights).reduce((a, b) => a + b, 0);
  districtWeights[''] = districtTotal * 0.12; // no place named

  const weight = (day: LocalDay, i: number) => weekdayFactor(day) * seasonalFactor(day) * (0.9 + (0.2 * i) / days.length);
  const weights = days.map(weight);
  const scale = (target - DEMO_SPIKE.extra) / weights.reduce((a, b) => a + b, 0);
  const nowMs = options.now.getTime();
  const enquiries: Omit<NewEnquiry, 'authorId'>[] = [];

  const make = (day: LocalDay, topic: TopicId, district: string): Omit<NewEnquiry, 'authorId'> | null => {
    const at = new Date(startOfLocalDay(day) + minuteOfDay(random) * 60_000 + Math.floor(random() * 60_000));
    if (at.getTime() > nowMs) return null;
    const topics: TopicId[] = [topic];
    const seconds = SECOND_TOPIC[topic];
    if (seconds && random() < 0.25) topics.push(seconds[Math.floor(random() * seconds.length)]!);
    const caller: Caller | null = random() < 0.03 ? null : weighted(random, topic === 'arbeitgeber' ? { ...CALLER_WEIGHTS, unternehmen: 60 } : CALLER_WEIGHTS);
    const outcome = weighted(random, OUTCOME_WEIGHTS);
    const referrals = REFERRALS[topic];
    const referredTo = outcome === 'weiterverwiesen' ? referrals[Math.floor(random() * referrals.length)]! : null;
    const who = WHO[caller ?? 'sonstige'];
    const asks = ASKS[topic];
    const town = district ? (TOWNS[district] ?? ['Sachsen-Anhalt'])[Math.floor(random() * (TOWNS[district]?.length ?? 1))] : null;
    const closing = CLOSINGS[Math.floor(random() * CLOSINGS.length)]!;
    const text = [`${who[Math.floor(random() * who.length)]}${town ? ` aus ${town}` : ''} ${asks[Math.floor(random() * asks.length)]}.`, closing]
      .filter((s) => s !== '')
      .join(' ');
    return {
      text,
      redactions: redactionsOf(text),
      channel: weighted(random, CHANNEL_WEIGHTS),
      caller,
      district: district ? { code: district as DistrictCode, source: random() < 0.9 ? 'auto' : 'manual' } : null,
      topics: topics.map((id, rank) => ({ id, score: Math.round((0.92 - rank * 0.25 - random() * 0.2) * 100) / 100, source: 'auto' as const })),
      outcome,
      referredTo,
      articleUsed: null,
      callbackDate: outcome === 'rueckruf' ? addDays(day, 1 + Math.floor(random() * 3)) : null,
      suggestions: [],
      triageVersion: 'demo',
      createdAt: at,
    };
  };

  days.forEach((day, i) => {
    const count = poisson(random, weights[i]! * scale);
    for (let k = 0; k < count; k++) {
      const enquiry = make(day, weighted(random, TOPIC_WEIGHTS), weighted(random, districtWeights));
      if (enquiry) enquiries.push(enquiry);
    }
  });

  // The spike: residence questions from two districts in the last two weeks, on weekdays,
  // rising towards today (a fifth in the first week, the rest in the last seven days).
  const spikeDays = days.slice(-DEMO_SPIKE.days).filter((d) => weekdayFactor(d) >= 0.5);
  const lastWeek = spikeDays.filter((d) => d > addDays(options.today, -7));
  for (let k = 0; k < DEMO_SPIKE.extra; k++) {
    const pool = random() < 0.8 && lastWeek.length > 0 ? lastWeek : spikeDays;
    const day = pool[Math.floor(random() * pool.length)]!;
    const district = DEMO_SPIKE.districts[k % DEMO_SPIKE.districts.length]!;
    const enquiry = make(day, DEMO_SPIKE.topic, district);
    if (enquiry) enquiries.push(enquiry);
  }
  return enquiries.sort((a, b) => a.createdAt!.getTime() - b.createdAt!.getTime());
}

/** Days from the first to the last demo enquiry (for messages). */
export function demoSpan(enquiries: readonly Pick<NewEnquiry, 'createdAt'>[]): number {
  if (enquiries.length === 0) return 0;
  const first = enquiries[0]!.createdAt!.toISOString().slice(0, 10);
  const last = enquiries[enquiries.length - 1]!.createdAt!.toISOString().slice(0, 10);
  return daysBetween(first, last) + 1;
}

/**
 * Fills an empty store with the demo enquiries; a store that has enquiries already is
 * left alone (so `npm run demo` can be started again). Returns how many were written.
 */
export function seedDemo(store: Pick<Store, 'enquiries'>, options: DemoOptions & { authorId: number | null }): number {
  if (store.enquiries.count() > 0) return 0;
  const enquiries = generateDemoEnquiries(options);
  for (const enquiry of enquiries) store.enquiries.create({ ...enquiry, authorId: options.authorId });
  return enquiries.length;
}
