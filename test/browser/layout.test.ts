/**
 * Issue 6, point 7: Lotse works at 1280×800 and on a tablet (768×1024). Every main page,
 * opened by the role it is meant for, with realistic content — a year of demo enquiries
 * (src/cli/demo-data.ts, with its spike), recent enquiries with several long topic labels
 * („Aufenthalt & Arbeitserlaubnis“, „Migrantenorganisationen“), long referral targets,
 * long words and links, district names like „Anhalt-Bitterfeld“, article suggestions,
 * due call-backs, a knowledge base with long titles, a wide table and a rejected file,
 * users with long names and an audit trail with IPv6 addresses — must not scroll
 * sideways, and no element may stick out of the viewport to the right (the failure names
 * it). A wide table may scroll inside its own container; the page itself may not.
 *
 * Contrast (WCAG 2.x AA, same pages, same content, both sizes): every visible text has
 * 4.5:1 against its effective background, large text 3:1 (textContrast in lotse.ts), and
 * the focus indicator of every element reached with Tab has 3:1 against the background
 * around it (focusIndicators). Default and focus states only, not hover.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import t from 'tap';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generateDemoEnquiries } from '../../src/cli/demo-data.js';
import type { Caller, DistrictCode, Outcome, Role, TopicId } from '../../src/domain/ids.js';
import { loadDistrictMap } from '../../src/server/routes/pages/reports.js';
import { addDays, localDayOf } from '../../src/trends/index.js';
import { chromiumMissing, focusIndicators, horizontalOverflow, KB_CONTENT, launchChromium, signInPage, startLotse, textContrast, type FocusIndicator, type Lotse } from './lotse.js';

t.setTimeout(300_000);

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 768, height: 1024 },
] as const;

/** An article with a long title, long words, a long link and a table wider than a tablet. */
const WIDE_ARTICLE = `---
title: "Gehaltsgrenzen und Mindestgehälter 2026 für Fachkräfte aus Drittstaaten: Blaue Karte EU, Engpassberufe und Berufskraftfahrerqualifikation"
summary: Welche Bruttojahresgehälter die Ausländerbehörde und die Bundesagentur für Arbeit bei der Beschäftigungszustimmung verlangen, mit Übersicht für Arbeitgeberinnen und Arbeitgeber.
topics: [aufenthalt, arbeitgeber]
districts: ["15082", "15090"]
keywords: [Gehaltsgrenze, Mindestgehalt, Blaue Karte, Engpassberuf, Beschäftigungszustimmung, Bruttojahresgehalt]
updated: 2026-01-15
---

Die Gehaltsgrenzen ändern sich jedes Jahr zum 1. Januar. Die Beschäftigungszustimmungsvoraussetzungen prüft die Zentrale Auslands- und Fachvermittlung (ZAV); Einzelheiten unter https://www.make-it-in-germany.com/de/visum-aufenthalt/arten/blaue-karte-eu/gehaltsgrenzen-und-mindestgehaelter-fuer-fachkraefte-aus-drittstaaten.

| Aufenthaltstitel | Rechtsgrundlage | Mindestbruttojahresgehalt | Mindestbruttomonatsgehalt | Zustimmung der Bundesagentur für Arbeit | Besonderheiten für Berufsanfängerinnen und Berufsanfänger |
|---|---|---|---|---|---|
| Blaue Karte EU (Regelberufe) | § 18g Abs. 1 AufenthG | 50.700 € | 4.225 € | nicht erforderlich | keine |
| Blaue Karte EU (Engpassberufe) | § 18g Abs. 2 AufenthG | 45.934,20 € | 3.827,85 € | erforderlich | Berufsanfängerinnen und Berufsanfänger innerhalb von drei Jahren nach dem Abschluss |
| Fachkraft über 45 Jahre | § 18 Abs. 2 Nr. 5 AufenthG | 55.770 € | 4.647,50 € | erforderlich | Alternativ angemessene Altersversorgung nachweisen |

## Beschäftigungszustimmungsvoraussetzungen

Arbeitgeberinnen und Arbeitgeber reichen die Erklärung zum Beschäftigungsverhältnis ein.
`;

/** Overdue: shown under „Überfällige Artikel“ on the Wissensbasis page. */
const OVERDUE_ARTICLE = `---
title: "Integrationskurse mit Kinderbetreuung, Teilzeitkurse und Jugendintegrationskurse im Altmarkkreis Salzwedel und in Anhalt-Bitterfeld"
summary: Wo es Integrationskurse mit Kinderbetreuung gibt und wie die Kursträgerinnen und Kursträger erreichbar sind.
topics: [sprache, frauen-familie]
districts: ["15081", "15082"]
keywords: [Integrationskurs, Kinderbetreuung, Teilzeitkurs, Jugendintegrationskurs]
updated: 2025-01-10
review_by: 2025-06-30
---

Kinderbeaufsichtigung während des Integrationskurses beantragt der Kursträger beim Bundesamt für Migration und Flüchtlinge.
`;

/** Rejected: no summary. Long path and title. */
const REJECTED_ARTICLE = `---
title: Anerkennungsberatungsstellenverzeichnis für Gesundheitsfachberufe (Entwurf)
topics: [anerkennung, unbekanntes-thema-migrantenorganisationen]
updated: 2026-11-20
---
Entwurf ohne Zusammenfassung.
`;

const LONG_REFERRALS = [
  'Integrationskoordination des Landkreises Anhalt-Bitterfeld, Fachbereich Soziales, Jugend und Gesundheit',
  'Landesnetzwerk Migrantenorganisationen Sachsen-Anhalt (LAMSA) e. V.',
  'IQ Netzwerk Sachsen-Anhalt – Anerkennungs- und Qualifizierungsberatung, Beratungsstelle Stendal',
  'Antidiskriminierungsstelle Sachsen-Anhalt beim Landesverwaltungsamt',
  'Migrationsberatung für Erwachsene (MBE) des Caritasverbandes im Altmarkkreis Salzwedel',
];

interface LongNote {
  text: string;
  topics: TopicId[];
  district: DistrictCode;
  caller: Caller;
  outcome: Outcome;
}

/** Recent notes with many long labels, long words and links (names and numbers get redacted). */
const LONG_NOTES: LongNote[] = [
  {
    text: 'Vorstand eines Migrantenvereins aus Bitterfeld-Wolfen fragt nach Förderprogrammen für ein Mentoringprojekt mit geflüchteten Frauen, nach der Vereinsgründung und nach der Antragsfrist; Infos unter https://www.integrationsbeauftragte.sachsen-anhalt.de/foerderung/foerderprogramme-migrantenorganisationen-ehrenamt. Rückruf an Herrn Okonkwo 0176 55512345.',
    topics: ['migrantenorganisationen', 'foerderung', 'frauen-familie', 'netzwerk'],
    district: '15082',
    caller: 'migrantenorganisation',
    outcome: 'rueckruf',
  },
  {
    text: 'Arbeitgeber aus Stendal (Spedition) will einen Berufskraftfahrer aus Usbekistan einstellen, Beschäftigungsduldungsvoraussetzungen und Berufskraftfahrerqualifikationsnachweis unklar, Aufenthaltserlaubnisverlängerung bei der Ausländerbehörde läuft, Zustimmung der Bundesagentur fehlt.',
    topics: ['aufenthalt', 'arbeitgeber', 'anerkennung'],
    district: '15090',
    caller: 'unternehmen',
    outcome: 'weiterverwiesen',
  },
  {
    text: 'Ehrenamtliche Patin aus Salzwedel: Frau aus Eritrea sucht Integrationskurs mit Kinderbetreuung und Jugendintegrationskurs für den Sohn, Jobcenter verlangt Eingliederungsvereinbarung, Widerspruchsfrist läuft. Mail an patin.salzwedel@example.org',
    topics: ['sprache', 'frauen-familie', 'arbeitsverwaltung', 'ehrenamt'],
    district: '15081',
    caller: 'ehrenamt',
    outcome: 'rueckruf',
  },
  {
    text: 'Beraterin der MBE in Sangerhausen: Pflegefachkraft aus den Philippinen, Defizitbescheid vom Landesverwaltungsamt, Anpassungslehrgang oder Kenntnisprüfung, Anerkennungszuschuss beantragt, Diskriminierung in der Pflegeeinrichtung.',
    topics: ['anerkennung', 'diskriminierung', 'ausbildung'],
    district: '15087',
    caller: 'beratung',
    outcome: 'weiterverwiesen',
  },
  {
    text: 'Integrationskoordinatorin des Jerichower Landes sucht Zuständigkeiten für Fallkonferenzen zu jungen Geflüchteten im Übergang Schule–Beruf, Einstiegsqualifizierung und Berufsausbildungsbeihilfe.',
    topics: ['netzwerk', 'ausbildung', 'arbeitsverwaltung'],
    district: '15086',
    caller: 'kommune',
    outcome: 'beantwortet',
  },
];

const USERNAMES: [string, Role][] = [
  ['beraterin.mueller-luedenscheidt', 'adviser'],
  ['integrationskoordination.anhalt', 'adviser'],
  ['redaktion.wissensbasis-stendal', 'editor'],
  ['teamleitung.mansfeld-suedharz', 'lead'],
  ['administration.landesnetzwerk', 'admin'],
];

const DAY = 86_400_000;

/** `LAYOUT_SCREENSHOTS=/tmp/layout npx tap test/browser/layout.test.ts`: each page as it was measured, for looking at. */
const SCREENSHOTS = process.env.LAYOUT_SCREENSHOTS;

/** The whole page, and the same in tiles of the viewport's size (readable at full resolution). */
async function screenshots(page: Page, base: string): Promise<void> {
  mkdirSync(dirname(base), { recursive: true });
  await page.screenshot({ path: `${base}.png`, fullPage: true });
  const { width, height } = page.viewportSize()!;
  const full = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, i = 1; y < full; y += height, i++) {
    await page.screenshot({ path: `${base}-${i}.png`, fullPage: true, clip: { x: 0, y, width, height: Math.min(height, full - y) } });
  }
}

/** A year of demo enquiries, plus recent long ones with suggestions; returns the id of one for the detail page. */
function seed(lotse: Lotse, authorId: number): number {
  const { store, services } = lotse;
  const now = new Date();
  const populations = Object.fromEntries(loadDistrictMap().districts.map((d) => [d.code, d.population]));
  const demo = generateDemoEnquiries({ now, today: localDayOf(now), populations, target: 3000 });
  const recent = now.getTime() - 90 * DAY;
  let i = 0;
  for (const enquiry of demo) {
    i++;
    // Enquiries of the last 90 days carry suggestions, some marked as helpful (Wissensbasis usage).
    const suggestions =
      enquiry.createdAt!.getTime() > recent && i % 3 === 0
        ? services.kb.suggest(enquiry.text, { district: enquiry.district?.code ?? null, topics: enquiry.topics.map((tp) => tp.id), limit: 5 })
        : [];
    store.enquiries.create({ ...enquiry, suggestions, articleUsed: i % 2 === 0 ? suggestions[0]?.slug ?? null : null, authorId });
  }

  const today = localDayOf(now);
  let detailId = 0;
  for (let round = 0; round < 6; round++) {
    LONG_NOTES.forEach((note, k) => {
      const result = services.triage!.triage(note.text);
      const suggestions = services.kb.suggest(result.redactedText, { district: note.district, topics: note.topics, limit: 5 });
      const createdAt = new Date(now.getTime() - (round * LONG_NOTES.length + k) * 3 * 3_600_000 - 60_000);
      const enquiry = store.enquiries.create({
        text: result.redactedText,
        redactions: result.redactions,
        channel: k % 2 ? 'email' : 'telefon',
        caller: note.caller,
        district: { code: note.district, source: 'manual' },
        topics: note.topics.map((id, rank) => ({ id, score: Math.round((0.9 - rank * 0.1) * 100) / 100, source: 'manual' as const })),
        outcome: note.outcome,
        referredTo: note.outcome === 'weiterverwiesen' || round % 2 ? LONG_REFERRALS[(round + k) % LONG_REFERRALS.length]! : null,
        articleUsed: round % 2 ? suggestions[0]?.slug ?? null : null,
        callbackDate: note.outcome === 'rueckruf' ? addDays(today, -round) : null,
        suggestions,
        triageVersion: result.modelVersion,
        authorId,
        createdAt,
      });
      if (round === 1 && k === 0) detailId = enquiry.id; // four long topics, a long referral target, a helpful article
    });
  }

  // Misses for the Wissensbasis page: long words nobody wrote an article about.
  for (const q of ['Schwerbehindertenausweis Gebärdensprachdolmetschung', 'Führerscheinumschreibung Fahrerlaubnisbehörde']) services.kb.search(q);
  return detailId;
}

const missing = chromiumMissing();
if (missing) {
  t.fail(missing);
} else {
  const dir = t.testdir({});
  const kbDir = join(dir, 'kb');
  cpSync(KB_CONTENT, kbDir, { recursive: true });
  writeFileSync(join(kbDir, 'aufenthalt', 'gehaltsgrenzen-mindestgehaelter-fachkraefte-drittstaaten.md'), WIDE_ARTICLE);
  writeFileSync(join(kbDir, 'sprache', 'integrationskurse-kinderbetreuung-altmark-anhalt-bitterfeld.md'), OVERDUE_ARTICLE);
  writeFileSync(join(kbDir, 'anerkennung', 'anerkennungsberatungsstellenverzeichnis-gesundheitsfachberufe-entwurf.md'), REJECTED_ARTICLE);

  const lotse = await startLotse({ dir: join(dir, 'data'), kbDir });
  t.teardown(() => lotse.close());
  const browser: Browser = await launchChromium(['--lang=de-DE']);
  t.teardown(() => browser.close());

  const adviser = await lotse.user('adviser', 'beratung');
  await lotse.user('lead', 'leitung');
  await lotse.user('editor', 'redaktion');
  const admin = await lotse.user('admin', 'admin');
  for (const [name, role] of USERNAMES) await lotse.user(role, name);
  const detailId = seed(lotse, adviser.id);
  for (let i = 0; i < 30; i++) {
    lotse.store.audit.record({ userId: adviser.id, action: 'enquiry.read', enquiryId: detailId, detail: null, ip: '2001:db8:85a3:8d3:1319:8a2e:370:7348' });
  }
  lotse.store.audit.record({ userId: adviser.id, action: 'enquiry.list', enquiryId: null, detail: { ids: Array.from({ length: 50 }, (_, i) => detailId + i) }, ip: '2001:db8:85a3:8d3:1319:8a2e:370:7348' });
  lotse.store.audit.record({ userId: admin.id, action: 'user.update', enquiryId: null, detail: { userId: adviser.id, role: 'editor', fields: ['role', 'active', 'password'] }, ip: '2001:db8:ffff:ffff:ffff:ffff:ffff:fffe' });
  lotse.store.audit.record({ userId: null, action: 'session.signin_failed', enquiryId: null, detail: { username: 'integrationskoordination.anhalt-bitterfeld.fachbereich-soziales' }, ip: '2001:db8:85a3:8d3:1319:8a2e:370:7349' });

  /** One signed-in browser context per user and viewport. */
  const contexts = new Map<string, { context: BrowserContext; page: Page; errors: string[] }>();
  async function pageFor(username: string | null, viewport: { width: number; height: number }) {
    const key = `${username ?? '-'}@${viewport.width}`;
    let entry = contexts.get(key);
    if (!entry) {
      const context = await browser.newContext({ viewport, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      if (username) await signInPage(page, lotse.url, username);
      entry = { context, page, errors };
      contexts.set(key, entry);
    }
    return entry;
  }
  t.teardown(async () => {
    for (const { context } of contexts.values()) await context.close();
  });

  /** Opens `path` as `username` at both sizes, lets `ready` fill the page, then measures. */
  function checkPage(name: string, username: string | null, path: string, ready: (page: Page) => Promise<void>) {
    t.test(`${name} (${path}) as ${username ?? 'anonymous'}`, async (t) => {
      for (const viewport of VIEWPORTS) {
        const size = `${viewport.width}×${viewport.height}`;
        const { page, errors } = await pageFor(username, viewport);
        await page.goto(`${lotse.url}${path}`);
        await ready(page);
        const { scrollWidth, clientWidth, sticking } = await horizontalOverflow(page);
        if (SCREENSHOTS) await screenshots(page, join(SCREENSHOTS, `${name.replace(/\W+/g, '-')}-${viewport.width}`));
        t.ok(scrollWidth <= clientWidth, `${size}: no horizontal scroll (scrollWidth ${scrollWidth}, clientWidth ${clientWidth})`);
        t.same(sticking, [], `${size}: no element sticks out to the right (of the viewport or its container)`);
        t.same(errors.splice(0), [], `${size}: no script errors`);
        // Contrast as the page rests: no hover (the pointer moves to the page's corner).
        await page.mouse.move(0, 0);
        const contrast = await textContrast(page);
        t.ok(contrast.checked > 0, `${size}: texts measured for contrast (${contrast.checked})`);
        t.same(contrast.failures, [], `${size}: every text has WCAG AA contrast (4.5:1, large text 3:1)`);
        const focus = await focusIndicators(page);
        focusKinds.push(...focus);
        t.ok(focus.length > 0, `${size}: Tab reaches focusable elements (${focus.length})`);
        t.same(focus.filter((f) => !f.ok).map((f) => f.detail), [], `${size}: every focus indicator has 3:1 against the background around it`);
      }
    });
  }

  /** Every element whose focus indicator was measured, over all pages. */
  const focusKinds: FocusIndicator[] = [];

  /** Waits until the page shows at least `min` elements matching `selector` (the error names it). */
  const rows = (selector: string, min = 1) => async (page: Page) => {
    try {
      await page.waitForFunction(([s, n]) => document.querySelectorAll(s).length >= n, [selector, min] as const, { timeout: 15_000 });
    } catch (error) {
      const found = await page.locator(selector).count();
      throw new Error(`${page.url()}: waited for ${min} × ${selector}, found ${found}`, { cause: error });
    }
  };

  checkPage('Anmelden', null, '/anmelden', async (page) => {
    await page.fill('#username', 'integrationskoordination.anhalt-bitterfeld');
  });

  checkPage('Neue Anfrage', 'beratung', '/anfrage', async (page) => {
    await page.fill('#note', LONG_NOTES[1]!.text + ' Gehaltsgrenze für die Blaue Karte EU? Rückruf an Frau Weber 0151 40917735, siehe https://www.make-it-in-germany.com/de/visum-aufenthalt/arten/blaue-karte-eu');
    await page.locator('#suggestions .ws-suggestion').first().waitFor();
    await page.locator('#similar .ws-similar-item').first().waitFor();
    for (const topic of ['migrantenorganisationen', 'foerderung', 'netzwerk']) {
      await page.selectOption('#add-topic', topic);
      await page.press('#add-topic', 'Enter');
    }
    await page.selectOption('#district', '15082');
    await page.selectOption('#caller', 'migrantenorganisation');
    await page.selectOption('#outcome', 'weiterverwiesen');
    await page.fill('#referral', LONG_REFERRALS[0]!);
    await page.fill('#callback', addDays(localDayOf(new Date()), 2));
    // The article with the long title and the wide table, open and marked as helpful.
    const wide = page.locator('#suggestions .ws-suggestion[data-slug*="gehaltsgrenzen"]');
    await wide.waitFor();
    await wide.locator('[data-action="helped"]').click();
    await wide.locator('[data-action="open"]').click();
    await page.locator('#panel-body table').waitFor();
    await page.waitForLoadState('networkidle');
  });

  checkPage('Anfragen', 'beratung', '/anfragen', async (page) => {
    await rows('#list tr', 20)(page);
    await rows('#callbacks tr', 3)(page);
  });

  checkPage('Anfrage-Detail', 'beratung', `/anfragen/${detailId}`, async (page) => {
    await page.locator('#detail').waitFor();
    await rows('#d-suggestions li')(page);
    await rows('#d-similar li')(page);
    await page.waitForLoadState('networkidle');
  });

  checkPage('Wissensbasis', 'redaktion', '/wissensbasis', async (page) => {
    await rows('#errors tr')(page);
    await rows('#stale tr')(page);
    await rows('#misses li')(page);
    await rows('#gaps tr', 3)(page);
    await rows('#most-used tr')(page);
    await page.locator('#warnings-box summary').click();
    await page.waitForLoadState('networkidle');
  });

  checkPage('Benutzer', 'admin', '/benutzer', rows('#users tr', USERNAMES.length + 1));

  checkPage('Protokoll', 'admin', '/protokoll', rows('#audit-entries tr', 30));

  checkPage('Dashboard', 'leitung', '/dashboard', async (page) => {
    await page.waitForSelector('#chart canvas');
    await rows('#top-table tbody tr', 6)(page);
    await rows('#district-table tbody tr', 15)(page);
    await page.waitForFunction(() => document.getElementById('top-districts')?.textContent !== '');
    await page.locator('.dash-details summary').click();
    await page.waitForLoadState('networkidle');
  });

  checkPage('Berichte', 'leitung', '/berichte', async (page) => {
    await page.locator('.report-section table').first().waitFor();
  });

  t.test('focus indicators were measured on links, buttons and form fields', async (t) => {
    for (const kind of ['link', 'button', 'input'] as const) {
      t.ok(focusKinds.some((f) => f.kind === kind), `a ${kind} got the keyboard focus and its indicator was measured`);
    }
  });
}
