/**
 * Screenshots of Lotse's main pages at 1280×800 (and the enquiry form on a tablet,
 * 768×1024) into docs/screenshots/*.png:
 *
 *   npx tsx scripts/screenshots.ts [OUT_DIR]
 *
 * Starts Lotse in this process on a random port with the bundled knowledge base (a copy,
 * with one broken file so that the Wissensbasis page shows a rejected file), the real
 * triage, and a few dozen demo enquiries of the last weeks; drives Debian's Chromium
 * (/usr/bin/chromium, `apt-get install -y chromium`) with playwright-core.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { Caller, DistrictCode, Outcome } from '../src/domain/ids.js';
import { isDistrictCode } from '../src/domain/ids.js';
import { KB_CONTENT, launchChromium, ROOT, signInPage, startLotse, type Lotse } from '../test/browser/lotse.js';

const OUT = resolve(process.argv[2] ?? join(ROOT, 'docs', 'screenshots'));

interface DemoNote {
  text: string;
  caller: Caller;
  outcome: Outcome;
  referredTo?: string;
  helped?: boolean;
}

/** Typical calls; names and numbers in them are made up and get redacted like real ones. */
const NOTES: DemoNote[] = [
  { text: 'Ehrenamtliche aus Weißenfels: junger Mann mit Duldung hat Ausbildungsplatz als Elektroniker, Ausländerbehörde reagiert nicht. Braucht er eine Beschäftigungserlaubnis?', caller: 'ehrenamt', outcome: 'weiterverwiesen', referredTo: 'Ausländerbehörde Burgenlandkreis', helped: true },
  { text: 'Jobcenter Halle will den Integrationskurs nicht bezahlen, Frau Petrova hat zwei Kinder und sucht Teilzeitkurs mit Kinderbetreuung. Rückruf unter 0345 1234567', caller: 'migrant', outcome: 'rueckruf', helped: false },
  { text: 'Pflegedienst aus Stendal möchte eine Pflegefachkraft aus den Philippinen einstellen, fragt nach Anerkennung und beschleunigtem Fachkräfteverfahren', caller: 'unternehmen', outcome: 'beantwortet', helped: true },
  { text: 'Beratungsstelle in Magdeburg: Ingenieur aus Syrien, Abschluss soll anerkannt werden, welche Stelle ist zuständig und wer zahlt die Übersetzungen?', caller: 'beratung', outcome: 'weiterverwiesen', referredTo: 'IQ Netzwerk Sachsen-Anhalt', helped: true },
  { text: 'Integrationskoordinatorin Landkreis Harz sucht Kontakt zu Migrantenorganisationen in Wernigerode für einen Runden Tisch', caller: 'kommune', outcome: 'beantwortet', helped: false },
  { text: 'Verein aus Dessau-Roßlau fragt nach Förderprogrammen für ein Mentoring-Projekt mit Geflüchteten, Antragsfrist?', caller: 'migrantenorganisation', outcome: 'beantwortet', helped: true },
  { text: 'Ehrenamtlicher aus Wittenberg begleitet Familie zum Jobcenter, Bescheid zum Bürgergeld unklar, Widerspruchsfrist läuft', caller: 'ehrenamt', outcome: 'weiterverwiesen', referredTo: 'Migrationsberatung (MBE) Wittenberg', helped: false },
  { text: 'Frau aus Afghanistan in Bernburg wurde im Vorstellungsgespräch wegen Kopftuch abgelehnt, was kann sie tun?', caller: 'migrant', outcome: 'weiterverwiesen', referredTo: 'Antidiskriminierungsstelle Sachsen-Anhalt', helped: false },
  { text: 'Arbeitgeber aus Halberstadt: Geflüchteter mit Aufenthaltsgestattung soll als Lagerhelfer anfangen, darf er arbeiten?', caller: 'unternehmen', outcome: 'beantwortet', helped: true },
  { text: 'Berufssprachkurs B2 in Naumburg gesucht, Kunde vom Jobcenter Burgenlandkreis, Kurs sollte abends stattfinden', caller: 'behoerde', outcome: 'beantwortet', helped: true },
  { text: 'Junge Frau aus Eritrea in Salzwedel möchte nach dem Integrationskurs eine Einstiegsqualifizierung machen', caller: 'beratung', outcome: 'beantwortet', helped: true },
  { text: 'Ehrenamtskoordination in Köthen fragt nach Schulungen für neue Sprachpatinnen und Versicherungsschutz', caller: 'ehrenamt', outcome: 'beantwortet', helped: false },
  { text: 'Ausländerbehörde Saalekreis verlangt Passbeschaffung, Mann aus Guinea hat Arbeitsangebot in Merseburg, Rückruf an Herrn Diallo 0176 55512345', caller: 'migrant', outcome: 'rueckruf', helped: false },
  { text: 'Kita-Platz fehlt, Mutter aus der Ukraine in Sangerhausen kann deshalb nicht zum Sprachkurs, gibt es Kurse mit Kinderbetreuung?', caller: 'migrant', outcome: 'beantwortet', helped: true },
  { text: 'Wer ist im Jerichower Land für Fallkonferenzen zu jungen Geflüchteten zuständig? Netzwerk Übergang Schule-Beruf', caller: 'kommune', outcome: 'weiterverwiesen', referredTo: 'Jugendmigrationsdienst Burg', helped: false },
  { text: 'Handwerksbetrieb aus Schönebeck will Azubi aus Vietnam, Visum zur Ausbildung und Sprachniveau?', caller: 'unternehmen', outcome: 'beantwortet', helped: true },
];

const DAY = 86_400_000;
const CALLBACK_REFERRALS = ['Ausländerbehörde Burgenlandkreis', 'IQ Netzwerk Sachsen-Anhalt', 'Jobcenter Halle', 'Migrationsberatung (MBE) Wittenberg'];

/** A few dozen enquiries of the last weeks, tagged by the real triage, with suggestions. */
function seedDemo(lotse: Lotse, authorId: number): number {
  const { triage, kb } = lotse.services;
  const now = Date.now();
  let count = 0;
  for (let round = 0; round < 6; round++) {
    NOTES.forEach((note, i) => {
      const result = triage?.triage(note.text);
      if (!result) return;
      const district = result.district && isDistrictCode(result.district.code) ? { code: result.district.code as DistrictCode, source: 'auto' as const } : null;
      const topics = result.topics.map((t) => ({ id: t.id, score: t.score, source: 'auto' as const }));
      const suggestions = kb.suggest(result.redactedText, { district: district?.code ?? null, topics: topics.map((t) => t.id), limit: 5 });
      // About half a year, denser in the recent weeks.
      const step = round * NOTES.length + i;
      const age = (step < 32 ? step * 0.8 : 25 + (step - 32) * 2.4) * DAY + ((i * 37) % 9) * 3_600_000;
      const createdAt = new Date(now - age - 2 * 3_600_000);
      const helped = note.helped && round % 3 !== 2 ? suggestions[0]?.slug ?? null : null;
      lotse.store.enquiries.create({
        text: result.redactedText,
        redactions: result.redactions,
        channel: i % 5 === 4 ? 'email' : 'telefon',
        caller: note.caller,
        district,
        topics,
        // Older call-backs have been made in the meantime.
        outcome: note.outcome === 'rueckruf' && round > 0 ? 'beantwortet' : note.outcome,
        referredTo: note.referredTo ?? (note.outcome === 'weiterverwiesen' ? CALLBACK_REFERRALS[i % CALLBACK_REFERRALS.length] ?? null : null),
        articleUsed: helped,
        callbackDate: note.outcome === 'rueckruf' ? new Date(createdAt.getTime() + DAY).toISOString().slice(0, 10) : null,
        suggestions,
        triageVersion: result.modelVersion,
        authorId,
        createdAt,
      });
      count++;
    });
  }
  return count;
}

async function shot(page: Page, name: string): Promise<void> {
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  console.log(`  ${path}`);
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(150);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'lotse-screenshots-'));
  const kbDir = join(dir, 'kb');
  cpSync(KB_CONTENT, kbDir, { recursive: true });
  // One rejected file, so that the Wissensbasis page shows how errors look.
  writeFileSync(join(kbDir, 'sprache', 'sprachcafe-entwurf.md'), '---\ntitle: Sprachcafés im Land (Entwurf)\ntopics: [sprache, freizeit]\nupdated: 2026-11-20\n---\nEntwurf ohne Zusammenfassung.\n');
  const lotse = await startLotse({ dir: join(dir, 'data'), kbDir });
  const browser = await launchChromium(['--lang=de-DE']);
  try {
    const adviser = await lotse.user('adviser', 'beraterin');
    await lotse.user('lead', 'teamleitung');
    await lotse.user('editor', 'redaktion');
    await lotse.user('admin', 'admin');
    await lotse.user('adviser', 'berater.mueller');
    console.log(`Lotse on ${lotse.url}: ${seedDemo(lotse, adviser.id)} demo enquiries`);

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();

    await page.goto(`${lotse.url}/anmelden`);
    await shot(page, 'anmelden');

    await signInPage(page, lotse.url, 'beraterin');
    await page.keyboard.type('Ehrenamtliche aus Naumburg: syrischer Mann mit Duldung will Ausbildung als Elektriker anfangen, AB sagt nichts. Braucht er eine Beschäftigungserlaubnis? Rückruf an Frau Weber 0151 40917735', { delay: 5 });
    await page.locator('#suggestions .ws-suggestion').first().waitFor();
    await page.locator('#similar .ws-similar-item').first().waitFor();
    await page.selectOption('#add-topic', 'ausbildung');
    await page.press('#add-topic', 'Enter');
    await page.selectOption('#caller', 'ehrenamt');
    await page.focus('#note');
    await settle(page);
    await shot(page, 'neue-anfrage');
    await page.keyboard.press('Alt+1');
    await page.waitForFunction(() => !/geladen/.test(document.getElementById('panel-title')?.textContent ?? 'geladen'));
    await page.keyboard.press('Alt+h');
    await settle(page);
    await shot(page, 'neue-anfrage-artikel');

    const tablet = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    const tabletPage = await tablet.newPage();
    await signInPage(tabletPage, lotse.url, 'beraterin');
    await tabletPage.keyboard.type('Arbeitgeber aus Stendal fragt: darf er einen Pflegehelfer aus Syrien mit Aufenthaltsgestattung einstellen?', { delay: 5 });
    await tabletPage.locator('#suggestions .ws-suggestion').first().waitFor();
    await settle(tabletPage);
    await tabletPage.screenshot({ path: join(OUT, 'neue-anfrage-tablet.png'), animations: 'disabled', caret: 'hide' });
    console.log(`  ${join(OUT, 'neue-anfrage-tablet.png')}`);
    await tabletPage.fill('#note', '');
    await tablet.close();

    await page.keyboard.press('Control+Enter');
    await page.locator('#saved a#saved-link').waitFor();
    const href = (await page.getAttribute('#saved a#saved-link', 'href')) ?? '/anfragen';

    await page.goto(`${lotse.url}/anfragen`);
    await page.locator('#list tr').first().waitFor();
    await settle(page);
    await shot(page, 'anfragen');

    await page.goto(`${lotse.url}${href}`);
    await page.locator('#detail').waitFor();
    await settle(page);
    await shot(page, 'anfrage-detail');

    await page.click('.signout button');
    await signInPage(page, lotse.url, 'redaktion');
    await page.locator('#kb-revision').waitFor();
    await page.locator('#gaps tr').first().waitFor();
    await settle(page);
    await shot(page, 'wissensbasis');
    await page.locator('#usage-title').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('usage-title')?.scrollIntoView({ block: 'start' }));
    await shot(page, 'wissensbasis-nutzung');

    await page.click('.signout button');
    await signInPage(page, lotse.url, 'admin');
    await page.goto(`${lotse.url}/benutzer`);
    await page.locator('#users tr').first().waitFor();
    await settle(page);
    await shot(page, 'benutzer');

    await page.click('.signout button');
    await signInPage(page, lotse.url, 'teamleitung');
    await page.goto(`${lotse.url}/dashboard`);
    await settle(page);
    await page.waitForTimeout(500);
    await shot(page, 'dashboard');
    await context.close();
  } finally {
    await browser.close();
    await lotse.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
