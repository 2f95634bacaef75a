/**
 * Who may call which route: the expectation of the access-matrix test for every route
 * the whole application registers, and the roles-and-rights table of SECURITY.md
 * generated from it.
 *
 *   npx tsx test/hardening/support/security-table.ts   rewrites the table in SECURITY.md
 *
 * The access-matrix test fails when a registered route has no line here, when a line
 * names a route that does not exist, when the recorded rule differs, and when
 * SECURITY.md shows another table than this one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ROLES, roleGrants, type Role } from '../../../src/domain/ids.js';

export const SECURITY_MD = fileURLToPath(new URL('../../../SECURITY.md', import.meta.url));

export interface Expectation {
  /** `api`: JSON, 401/403 problems; `page`: HTML, redirect to sign-in / 403 page; `ws`: WebSocket; `static`: files. */
  kind: 'api' | 'page' | 'ws' | 'static';
  /** Who may call it (admins always may, except where `public` makes that moot). */
  who: 'public' | 'signed-in' | Role[];
  /** What it is for, in German (for SECURITY.md). */
  what: string;
  /** The route ends the session it is called with (sign-out). */
  endsSession?: boolean;
}

type Line = [method: string, url: string, expectation: Expectation];

/** A GET route and the HEAD route Fastify adds for it. */
function getAndHead(url: string, expectation: Expectation): Line[] {
  return [
    ['GET', url, expectation],
    ['HEAD', url, expectation],
  ];
}

const api = (who: Expectation['who'], what: string, extra: Partial<Expectation> = {}): Expectation => ({ kind: 'api', who, what, ...extra });
const page = (who: Expectation['who'], what: string, extra: Partial<Expectation> = {}): Expectation => ({ kind: 'page', who, what, ...extra });

const LINES: Line[] = [
  // Operations and documentation.
  ...getAndHead('/healthz', api('public', 'Bereitschaft (für Lastverteiler und Überwachung)')),
  ...getAndHead('/api/docs', api('signed-in', 'API-Dokumentation (OpenAPI)')),
  ['HEAD', '/api/docs/', api('signed-in', 'API-Dokumentation (OpenAPI)')],
  ...getAndHead('/api/docs/static/index.html', api('signed-in', 'API-Dokumentation (OpenAPI)')),
  ...getAndHead('/api/docs/static/swagger-initializer.js', api('signed-in', 'API-Dokumentation (OpenAPI)')),
  ...getAndHead('/api/docs/json', api('signed-in', 'API-Dokumentation (OpenAPI)')),
  ...getAndHead('/api/docs/yaml', api('signed-in', 'API-Dokumentation (OpenAPI)')),
  ...getAndHead('/api/docs/static/*', api('signed-in', 'API-Dokumentation (OpenAPI)')),
  ...getAndHead('/static/*', { kind: 'static', who: 'public', what: 'CSS, Browser-Module, Bilder' }),
  ...getAndHead('/favicon.ico', { kind: 'static', who: 'public', what: 'Weiterleitung zum Seitensymbol' }),
  ...getAndHead('/vendor/uplot/*', { kind: 'static', who: 'public', what: 'Diagrammbibliothek uPlot (nur zwei Dateien)' }),

  // Session and users.
  ['POST', '/api/session', api('public', 'Anmelden (gedrosselt)')],
  ...getAndHead('/api/session', api('signed-in', 'Eigene Sitzung')),
  ['DELETE', '/api/session', api('signed-in', 'Abmelden', { endsSession: true })],
  ...getAndHead('/api/users', api(['admin'], 'Benutzer auflisten')),
  ['POST', '/api/users', api(['admin'], 'Benutzer anlegen')],
  ['PATCH', '/api/users/:id', api(['admin'], 'Rolle, Status, Passwort ändern')],
  ...getAndHead('/api/audit', api(['admin'], 'Protokoll lesen')),
  ...getAndHead('/api/audit.csv', api(['admin'], 'Protokoll exportieren')),

  // Enquiries.
  ['POST', '/api/enquiries', api(['adviser'], 'Anfrage speichern')],
  ...getAndHead('/api/enquiries', api(['adviser'], 'Anfragen suchen')),
  ...getAndHead('/api/enquiries/:id', api(['adviser'], 'Anfrage lesen (protokolliert)')),
  ['PATCH', '/api/enquiries/:id', api(['adviser'], 'Anfrage korrigieren (protokolliert)')],
  ['DELETE', '/api/enquiries/:id', api(['admin'], 'Anfrage endgültig löschen (protokolliert)')],
  ['POST', '/api/enquiries/similar', api(['adviser'], 'Ähnliche Anfragen finden')],
  ...getAndHead('/api/enquiries/referrals', api(['adviser'], 'Häufige Verweisziele')),
  ...getAndHead('/api/enquiries/callbacks', api(['adviser'], 'Fällige Rückrufe')),
  ['POST', '/api/triage', api(['adviser'], 'Notiz verschlagworten (nichts wird gespeichert)')],

  // Knowledge base.
  ...getAndHead('/api/kb/search', api(['adviser'], 'Wissensbasis durchsuchen')),
  ...getAndHead('/api/kb/articles/:slug', api(['adviser'], 'Artikel lesen')),
  ...getAndHead('/api/kb/status', api(['editor'], 'Stand der Wissensbasis')),
  ['POST', '/api/kb/reload', api(['editor'], 'Wissensbasis neu laden (protokolliert)')],
  ...getAndHead('/api/kb/usage', api(['editor'], 'Nutzung und Lücken der Wissensbasis')),

  // Figures.
  ...getAndHead('/api/trends', api(['lead'], 'Zeitreihen')),
  ...getAndHead('/api/trends/summary', api(['lead'], 'Wochenübersicht')),
  ...getAndHead('/api/reports/enquiries.csv', api(['lead'], 'Zahlen als CSV (protokolliert)')),
  ...getAndHead('/ws/trends', { kind: 'ws', who: ['lead'], what: 'Live-Dashboard (WebSocket, nur gleiche Herkunft)' }),

  // Pages.
  ...getAndHead('/', page('public', 'Weiterleitung zur Startseite der Rolle')),
  ...getAndHead('/anmelden', page('public', 'Anmeldeseite')),
  ['POST', '/anmelden', page('public', 'Anmelden über das Formular (gedrosselt wie die API)')],
  ['POST', '/abmelden', page('public', 'Abmelden über das Formular', { endsSession: true })],
  ...getAndHead('/anfrage', page(['adviser'], 'Seite: neue Anfrage')),
  ...getAndHead('/anfragen', page(['adviser'], 'Seite: Anfragen')),
  ...getAndHead('/anfragen/:id', page(['adviser'], 'Seite: eine Anfrage')),
  ...getAndHead('/wissensbasis', page(['editor'], 'Seite: Wissensbasis')),
  ...getAndHead('/benutzer', page(['admin'], 'Seite: Benutzer')),
  ...getAndHead('/protokoll', page(['admin'], 'Seite: Protokoll')),
  ...getAndHead('/dashboard', page(['lead'], 'Seite: Dashboard')),
  ...getAndHead('/berichte', page(['lead'], 'Seite: Berichte')),
  ...getAndHead('/reports', page('public', 'Weiterleitung auf /berichte (Pfad aus der SPEC)')),
];

/** `METHOD url` → expectation. */
export const EXPECTED: Readonly<Record<string, Expectation>> = Object.fromEntries(LINES.map(([method, url, e]) => [`${method} ${url}`, e]));

const ROLE_NAMES: Record<Role, string> = { adviser: 'Beratung', lead: 'Leitung', editor: 'Redaktion', admin: 'Admin' };

function mayCall(e: Expectation, caller: Role | 'anonymous'): boolean {
  if (e.who === 'public') return true;
  if (caller === 'anonymous') return false;
  if (e.who === 'signed-in') return true;
  return e.who.some((role) => roleGrants(caller, role));
}

/** The Markdown table of SECURITY.md (GET lines stand for their HEAD twins). */
export function rightsTable(): string {
  const header = `| Methode und Pfad | anonym | ${ROLES.map((r) => `${ROLE_NAMES[r]} (\`${r}\`)`).join(' | ')} | Zweck |`;
  const rule = `|---|---|${ROLES.map(() => '---').join('|')}|---|`;
  const rows = LINES.filter(([method, url]) => method !== 'HEAD' || !EXPECTED[`GET ${url}`]).map(([method, url, e]) => {
    const cells = (['anonymous', ...ROLES] as const).map((caller) => (mayCall(e, caller) ? '✓' : '–'));
    return `| \`${method} ${url}\` | ${cells.join(' | ')} | ${e.what} |`;
  });
  return [header, rule, ...rows].join('\n') + '\n';
}

/** Rewrites the table between the markers in SECURITY.md. */
export function writeRightsTable(path: string = SECURITY_MD): void {
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf('<!-- rights:start -->');
  const end = text.indexOf('<!-- rights:end -->');
  if (start < 0 || end < start) throw new Error(`${path}: markers <!-- rights:start --> and <!-- rights:end --> missing`);
  writeFileSync(path, `${text.slice(0, start)}<!-- rights:start -->\n${rightsTable()}${text.slice(end)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeRightsTable();
  process.stdout.write(`${SECURITY_MD}: Rechtetabelle neu geschrieben.\n`);
}
