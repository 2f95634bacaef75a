/**
 * The adviser's whole flow with the keyboard alone (SPEC §1: "a call logged in under a
 * minute with the keyboard alone"): sign in, type the note, remove a chip with Delete,
 * add topics with Alt+T, open an article with Alt+1, mark it with Alt+H, pick the caller,
 * save with Ctrl+Enter and open the stored enquiry — no mouse event at all. And a lead's
 * dashboard in a second browser context that updates within a second of a saved enquiry.
 */
import t from 'tap';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium, signInPage, startLotse, TEST_PASSWORD } from './lotse.js';

const NOTE_START = 'Ehrenamtliche aus Naumburg: ';
const NOTE_REST = 'syrischer Mann mit Duldung will Ausbildung als Elektriker anfangen, AB sagt nichts. Braucht er eine Beschäftigungserlaubnis?';

const active = (page: Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.className || document.activeElement?.tagName);

async function tabTo(page: Page, id: string, max = 40): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return true;
    await page.keyboard.press('Tab');
  }
  return false;
}

// Usually well under a minute; a loaded CI machine gets more room than .taprc's 90 s.
t.setTimeout(180_000);

const missing = chromiumMissing();
if (missing) {
  t.fail(missing);
} else {
  const lotse = await startLotse({ dir: t.testdir({}) });
  t.teardown(() => lotse.close());
  const browser = await launchChromium();
  t.teardown(() => browser.close());
  await lotse.user('adviser');
  await lotse.user('lead');

  t.test('keyboard only: from sign-in to the stored enquiry', async (t) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    t.teardown(() => context.close());
    const page = await context.newPage();
    let mouse = 0;
    await page.exposeFunction('lotseMouseUsed', () => mouse++);
    await page.addInitScript(() => {
      for (const type of ['mousedown', 'pointerdown', 'click']) {
        window.addEventListener(type, (e) => {
          // Clicks that the keyboard causes (Enter on a button or link) have detail 0.
          if ((e as MouseEvent).detail > 0 || type !== 'click') (window as unknown as { lotseMouseUsed: () => void }).lotseMouseUsed();
        }, true);
      }
    });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));

    await page.goto(`${lotse.url}/anfrage`);
    t.equal(new URL(page.url()).pathname, '/anmelden', 'anonymous: sent to sign-in');
    t.equal(await active(page), 'username', 'the user name field has the focus');
    await page.keyboard.type('adviser');
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await Promise.all([page.waitForURL('**/anfrage'), page.keyboard.press('Enter')]);
    t.equal(await active(page), 'note', 'back on Neue Anfrage with the focus in the note');

    const started = Date.now();
    await page.keyboard.type(NOTE_START, { delay: 15 });
    await page.locator('#chips .ws-chip[data-kind="topic"]').first().waitFor();
    const removed = await page.locator('#chips .ws-chip[data-kind="topic"]').first().getAttribute('data-id');
    await page.keyboard.press('Tab');
    t.equal(await page.evaluate(() => document.activeElement?.classList.contains('ws-chip')), true, 'Tab reaches the first chip');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    t.not(outline, 'none', 'the focused chip shows a visible focus');
    await page.keyboard.press('Delete');
    t.notOk(await page.locator(`#chips .ws-chip[data-kind="topic"][data-id="${removed}"]`).count(), `Delete removed the chip ${removed}`);
    await page.keyboard.press('Escape');
    t.equal(await active(page), 'note', 'Escape returns to the note');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(NOTE_REST, { delay: 15 });
    await page.locator('#suggestions .ws-suggestion').first().waitFor();

    await page.keyboard.press('Alt+t');
    t.equal(await active(page), 'add-topic', 'Alt+T focuses "+ Thema"');
    await page.keyboard.type('Ausb');
    await page.keyboard.press('Enter');
    // The select's type-ahead joins letters typed within a second; a person pauses anyway.
    await page.waitForTimeout(1100);
    await page.keyboard.type('Aufe');
    await page.keyboard.press('Enter');
    const topics = await page.locator('#chips .ws-chip[data-kind="topic"]').evaluateAll((n) => n.map((x) => (x as HTMLElement).dataset.id));
    t.same(topics, ['ausbildung', 'aufenthalt'], 'both topics added from the keyboard');
    await page.keyboard.press('Escape');
    t.equal(await active(page), 'note');

    const first = page.locator('#suggestions .ws-suggestion').first();
    const slug = await first.getAttribute('data-slug');
    const title = (await first.locator('button[data-action="open"]').textContent())?.trim();
    await page.keyboard.press('Alt+1');
    await page.waitForFunction((expected) => document.getElementById('panel-title')?.textContent === expected, title);
    t.equal(await active(page), 'note', 'Alt+1 opens the article; the note keeps the focus');
    await page.keyboard.press('Alt+h');
    t.equal(await page.getAttribute('#panel-helped', 'aria-pressed'), 'true', 'Alt+H marks it as helpful');

    t.ok(await tabTo(page, 'caller'), 'Tab reaches "Anrufende"');
    await page.keyboard.type('Ehren');
    t.equal(await page.inputValue('#caller'), 'ehrenamt');
    await page.keyboard.press('Control+Enter');
    await page.locator('#saved a#saved-link').waitFor();
    const elapsed = Date.now() - started;
    t.ok(elapsed < 60_000, `the call was logged in ${Math.round(elapsed / 1000)} s`);
    t.equal(await active(page), 'note', 'the note is ready for the next call');

    const href = (await page.getAttribute('#saved a#saved-link', 'href')) ?? '';
    const id = Number(/(\d+)$/.exec(href)?.[1]);
    const stored = lotse.store.enquiries.get(id);
    t.same(stored?.topics.map((x) => x.id), ['ausbildung', 'aufenthalt']);
    t.equal(stored?.district?.code, '15084');
    t.equal(stored?.articleUsed, slug);
    t.equal(stored?.caller, 'ehrenamt');

    // The confirmation's link is one Shift+Tab away.
    await page.keyboard.press('Shift+Tab');
    t.equal(await active(page), 'saved-link');
    await Promise.all([page.waitForURL(`**/anfragen/${id}`), page.keyboard.press('Enter')]);
    await page.locator('#detail').waitFor();
    t.match(await page.textContent('#d-facts'), /Ausbildung & Studium/);

    t.equal(mouse, 0, 'no mouse event was used');
    t.same(problems, [], 'no script errors');
  });

  t.test('lead: the dashboard updates within a second of a saved enquiry, without reload', async (t) => {
    const leadContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const adviserContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    t.teardown(() => Promise.all([leadContext.close(), adviserContext.close()]));
    const lead = await leadContext.newPage();
    await signInPage(lead, lotse.url, 'lead');
    t.equal(new URL(lead.url()).pathname, '/dashboard', 'the lead lands on the dashboard');
    await lead.waitForFunction(() => /^\d+$/.test(document.getElementById('kpi-today')?.textContent?.trim() ?? ''));
    await lead.waitForFunction(() => document.getElementById('live-status')?.dataset.state === 'live', undefined, { timeout: 5000 }).catch(() => {});
    const before = Number(await lead.textContent('#kpi-today'));
    let navigations = 0;
    lead.on('framenavigated', () => navigations++);

    const page = await adviserContext.newPage();
    await signInPage(page, lotse.url, 'adviser');
    await page.fill('#note', 'Migrantenorganisation aus Dessau fragt nach Förderprogrammen für ein Beratungsprojekt');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/enquiries') && r.request().method() === 'POST');
    await page.keyboard.press('Control+Enter');
    await saved;
    const savedAt = Date.now();
    await lead.waitForFunction((b) => Number(document.getElementById('kpi-today')?.textContent) > b, before, { timeout: 5000 });
    const elapsed = Date.now() - savedAt;
    t.ok(elapsed <= 1000, `the dashboard showed the new enquiry after ${elapsed} ms`);
    t.equal(navigations, 0, 'without a reload');
  });
}
