import fc from 'fast-check';
import t from 'tap';
import { csvField } from '../../src/server/routes/api/reports.js';
import { rateClasses } from '../../src/server/routes/pages/reports.js';
import { json, signIn } from '../helpers/app.js';
import { buildTrendsApp, draft } from '../trends/helpers.js';

interface Series {
  total: number;
  series: { key: string; total: number }[];
}

async function setup(t: Parameters<typeof buildTrendsApp>[0], pages = false) {
  const ctx = await buildTrendsApp(t, { pages });
  const cookie = await signIn(ctx.app, 'lead');
  const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers: { cookie, ...headers } });
  const { store } = ctx;
  // Enquiries of 2026 (the test clock stands at 2026-11-25) and one of 2025.
  store.enquiries.create(draft({ at: '2026-02-03T10:00:00Z', topics: ['aufenthalt', 'arbeitgeber'], district: '15001', caller: 'unternehmen', referredTo: 'Ausländerbehörde Dessau-Roßlau' }));
  store.enquiries.create(draft({ at: '2026-02-04T10:00:00Z', topics: ['aufenthalt'], district: '15001', caller: 'unternehmen', referredTo: 'Ausländerbehörde Dessau-Roßlau' }));
  store.enquiries.create(draft({ at: '2026-03-10T10:00:00Z', topics: ['sprache'], district: '15083', caller: 'ehrenamt' }));
  store.enquiries.create(draft({ at: '2026-05-10T10:00:00Z', topics: ['frauen-familie'], district: null, caller: null, referredTo: '=HYPERLINK("http://evil.example")' }));
  store.enquiries.create(draft({ at: '2026-11-24T10:00:00Z', topics: ['diskriminierung', 'netzwerk'], district: '15085', caller: 'migrantenorganisation', referredTo: 'Beratungsstelle "Mobile Opferberatung"; Halle' }));
  store.enquiries.create(draft({ at: '2025-12-30T10:00:00Z', topics: ['sprache'], district: '15083', caller: 'ehrenamt' }));
  return { ...ctx, cookie, get };
}

function parseCsv(body: string): { header: string[]; rows: Record<string, string>[] } {
  // Enough for this test: fields are quoted only when they contain ; or ".
  const lines = body.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');
  const split = (line: string) => {
    const fields: string[] = [];
    let current = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          current += '"';
          i++;
        } else if (c === '"') quoted = false;
        else current += c;
      } else if (c === '"') quoted = true;
      else if (c === ';') {
        fields.push(current);
        current = '';
      } else current += c;
    }
    fields.push(current);
    return fields;
  };
  const header = split(lines[0]!);
  const rows = lines.slice(1).map((line) => {
    const fields = split(line);
    return Object.fromEntries(header.map((h, i) => [h, fields[i] ?? '']));
  });
  return { header, rows };
}

t.test('CSV export: BOM, semicolons, CRLF, German headers, umlauts, figures that match /api/trends', async (t) => {
  const { get, store, app } = await setup(t);
  const res = await get('/api/reports/enquiries.csv?from=2026-01-01&to=2026-11-25');
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv; charset=utf-8/);
  t.match(res.headers['content-disposition'], /attachment; filename="lotse-anfragen-2026-01-01-bis-2026-11-25.csv"/);
  const raw = res.rawPayload;
  t.same([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const body = raw.toString('utf8');
  t.notMatch(body.replace(/\r\n/g, ''), /\n|\r/, 'every line ends with CRLF');
  t.ok(body.endsWith('\r\n'));
  const { header, rows } = parseCsv(body);
  t.same(header, ['Abschnitt', 'Von', 'Bis', 'Thema', 'Themen-ID', 'Landkreis', 'Kreisschlüssel', 'Anrufende', 'Weiterverwiesen an', 'Anzahl']);
  t.ok(rows.every((r) => Object.keys(r).length === header.length));
  t.match(body, /Dessau-Roßlau/, 'umlauts and ß intact');
  t.match(body, /Börde/);
  t.match(body, /Unternehmen & Beschäftigung/);
  t.notMatch(body, /Testanfrage/, 'no enquiry text');

  const mentions = rows.filter((r) => r.Abschnitt === 'Themennennungen');
  const enquiries = rows.filter((r) => r.Abschnitt === 'Anfragen');
  const referrals = rows.filter((r) => r.Abschnitt === 'Weiterverweisungen');
  t.same(mentions.find((r) => r['Themen-ID'] === 'aufenthalt'), {
    Abschnitt: 'Themennennungen',
    Von: '2026-01-01',
    Bis: '2026-11-25',
    Thema: 'Aufenthalt & Arbeitserlaubnis',
    'Themen-ID': 'aufenthalt',
    Landkreis: 'Dessau-Roßlau',
    Kreisschlüssel: '15001',
    Anrufende: 'Unternehmen',
    'Weiterverwiesen an': '',
    Anzahl: '2',
  });
  t.match(mentions.find((r) => r['Themen-ID'] === 'frauen-familie'), { Landkreis: 'ohne Landkreis', Kreisschlüssel: '', Anrufende: 'ohne Angabe' });

  // The figures equal the API's.
  const trends = json<Series>(await get('/api/trends?from=2026-01-01&to=2026-11-25&bucket=month&by=topic'));
  t.equal(enquiries.reduce((a, r) => a + Number(r.Anzahl), 0), trends.total, 'enquiry rows add up to the total');
  t.equal(trends.total, 5);
  for (const s of trends.series) {
    const sum = mentions.filter((r) => r['Themen-ID'] === s.key).reduce((a, r) => a + Number(r.Anzahl), 0);
    t.equal(sum, s.total, `topic ${s.key}`);
  }
  const byDistrict = json<Series>(await get('/api/trends?from=2026-01-01&to=2026-11-25&bucket=month&by=district'));
  for (const s of byDistrict.series) {
    const sum = enquiries.filter((r) => r.Kreisschlüssel === s.key).reduce((a, r) => a + Number(r.Anzahl), 0);
    t.equal(sum, s.total, `district ${s.key || 'none'}`);
  }
  t.same(
    referrals.map((r) => [r['Weiterverwiesen an'], r.Anzahl]),
    [
      ['Ausländerbehörde Dessau-Roßlau', '2'],
      ['\'=HYPERLINK("http://evil.example")', '1'],
      ['Beratungsstelle "Mobile Opferberatung"; Halle', '1'],
    ],
    'formula defused, quotes and separators escaped',
  );

  const audit = store.audit.recent(5).find((e) => e.action === 'report.export');
  t.match(audit, { action: 'report.export', enquiryId: null, detail: { format: 'csv', from: '2026-01-01', to: '2026-11-25' } });
  const lead = store.users.findByUsername('lead');
  t.equal(audit?.userId, lead?.id);

  // Default period: this year to today.
  const defaults = await get('/api/reports/enquiries.csv');
  t.match(defaults.headers['content-disposition'], /2026-01-01-bis-2026-11-25/);

  // Access and validation.
  t.equal((await app.inject({ method: 'GET', url: '/api/reports/enquiries.csv' })).statusCode, 401);
  const adviser = await signIn(app, 'adviser');
  t.equal((await app.inject({ method: 'GET', url: '/api/reports/enquiries.csv', headers: { cookie: adviser } })).statusCode, 403);
  const bad = await get('/api/reports/enquiries.csv?from=2026-12-01&to=2026-01-01');
  t.equal(bad.statusCode, 400);
  t.same(json<{ errors: { path: string }[] }>(bad).errors.map((e) => e.path), ['querystring.to']);
  const long = await get('/api/reports/enquiries.csv?from=2019-01-01&to=2026-01-01');
  t.same(json<{ errors: { path: string }[] }>(long).errors.map((e) => e.path), ['querystring.from']);
});

t.test('csvField quotes and defuses', async (t) => {
  t.equal(csvField('Halle (Saale)'), 'Halle (Saale)');
  t.equal(csvField('a;b'), '"a;b"');
  t.equal(csvField('sagt "hallo"'), '"sagt ""hallo"""');
  t.equal(csvField('Zeile\nzwei'), '"Zeile\nzwei"');
  t.equal(csvField('+49 345'), "'+49 345");
  t.equal(csvField('-1'), "'-1");
  t.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
  t.equal(csvField(-1), '-1', 'numbers stay numbers');
});

t.test('map colour classes: zero is its own class, every rate falls in 1…5, classes rise with the rate', async (t) => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 5000, noNaN: true })), { minLength: 1, maxLength: 15 }), (rates) => {
      const { classOf, legend } = rateClasses(rates);
      const sorted = [...rates].sort((a, b) => a - b);
      for (let i = 0; i < sorted.length; i++) {
        const c = classOf(sorted[i]!);
        if (sorted[i] === 0 ? c !== 0 : c < 1 || c > 5) return false;
        if (i > 0 && c < classOf(sorted[i - 1]!)) return false;
      }
      return legend.length === 6;
    }),
  );
  const demo = rateClasses([150, 160, 170, 180, 190, 200, 290, 297]);
  t.same(demo.legend.map((l) => l.label), ['keine Anfragen', 'bis 180', 'über 180 bis 210', 'über 210 bis 240', 'über 240 bis 270', 'über 270 bis 300']);
  t.equal(demo.classOf(297), 5);
  t.equal(demo.classOf(150), 1);
});

t.test('printable report: tables, per 100,000, static map, changes, print button; audited', async (t) => {
  const { get, app, store } = await setup(t, true);
  const res = await get('/berichte?from=2026-01-01&to=2026-11-25');
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /text\/html/);
  const html = res.body;
  t.match(html, /<h1>Bericht: Anfragen vom 01\.01\.2026 bis 25\.11\.2026<\/h1>/);
  t.match(html, /Anfragen nach Thema/);
  t.match(html, /Anfragen nach Landkreis/);
  t.match(html, /Anfragen nach Anrufenden/);
  t.match(html, /Weiterverwiesen an/);
  t.match(html, /Größte Veränderungen/);
  // Dessau-Roßlau: 2 enquiries, 80,103 inhabitants → 2,5 per 100,000.
  t.match(html, /<th scope="row">Dessau-Roßlau<\/th><td class="num">2<\/td><td class="num">80\.103<\/td><td class="num">2,5<\/td>/);
  t.match(html, /<th scope="row">ohne Landkreis<\/th><td class="num">1<\/td><td class="num">–<\/td><td class="num">–<\/td>/);
  t.match(html, /Ausländerbehörde Dessau-Roßlau/);
  t.match(html, /&#x3D;HYPERLINK\(&quot;http:\/\/evil\.example&quot;\)/, 'free text is escaped in HTML');
  t.equal((html.match(/<path d="M/g) ?? []).length, 14, 'a static SVG map with 14 districts');
  t.match(html, /<title>Dessau-Roßlau: 2 Anfragen, 2,5 je 100\.000 Einwohner<\/title>/);
  t.match(html, /© GeoBasis-DE \/ BKG 2021 \(Daten verändert\)/);
  t.match(html, /href="\/api\/reports\/enquiries\.csv\?from&#x3D;2026-01-01&amp;to&#x3D;2026-11-25"/);
  t.match(html, /<script type="module" src="\/static\/js\/dashboard-report\.js"><\/script>/);
  t.notMatch(html, /<script>|<script(?![^>]*src=)[^>]*>|style="/, 'no inline scripts or style attributes');
  t.match(html, /Vorzeitraum/);
  t.match(store.audit.recent(1)[0], { action: 'report.export', detail: { format: 'html', from: '2026-01-01', to: '2026-11-25' } });

  const bad = await get('/berichte?from=2026-13-01');
  t.equal(bad.statusCode, 400);
  t.match(bad.body, /role="alert"/);
  t.match(bad.body, /Von: /);
  t.match(bad.body, /Bericht: Anfragen vom 01\.01\.2026 bis 25\.11\.2026/, 'falls back to the default period');
  t.equal((await get('/berichte?foo=bar')).statusCode, 200, 'unknown parameters are ignored on a page');

  const anonymous = await app.inject({ method: 'GET', url: '/berichte?from=2026-01-01' });
  t.equal(anonymous.statusCode, 303);
  t.match(anonymous.headers.location, /^\/anmelden\?next=%2Fberichte/);
  const adviser = await signIn(app, 'adviser');
  const forbidden = await app.inject({ method: 'GET', url: '/berichte', headers: { cookie: adviser } });
  t.equal(forbidden.statusCode, 403);
  t.match(forbidden.body, /Kein Zugriff/);
});

t.test('dashboard page: frame, filters, local assets only', async (t) => {
  const { get, app } = await setup(t, true);
  const res = await get('/dashboard');
  t.equal(res.statusCode, 200);
  const html = res.body;
  t.match(html, /<h1>Dashboard<\/h1>/);
  t.match(html, /data-today="2026-11-25"/);
  t.match(html, /<script type="module" src="\/static\/js\/dashboard\.js"><\/script>/);
  t.match(html, /<link rel="stylesheet" href="\/vendor\/uplot\/uPlot\.min\.css">/);
  t.match(html, /<option value="aufenthalt">Aufenthalt &amp; Arbeitserlaubnis<\/option>/);
  t.match(html, /<option value="15087">Mansfeld-Südharz<\/option>/);
  t.match(html, /<option value="migrant">Zugewanderte<\/option>/);
  t.match(html, /<option value="ohne">ohne Landkreis<\/option>/);
  t.match(html, /© GeoBasis-DE \/ BKG 2021 \(Daten verändert\)/);
  t.match(html, /id="district-table"/);
  t.match(html, /aria-current="page"/);
  t.notMatch(html, /https?:\/\//, 'nothing from another host');
  t.notMatch(html, /<script>|style="/, 'no inline scripts or style attributes');
  for (const asset of ['/static/js/dashboard.js', '/static/js/map.js', '/static/js/dashboard-report.js', '/static/map/districts.json', '/vendor/uplot/uPlot.esm.js']) {
    t.equal((await app.inject({ method: 'GET', url: asset })).statusCode, 200, asset);
  }
  const script = (await app.inject({ method: 'GET', url: '/static/js/dashboard.js' })).body;
  t.match(script, /from '\/vendor\/uplot\/uPlot\.esm\.js'/);
  t.notMatch(script, /https?:\/\/(?!www\.w3\.org)/, 'the script loads nothing from another host');
  const adviser = await signIn(app, 'adviser');
  t.equal((await app.inject({ method: 'GET', url: '/dashboard', headers: { cookie: adviser } })).statusCode, 403);
  t.equal((await app.inject({ method: 'GET', url: '/dashboard' })).statusCode, 303);
});
