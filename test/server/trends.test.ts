import t from 'tap';
import { CALLERS, DISTRICT_CODES, TOPIC_IDS, type Caller, type DistrictCode, type TopicId } from '../../src/domain/ids.js';
import { addDays, bucketStart, localDayOf } from '../../src/domain/berlin-time.js';
import { json, signIn } from '../helpers/app.js';
import { buildTrendsApp, draft, random } from '../trends/helpers.js';

interface Series {
  bucket: string;
  by: string;
  from: string;
  to: string;
  total: number;
  series: { key: string; label: string; total: number; points: { t: string; count: number }[] }[];
}
interface Problem {
  status: number;
  errors: { path: string; message: string }[];
}

async function setup(t: Parameters<typeof buildTrendsApp>[0]) {
  const ctx = await buildTrendsApp(t);
  const cookie = await signIn(ctx.app, 'lead');
  const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie } });
  return { ...ctx, cookie, get };
}

t.test('access: leads and admins only', async (t) => {
  const { app, get } = await setup(t);
  t.equal((await app.inject({ method: 'GET', url: '/api/trends' })).statusCode, 401, 'anonymous');
  const adviser = await signIn(app, 'adviser');
  t.equal((await app.inject({ method: 'GET', url: '/api/trends', headers: { cookie: adviser } })).statusCode, 403, 'adviser');
  t.equal((await app.inject({ method: 'GET', url: '/api/trends/summary', headers: { cookie: adviser } })).statusCode, 403);
  const admin = await signIn(app, 'admin');
  t.equal((await app.inject({ method: 'GET', url: '/api/trends', headers: { cookie: admin } })).statusCode, 200, 'admin');
  t.equal((await get('/api/trends')).statusCode, 200, 'lead');
  const rule = app.accessRules.find((r) => r.url === '/api/trends' && r.method === 'GET');
  t.same(rule?.access, ['lead']);
});

t.test('documented in the OpenAPI document; the socket and pages are not', async (t) => {
  const { get } = await setup(t);
  const res = await get('/api/docs/json');
  t.equal(res.statusCode, 200);
  const doc = json<{ paths: Record<string, { get?: { parameters?: { name: string }[] } }> }>(res);
  for (const path of ['/api/trends', '/api/trends/summary', '/api/reports/enquiries.csv']) t.ok(doc.paths[path], path);
  t.notOk(doc.paths['/ws/trends'], 'the WebSocket route is hidden');
  t.same(
    doc.paths['/api/trends']?.get?.parameters?.map((p) => p.name).sort(),
    ['bucket', 'by', 'caller', 'district', 'from', 'to', 'topic'],
  );
});

t.test('defaults: last twelve months in ISO weeks by topic, every bucket present, German labels', async (t) => {
  const { get, store } = await setup(t);
  // The test clock stands at 2026-11-25T09:00Z (a Wednesday).
  store.enquiries.create(draft({ at: '2026-11-25T08:00:00Z', topics: ['aufenthalt', 'sprache'] }));
  store.enquiries.create(draft({ at: '2025-11-26T10:00:00Z', topics: ['sprache'] }));
  store.enquiries.create(draft({ at: '2025-11-23T10:00:00Z', topics: ['sprache'] })); // before the range
  const res = await get('/api/trends');
  t.equal(res.statusCode, 200);
  const body = json<Series>(res);
  t.equal(body.bucket, 'week');
  t.equal(body.by, 'topic');
  t.equal(body.to, '2026-11-25');
  t.equal(body.from, '2025-11-24', 'from the Monday of the week that starts the twelve months');
  t.same(body.series.map((s) => s.key), [...TOPIC_IDS], 'every topic, in taxonomy order');
  t.equal(body.series[0]!.label, 'Aufenthalt & Arbeitserlaubnis');
  const points = body.series[0]!.points;
  t.equal(points.length, 53);
  t.equal(points[0]!.t, '2025-11-24');
  t.equal(points.at(-1)!.t, '2026-11-23');
  for (let i = 1; i < points.length; i++) t.equal(points[i]!.t, addDays(points[i - 1]!.t, 7));
  t.ok(body.series.every((s) => s.points.length === 53), 'zeros filled in every series');
  t.equal(body.total, 2, 'enquiries, not topic mentions');
  const sprache = body.series.find((s) => s.key === 'sprache')!;
  t.equal(sprache.total, 2);
  t.equal(sprache.points[0]!.count, 1);
  t.equal(sprache.points.at(-1)!.count, 1);
});

t.test('labels of districts and callers, including the empty keys', async (t) => {
  const { get, store } = await setup(t);
  store.enquiries.create(draft({ at: '2026-11-20T10:00:00Z', district: null, caller: null }));
  store.enquiries.create(draft({ at: '2026-11-20T10:00:00Z', district: '15001', caller: 'migrant' }));
  const districts = json<Series>(await get('/api/trends?by=district&bucket=month'));
  t.equal(districts.series.length, 15);
  t.same(districts.series.at(-1), { key: '', label: 'ohne Landkreis', total: 1, points: districts.series.at(-1)!.points });
  t.equal(districts.series.find((s) => s.key === '15001')?.label, 'Dessau-Roßlau');
  const callers = json<Series>(await get('/api/trends?by=caller&bucket=month'));
  t.same(
    callers.series.map((s) => s.label),
    ['Ehrenamtliche', 'Beratungsstellen', 'Behörden', 'Kommunen', 'Unternehmen', 'Zugewanderte', 'Migrantenorganisationen', 'Sonstige', 'ohne Angabe'],
  );
  t.equal(callers.series.find((s) => s.key === 'migrant')?.total, 1);
  t.equal(callers.series.find((s) => s.key === '')?.total, 1);
  const none = json<Series>(await get('/api/trends?by=caller&bucket=month&district=ohne'));
  t.equal(none.total, 1, 'district=ohne selects enquiries without a district');
  t.same(none.series.filter((s) => s.total > 0).map((s) => s.key), ['']);
});

t.test('bucket boundaries on the 2026 daylight-saving days (local days and ISO weeks)', async (t) => {
  const { get, store } = await setup(t);
  const at = [
    // Spring forward, Sunday 29 March 2026 (CET → CEST at 02:00).
    ['2026-03-28T22:30:00Z', '2026-03-28'], // Sat 23:30 CET
    ['2026-03-28T23:30:00Z', '2026-03-29'], // Sun 00:30 CET
    ['2026-03-29T21:30:00Z', '2026-03-29'], // Sun 23:30 CEST
    ['2026-03-29T22:30:00Z', '2026-03-30'], // Mon 00:30 CEST – a new ISO week, though still Sunday in UTC
    // Month end in summer time.
    ['2026-03-31T21:30:00Z', '2026-03-31'], // Tue 23:30 CEST
    ['2026-03-31T22:30:00Z', '2026-04-01'], // Wed 00:30 CEST – April, though still March in UTC
    // Fall back, Sunday 25 October 2026 (CEST → CET at 03:00).
    ['2026-10-24T21:30:00Z', '2026-10-24'], // Sat 23:30 CEST
    ['2026-10-24T22:30:00Z', '2026-10-25'], // Sun 00:30 CEST
    ['2026-10-25T22:30:00Z', '2026-10-25'], // Sun 23:30 CET
    ['2026-10-25T23:30:00Z', '2026-10-26'], // Mon 00:30 CET – a new ISO week
  ] as const;
  for (const [instant, day] of at) {
    t.equal(localDayOf(instant), day, `${instant} is ${day} in Berlin`);
    store.enquiries.create(draft({ at: instant, topics: ['aufenthalt'] }));
  }
  const days = json<Series>(await get('/api/trends?from=2026-03-28&to=2026-10-26&bucket=day&topic=aufenthalt'));
  const byDay = new Map(days.series[0]!.points.map((p) => [p.t, p.count]));
  t.same(
    ['2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31', '2026-04-01', '2026-10-24', '2026-10-25', '2026-10-26'].map((d) => byDay.get(d)),
    [1, 2, 1, 1, 1, 1, 2, 1],
  );
  t.equal(days.series[0]!.points.length, 213, 'one point per local day, the 23- and 25-hour days included');

  const weeks = json<Series>(await get('/api/trends?from=2026-03-23&to=2026-11-01&bucket=week&topic=aufenthalt'));
  const byWeek = new Map(weeks.series[0]!.points.map((p) => [p.t, p.count]));
  t.equal(byWeek.get('2026-03-23'), 3, 'Sat 23:30, Sun 00:30 and Sun 23:30 are in the week of 23 March');
  t.equal(byWeek.get('2026-03-30'), 3, 'Mon 00:30 (Sunday in UTC) starts the next week');
  t.equal(byWeek.get('2026-10-19'), 3);
  t.equal(byWeek.get('2026-10-26'), 1);

  const months = json<Series>(await get('/api/trends?from=2026-03-01&to=2026-04-30&bucket=month&topic=aufenthalt'));
  t.same(months.series[0]!.points, [
    { t: '2026-03-01', count: 4 + 1 },
    { t: '2026-04-01', count: 1 },
  ]);
});

t.test('timestamps in from/to stand for their local day; the range is inclusive', async (t) => {
  const { get, store } = await setup(t);
  store.enquiries.create(draft({ at: '2026-06-01T22:30:00Z' })); // 2 June, 00:30 CEST
  store.enquiries.create(draft({ at: '2026-06-30T21:59:00Z' })); // 30 June, 23:59 CEST
  const res = json<Series>(await get('/api/trends?from=2026-06-01T23:00:00%2B02:00&to=2026-06-30T08:00:00Z&bucket=month'));
  t.equal(res.from, '2026-06-01');
  t.equal(res.to, '2026-06-30');
  t.equal(res.total, 2);
  const utcEvening = json<Series>(await get('/api/trends?from=2026-06-01T22:00:00Z&to=2026-06-02&bucket=day'));
  t.equal(utcEvening.from, '2026-06-02', '22:00 UTC is already the next day in Berlin');
  t.equal(utcEvening.total, 1);
});

t.test('totals and series equal a direct count, with and without filters', async (t) => {
  const { get, store } = await setup(t);
  const rnd = random(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const made: { day: string; topics: TopicId[]; district: DistrictCode | null; caller: Caller | null }[] = [];
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < 400; i++) {
    const at = new Date(start + Math.floor(rnd() * 330 * 86_400_000));
    const topics = [...new Set([pick(TOPIC_IDS), ...(rnd() < 0.3 ? [pick(TOPIC_IDS)] : [])])];
    const district = rnd() < 0.15 ? null : pick(DISTRICT_CODES);
    const caller = rnd() < 0.1 ? null : pick(CALLERS);
    store.enquiries.create(draft({ at, topics, district, caller }));
    made.push({ day: localDayOf(at), topics, district, caller });
  }
  const from = '2026-02-10';
  const to = '2026-10-20';
  const inRange = made.filter((e) => e.day >= from && e.day <= to);
  const cases: { query: string; match: (e: (typeof made)[number]) => boolean }[] = [
    { query: '', match: () => true },
    { query: '&topic=sprache', match: (e) => e.topics.includes('sprache') },
    { query: '&district=15003', match: (e) => e.district === '15003' },
    { query: '&caller=beratung', match: (e) => e.caller === 'beratung' },
    { query: '&topic=aufenthalt&district=15085', match: (e) => e.topics.includes('aufenthalt') && e.district === '15085' },
    { query: '&district=15002&caller=ehrenamt', match: (e) => e.district === '15002' && e.caller === 'ehrenamt' },
    { query: '&topic=netzwerk&district=15089&caller=kommune', match: (e) => e.topics.includes('netzwerk') && e.district === '15089' && e.caller === 'kommune' },
  ];
  for (const { query, match } of cases) {
    const expected = inRange.filter(match);
    for (const by of ['topic', 'district', 'caller'] as const) {
      for (const bucket of ['day', 'week', 'month'] as const) {
        const res = await get(`/api/trends?from=${from}&to=${to}&by=${by}&bucket=${bucket}${query}`);
        t.equal(res.statusCode, 200);
        const body = json<Series>(res);
        if (by !== 'topic' || bucket !== 'week') {
          t.equal(body.total, expected.length, `total ${query || '(no filter)'} by ${by}/${bucket}`);
          continue;
        }
        t.equal(body.total, expected.length, `total ${query || '(no filter)'}`);
        // Per topic and bucket: the enquiries carrying the topic.
        for (const s of body.series) {
          for (const p of s.points) {
            const count = expected.filter((e) => e.topics.includes(s.key as TopicId) && bucketStart(e.day, 'week') === p.t).length;
            if (count !== p.count) t.fail(`${s.key} ${p.t}${query}: ${p.count} ≠ ${count}`);
          }
        }
      }
    }
    // Grouped by district, the series add up to the total (each enquiry has one district).
    const byDistrict = json<Series>(await get(`/api/trends?from=${from}&to=${to}&by=district&bucket=month${query}`));
    t.equal(byDistrict.series.reduce((a, s) => a + s.total, 0), expected.length, `district series add up ${query}`);
  }
});

t.test('cached figures are dropped as soon as an enquiry is stored or corrected', async (t) => {
  const { get, store } = await setup(t);
  const url = '/api/trends?from=2026-11-01&to=2026-11-30&bucket=month&by=district';
  const first = store.enquiries.create(draft({ at: '2026-11-20T10:00:00Z', district: '15003' }));
  t.equal(json<Series>(await get(url)).total, 1);
  t.equal(json<Series>(await get(url)).total, 1, 'cached');
  store.enquiries.create(draft({ at: '2026-11-21T10:00:00Z', district: '15003' }));
  const after = json<Series>(await get(url));
  t.equal(after.total, 2, 'a new enquiry shows at once');
  store.enquiries.update(first.id, { district: '15001' }, null);
  const moved = json<Series>(await get(url));
  t.equal(moved.series.find((s) => s.key === '15003')?.total, 1, 'a correction too');
  t.equal(moved.series.find((s) => s.key === '15001')?.total, 1);
  const summary = json<{ districts: { key: string; count: number }[] }>(await get('/api/trends/summary'));
  t.equal(summary.districts.find((d) => d.key === '15001')?.count, 1);
});

t.test('validation errors name the field', async (t) => {
  const { get } = await setup(t);
  const cases: [string, string[]][] = [
    ['?from=gestern', ['querystring.from']],
    ['?to=2026-02-30', ['querystring.to']],
    ['?from=2026-05-02&to=2026-05-01', ['querystring.to']],
    ['?from=2027-01-01', ['querystring.from']],
    ['?from=2020-01-01&to=2026-01-01', ['querystring.from']],
    ['?bucket=year', ['querystring.bucket']],
    ['?by=channel', ['querystring.by']],
    ['?topic=wetter', ['querystring.topic']],
    ['?district=99999', ['querystring.district']],
    ['?caller=niemand', ['querystring.caller']],
    ['?limit=5', ['querystring.limit']],
  ];
  for (const [query, paths] of cases) {
    const res = await get(`/api/trends${query}`);
    t.equal(res.statusCode, 400, query);
    t.match(res.headers['content-type'], /application\/problem\+json/);
    const body = json<Problem>(res);
    t.same(body.errors.map((e) => e.path), paths, query);
    t.ok(body.errors.every((e) => e.message.length > 0));
  }
  t.equal((await get('/api/trends?from=2021-01-01&to=2025-12-31')).statusCode, 200, 'exactly five years are allowed');
  t.equal((await get('/api/trends?from=2021-01-01&to=2026-01-01')).statusCode, 400, 'a day more is not');
  t.equal((await get('/api/trends/summary?window=1y')).statusCode, 400);
});

t.test('summary: counts, previous window, change, and spikes per topic and district', async (t) => {
  const { get, store } = await setup(t);
  // Nine weeks up to the test clock's today (2026-11-25): a flat series for sprache in
  // Magdeburg, a quiet aufenthalt in Halle that jumps in the last seven days.
  const today = '2026-11-25';
  const first = addDays(today, -62);
  for (let d = 0; d < 63; d++) {
    const day = addDays(first, d);
    const noon = `${day}T11:00:00Z`;
    for (let i = 0; i < 3; i++) store.enquiries.create(draft({ at: noon, topics: ['sprache'], district: '15003' }));
    const current = d >= 56;
    const count = current ? 4 : d % 3 === 0 ? 1 : 0;
    for (let i = 0; i < count; i++) store.enquiries.create(draft({ at: noon, topics: ['aufenthalt'], district: '15002' }));
  }
  const res = await get('/api/trends/summary');
  t.equal(res.statusCode, 200);
  const body = json<{
    window: string;
    today: string;
    current: { from: string; to: string };
    previous: { from: string; to: string };
    total: { count: number; previous: number; change: number | null };
    topics: { key: string; label: string; count: number; previous: number; change: number | null; spike: boolean }[];
    districts: { key: string; label: string; count: number; previous: number; change: number | null; spike: boolean }[];
  }>(res);
  t.equal(body.window, '7d');
  t.equal(body.today, today);
  t.same(body.current, { from: '2026-11-19', to: today });
  t.same(body.previous, { from: '2026-11-12', to: '2026-11-18' });
  t.equal(body.topics.length, 13);
  t.equal(body.districts.length, 14);
  t.match(body.topics[0], { key: 'aufenthalt', label: 'Aufenthalt & Arbeitserlaubnis', count: 28, spike: true });
  t.match(
    body.topics.find((x) => x.key === 'sprache'),
    { count: 21, previous: 21, change: 0, spike: false },
    'a flat series is no spike',
  );
  t.match(body.districts.find((x) => x.key === '15002'), { label: 'Halle (Saale)', count: 28, spike: true });
  t.match(body.districts.find((x) => x.key === '15003'), { label: 'Magdeburg', spike: false });
  t.match(body.topics.find((x) => x.key === 'ehrenamt'), { count: 0, previous: 0, change: null, spike: false });
  t.equal(body.total.count, 21 + 28);

  const month = json<{ window: string; current: { from: string } }>(await get('/api/trends/summary?window=30d'));
  t.equal(month.window, '30d');
  t.equal(month.current.from, '2026-10-27');
});
