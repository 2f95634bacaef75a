/**
 * `/protokoll` (src/server/routes/pages/audit.ts) in the whole application as
 * compose.ts builds it: admins only (others get the German 403 page, anonymous
 * visitors the sign-in page), labelled filters that keep only valid values, the CSV link
 * with the same filters, the navigation link for admins, CSP-clean HTML.
 */
import t from 'tap';
import { AUDIT_ACTIONS } from '../../src/store/index.js';
import { AUDIT_ACTION_LABELS, auditFilters } from '../../src/server/routes/pages/audit.js';
import { buildFullApp } from '../hardening/support/full-app.js';

const unescapeHtml = (text: string): string =>
  text.replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16))).replaceAll('&amp;', '&');

t.test('every action of the trail has its own German label', async (t) => {
  const labels = AUDIT_ACTIONS.map((action) => AUDIT_ACTION_LABELS[action]);
  t.equal(labels.filter((l) => typeof l === 'string' && l.length > 0).length, AUDIT_ACTIONS.length, 'no action without a label');
  t.equal(new Set(labels).size, labels.length, 'no two actions read the same');
  t.same(Object.keys(AUDIT_ACTION_LABELS).sort(), [...AUDIT_ACTIONS].sort(), 'no label for an action that does not exist');
  for (const label of labels) t.notMatch(label, /^[a-z]+\.[a-z_]+$/, `${label}: words, not an action id`);
});

t.test('auditFilters keeps valid filter values only', async (t) => {
  const users = new Set([1, 7]);
  t.same(auditFilters({ from: '2026-11-01', to: '2026-11-30', action: 'enquiry.read', user: '7' }, users), {
    from: '2026-11-01', to: '2026-11-30', action: 'enquiry.read', user: '7',
  });
  t.same(auditFilters({ from: '2026-13-01', to: 'gestern', action: 'enquiry.steal', user: '8' }, users), {}, 'bad day, unknown action, unknown user');
  t.same(auditFilters({ user: '07' }, users), {}, 'user ids as the API takes them');
  t.same(auditFilters({ user: '1; DROP TABLE' }, users), {});
  t.same(auditFilters({}, users), {});
});

t.test('the Protokoll page', async (t) => {
  const { app, signIn, store } = await buildFullApp(t);
  const admin = await signIn('admin');

  t.test('admins get the page: German heading, labelled filters, CSV link, CSP-clean', async (t) => {
    const res = await app.inject({ url: '/protokoll', headers: { cookie: admin } });
    t.equal(res.statusCode, 200);
    t.match(res.headers['content-type'], /text\/html/);
    t.equal(res.headers['cache-control'], 'no-store');
    t.equal(res.headers['referrer-policy'], 'same-origin');
    t.match(res.body, /<title>Protokoll · Lotse<\/title>/);
    t.match(res.body, /<h1>Protokoll<\/h1>/);
    for (const [id, label] of [['f-from', 'Von'], ['f-to', 'Bis'], ['f-user', 'Benutzer'], ['f-action', 'Aktion']]) {
      t.match(res.body, new RegExp(`<label for="${id}">${label}</label>`), `${label} is labelled`);
      t.match(res.body, new RegExp(`id="${id}" name="`), `#${id} exists`);
    }
    t.match(res.body, /type="date"/);
    t.match(res.body, /<option value="session.signin">Angemeldet<\/option>/, 'actions in German words');
    t.match(res.body, /<option value="retention.run">Löschlauf nach Aufbewahrungsfrist<\/option>/);
    t.match(res.body, /<option value="1">admin<\/option>/, 'users by name');
    t.match(res.body, /<a class="button secondary" id="csv-export" href="\/api\/audit.csv" download>Als CSV exportieren<\/a>/);
    t.match(res.body, /<th scope="col">Zeitpunkt<\/th>[\s\S]*Benutzer[\s\S]*Aktion[\s\S]*Anfrage-Nr\.[\s\S]*Adresse[\s\S]*Details/);
    t.match(res.body, /id="more"[^>]*>Weitere laden</);
    t.match(res.body, /<script type="module" src="\/static\/js\/audit.js"><\/script>/);
    t.match(res.body, /<a href="\/protokoll" aria-current="page">Protokoll<\/a>/, 'the navigation marks the page');
    t.match(res.body, /<main id="inhalt"/);
    t.match(res.headers['content-security-policy'], /script-src 'self'/);
    t.notMatch(res.body, /<script(?![^>]*\bsrc=)/, 'no inline script');
    t.notMatch(res.body, /\sstyle=|\son[a-z]+=/, 'no inline style or handler');
    t.notMatch(res.body, /https?:\/\/(?!www\.w3\.org)/, 'nothing from another host');
    t.notMatch(res.body, /data-blocked/);
  });

  t.test('anonymous visitors go to sign-in; adviser, lead and editor get the German 403 page', async (t) => {
    const anonymous = await app.inject({ url: '/protokoll?action=user.create' });
    t.equal(anonymous.statusCode, 303);
    t.equal(anonymous.headers.location, `/anmelden?next=${encodeURIComponent('/protokoll?action=user.create')}`, 'and back afterwards');
    for (const role of ['adviser', 'lead', 'editor'] as const) {
      const cookie = await signIn(role);
      const res = await app.inject({ url: '/protokoll', headers: { cookie } });
      t.equal(res.statusCode, 403, `${role}: 403`);
      t.match(res.headers['content-type'], /text\/html/, `${role}: a page, not JSON`);
      t.match(res.body, /<h1>Kein Zugriff<\/h1>/);
      t.match(res.body, /Rolle admin/);
      t.notMatch(res.body, /href="\/protokoll"/, `${role}: no navigation link to the page`);
      t.equal((await app.inject({ url: '/api/audit', headers: { cookie } })).statusCode, 403, `${role}: the API refuses too`);
    }
  });

  t.test('the navigation links the page for admins only', async (t) => {
    const home = await app.inject({ url: '/benutzer', headers: { cookie: admin } });
    t.match(home.body, /<a href="\/benutzer" aria-current="page">Benutzer<\/a><\/li>\s*<li><a href="\/protokoll">Protokoll<\/a>/, 'after Benutzer');
    const lead = await app.inject({ url: '/dashboard', headers: { cookie: await signIn('lead') } });
    t.equal(lead.statusCode, 200);
    t.notMatch(lead.body, /Protokoll<\/a>/);
  });

  t.test('filters: the form shows the chosen values, the CSV link carries them, bad values are dropped', async (t) => {
    await signIn('editor');
    const editor = store.users.findByUsername('editor');
    const id = String(editor?.id);
    const url = `/protokoll?from=2026-11-01&to=2026-11-30&action=session.signin&user=${id}&extra=1`;
    const res = await app.inject({ url, headers: { cookie: admin } });
    t.equal(res.statusCode, 200);
    t.match(res.body, /id="f-from" name="from" type="date" value="2026-11-01"/);
    t.match(res.body, /id="f-to" name="to" type="date" value="2026-11-30"/);
    t.match(res.body, /<option value="session.signin" selected>Angemeldet<\/option>/);
    t.match(res.body, new RegExp(`<option value="${id}" selected>editor</option>`));
    t.match(res.body, /Zurücksetzen/);
    t.match(res.body, /<h2 id="list-title">Gefilterte Einträge/);
    // The attribute as the browser reads it (Handlebars escapes & and =).
    const href = unescapeHtml(/id="csv-export" href="([^"]+)"/.exec(res.body)?.[1] ?? '');
    t.equal(href, `/api/audit.csv?from=2026-11-01&to=2026-11-30&action=session.signin&user=${id}`, 'the export has the same filters');
    t.match(res.body, /data-filters="\{&quot;from&quot;:&quot;2026-11-01&quot;/, 'the browser module gets the same filters');

    // The link works as it is: the API takes exactly these filters.
    const csv = await app.inject({ url: String(href), headers: { cookie: admin } });
    t.equal(csv.statusCode, 200);
    t.match(csv.headers['content-type'], /text\/csv/);
    t.match(csv.headers['content-disposition'], /attachment; filename="lotse-protokoll-ab-2026-11-01-bis-2026-11-30.csv"/);
    const lines = csv.body.trim().split('\r\n');
    t.ok(lines.length >= 2, 'the editor signed in within the period');
    t.ok(lines.slice(1).every((l) => l.includes(';session.signin;') && l.includes(';editor;')), 'only that user and action');
    const list = await app.inject({ url: `/api/audit?from=2026-11-01&to=2026-11-30&action=session.signin&user=${id}`, headers: { cookie: admin } });
    t.equal(list.statusCode, 200, 'the browser module asks the list API with the same filters');

    const bad = await app.inject({ url: '/protokoll?from=2026-02-30&to=morgen&action=enquiry.steal&user=99999', headers: { cookie: admin } });
    t.equal(bad.statusCode, 200, 'bad filter values are not an error page');
    t.notMatch(bad.body, /selected/, 'nothing chosen');
    t.match(bad.body, /id="f-from" name="from" type="date" value=""/);
    t.match(bad.body, /href="\/api\/audit.csv" download/);
    t.notMatch(bad.body, /Zurücksetzen/);
  });

  t.test('a period that ends before it starts: a German message, no export link, nothing loaded', async (t) => {
    const res = await app.inject({ url: '/protokoll?from=2026-11-30&to=2026-11-01', headers: { cookie: admin } });
    t.equal(res.statusCode, 200);
    t.match(res.body, /<p class="ws-alert" role="alert" id="period-error">„Bis“ liegt vor „Von“. Bitte den Zeitraum prüfen.<\/p>/);
    t.notMatch(res.body, /id="csv-export"/);
    t.match(res.body, /data-blocked/);
  });

  t.test('the browser module is served', async (t) => {
    const res = await app.inject({ url: '/static/js/audit.js' });
    t.equal(res.statusCode, 200);
    t.match(res.headers['content-type'], /javascript/);
    t.match(res.body, /\/api\/audit\?/);
  });
});
