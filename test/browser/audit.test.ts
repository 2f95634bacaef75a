/**
 * The Protokoll page in Chromium, with the keyboard alone: an admin opens it from the
 * navigation, reads entries in German words (newest first, Berlin time), loads the next
 * page and continues at the first new entry, filters by action and downloads the CSV
 * with the same filter. No script errors, no CSP violations, no horizontal scrolling.
 */
import { readFileSync } from 'node:fs';
import t from 'tap';
import type { Page } from 'playwright-core';
import { FIXTURE_KB } from '../hardening/support/full-app.js';
import { chromiumMissing, horizontalOverflow, launchChromium, signInPage, startLotse } from './lotse.js';

t.setTimeout(180_000);

async function tabTo(page: Page, selector: string, max = 60): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return true;
    await page.keyboard.press('Tab');
  }
  return false;
}

const missing = chromiumMissing();
if (missing) {
  t.fail(missing);
} else {
  const lotse = await startLotse({ dir: t.testdir({}), kbDir: FIXTURE_KB });
  t.teardown(() => lotse.close());
  const browser = await launchChromium(['--lang=de-DE']);
  t.teardown(() => browser.close());
  await lotse.user('admin');
  const anna = await lotse.user('adviser', 'anna');

  // More entries than one page (50) holds; the newest is a user change with a known detail.
  for (let i = 0; i < 60; i++) {
    lotse.store.audit.record({ userId: anna.id, action: 'enquiry.read', enquiryId: 100 + i, detail: null, ip: '192.0.2.7' });
  }
  lotse.store.audit.record({ userId: null, action: 'retention.run', enquiryId: null, detail: { cutoff: '2026-01-01T00:00:00.000Z', retentionDays: 365, enquiries: 12, examples: 3, trigger: 'schedule' }, ip: null });
  lotse.store.audit.record({ userId: anna.id, action: 'session.signin_failed', enquiryId: null, detail: { username: 'anna' }, ip: '192.0.2.8' });

  t.test('admin: open, read, page on, filter and export with the keyboard', async (t) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    t.teardown(() => context.close());
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });

    await signInPage(page, lotse.url, 'admin');
    t.ok(await tabTo(page, 'a[href="/protokoll"]'), 'the navigation link is reachable with Tab');
    await Promise.all([page.waitForURL(/\/protokoll$/), page.keyboard.press('Enter')]);
    t.equal(await page.textContent('h1'), 'Protokoll');

    const rows = page.locator('#audit-entries tr');
    await page.locator('#audit-table').waitFor();
    t.equal(await rows.count(), 50, 'one page of 50');
    t.match(await page.textContent('#audit-status'), /50 Einträge angezeigt – es gibt weitere/);
    t.match(await rows.nth(0).textContent(), /admin.*Angemeldet/, 'newest first: the own sign-in');
    const cells = (action: string) => page.locator(`#audit-entries tr[data-action="${action}"]`).first().locator('th, td').allTextContents();
    const failed = await cells('session.signin_failed');
    t.equal(failed[1], 'anna', 'Benutzer');
    t.equal(failed[2], 'Anmeldung fehlgeschlagen', 'Aktion in German words');
    t.equal(failed[4], '192.0.2.8', 'Adresse');
    t.equal(failed[5], 'Eingegebener Benutzername: „anna“', 'Details in German words');
    t.match(failed[0] ?? '', /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2}$/, 'Zeitpunkt in German form');
    const berlin = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
    t.match(failed[0] ?? '', berlin, 'the Berlin day');
    const retention = await cells('retention.run');
    t.same(retention.slice(1, 3), ['System', 'Löschlauf nach Aufbewahrungsfrist']);
    t.equal(retention[5], 'Texte vor 01.01.2026, 01:00:00 gelöscht, Frist 365 Tage, 12 Anfragen, 3 Trainingsbeispiele, planmäßig');
    const read = await cells('enquiry.read');
    t.same(read.slice(1, 4), ['anna', 'Anfrage geöffnet', 'Nr. 159']);
    t.equal(await page.locator('#audit-entries tr[data-action="enquiry.read"] a').first().getAttribute('href'), '/anfragen/159', 'the enquiry is a link');

    // Weitere laden: the keyboard continues at the first new entry, with a visible focus.
    t.ok(await tabTo(page, '#more', 150), 'Weitere laden is reachable with Tab (after the links of the rows)');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('#audit-entries tr').length > 50);
    const total = await rows.count();
    t.ok(total >= 62, `${total} entries after the second page (including the sign-ins)`);
    t.ok(await page.locator('#more').isHidden(), 'no further page');
    t.equal(await page.evaluate(() => document.activeElement?.closest('tr')?.rowIndex), 51, 'focus on the first new row (after the header row)');
    const outline = await page.evaluate(() => (document.activeElement ? getComputedStyle(document.activeElement).outlineStyle : 'none'));
    t.not(outline, 'none', 'the focus is visible');

    // Filter by action with the keyboard: the page reloads with the filter, the CSV link carries it.
    await page.focus('#f-action');
    await page.selectOption('#f-action', 'session.signin_failed');
    t.ok(await tabTo(page, '.ws-filters button[type="submit"]'), 'Filtern is reachable with Tab');
    await Promise.all([page.waitForURL(/action=session\.signin_failed/), page.keyboard.press('Enter')]);
    await page.locator('#audit-table').waitFor();
    const actions = await page.locator('#audit-entries tr td:nth-child(3)').allTextContents();
    t.same([...new Set(actions)], ['Anmeldung fehlgeschlagen'], 'only the chosen action');
    t.equal(await page.getAttribute('#csv-export', 'href'), '/api/audit.csv?action=session.signin_failed');

    t.ok(await tabTo(page, '#csv-export'), 'Als CSV exportieren is reachable with Tab');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const path = await download.path();
    const csv = readFileSync(path, 'utf8');
    t.match(csv, /^\uFEFFNr\.;Zeit \(UTC\)/, 'the CSV file');
    const lines = csv.trim().split('\r\n').slice(1);
    t.ok(lines.length >= 1 && lines.every((l) => l.includes(';session.signin_failed;')), 'with the same filter');
    t.equal(download.suggestedFilename(), 'lotse-protokoll.csv');

    for (const width of [1280, 768]) {
      await page.setViewportSize({ width, height: 900 });
      const { scrollWidth, clientWidth, sticking } = await horizontalOverflow(page);
      t.ok(scrollWidth <= clientWidth, `${width}px: no horizontal scrolling (${scrollWidth - clientWidth})`);
      t.same(sticking, [], `${width}px: nothing sticks out to the right`);
    }
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea')].filter((e) => (e as HTMLInputElement).labels?.length === 0 && !e.getAttribute('aria-label')).map((e) => e.id),
    );
    t.same(unlabelled, [], 'every field has a label');
    t.same(problems, [], 'no script errors or CSP violations');
  });
}
