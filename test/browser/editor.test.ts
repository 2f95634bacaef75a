/**
 * Editors and admins in the browser: an editor sees a broken KB file with its reason
 * after a reload (a copy of kb-content in a temp folder), the usage and gap tables; an
 * admin manages users; and every workspace page passes basic layout and form checks at
 * 1280×800 and on a tablet (768×1024): no horizontal scrolling, every field labelled.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { chromiumMissing, horizontalOverflow, KB_CONTENT, launchChromium, seedEnquiry, signInPage, startLotse } from './lotse.js';

// Usually well under a minute; a loaded CI machine gets more room than .taprc's 90 s.
t.setTimeout(180_000);

const missing = chromiumMissing();
if (missing) {
  t.fail(missing);
} else {
  const dir = t.testdir({ kb: {}, data: {} });
  const kbDir = join(dir, 'kb');
  cpSync(KB_CONTENT, kbDir, { recursive: true });
  const lotse = await startLotse({ dir: join(dir, 'data'), kbDir });
  t.teardown(() => lotse.close());
  const browser = await launchChromium();
  t.teardown(() => browser.close());
  await lotse.user('editor');
  await lotse.user('admin');

  // Usage: one article helped twice, a topic with no good article at all.
  const helped = { slug: 'beschaeftigungserlaubnis-duldung-gestattung', title: 'Beschäftigungserlaubnis bei Duldung und Gestattung', score: 650 };
  for (let i = 0; i < 2; i++) {
    seedEnquiry(lotse.store, { text: `Duldung und Arbeit, Fall ${i}`, topics: [{ id: 'aufenthalt', score: 0.8, source: 'auto' }], suggestions: [helped], articleUsed: helped.slug });
  }
  for (let i = 0; i < 3; i++) {
    seedEnquiry(lotse.store, { text: `Rassistische Beleidigung im Betrieb, Fall ${i} – wer hilft?`, topics: [{ id: 'diskriminierung', score: 0.7, source: 'auto' }], suggestions: [] });
  }

  t.test('editor: a broken file is listed with its reason after a reload', async (t) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    t.teardown(() => context.close());
    const page = await context.newPage();
    await signInPage(page, lotse.url, 'editor');
    t.equal(new URL(page.url()).pathname, '/wissensbasis', 'the editor lands on Wissensbasis');
    await page.locator('#kb-revision').waitFor();
    const articles = Number(await page.textContent('#kb-articles'));
    t.ok(articles > 50, `${articles} articles served`);
    t.ok(await page.locator('#errors-empty').isVisible(), 'no rejected files yet');

    writeFileSync(join(kbDir, 'sprache', 'kaputt.md'), '---\ntitle: Kaputter Artikel\ntopics: [wohnen]\nupdated: 2026-01-01\n---\nText ohne Zusammenfassung.\n');
    await page.click('#reload');
    await page.waitForFunction(() => /Neu geladen/.test(document.getElementById('reload-status')?.textContent ?? ''));
    const rows = page.locator('#errors tr', { hasText: 'sprache/kaputt.md' });
    await rows.first().waitFor();
    const text = (await rows.allTextContents()).join(' | ').replace(/\s+/g, ' ');
    t.match(text, /summary/i, `the reasons are shown: ${text}`);
    t.match(text, /topics/i, 'every issue of the file is listed');
    t.equal(await rows.count(), 1, 'one row per file');
    t.match(await page.textContent('#errors-count'), /1 Datei, 2 Fehler/);
    t.equal(Number(await page.textContent('#kb-articles')), articles, 'the other articles are still served');

    // Usage and gaps.
    await page.waitForFunction(() => !/geladen/.test(document.getElementById('usage-status')?.textContent ?? ''));
    t.match(await page.textContent('#most-used'), /Beschäftigungserlaubnis bei Duldung und Gestattung/);
    const gap = page.locator('#gaps tr', { hasText: 'Diskriminierung' });
    t.match(await gap.textContent(), /Rassistische Beleidigung/, 'the gap shows example notes');
    t.match(await page.textContent('#gaps tr:first-child'), /Diskriminierung/, 'the topic with most gaps comes first');
  });

  t.test('admin: add a user, change the role, deactivate, set a password', async (t) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    t.teardown(() => context.close());
    const page = await context.newPage();
    await signInPage(page, lotse.url, 'admin');
    await page.goto(`${lotse.url}/benutzer`);
    await page.locator('#users tr[data-user="admin"]').waitFor();
    t.ok(await page.locator('#users tr[data-user="admin"] select').isDisabled(), 'an admin cannot change their own role here');

    await page.fill('#new-username', 'beraterin.neu');
    await page.fill('#new-password', 'kurz');
    await page.selectOption('#new-role', 'adviser');
    await page.click('#add-user button[type="submit"]');
    await page.locator('#add-error').waitFor();
    t.match(await page.textContent('#add-error'), /mindestens 12 Zeichen/, 'the password rule is explained');
    await page.fill('#new-password', 'ein-gutes-erstes-passwort');
    await page.click('#add-user button[type="submit"]');
    const row = page.locator('#users tr[data-user="beraterin.neu"]');
    await row.waitFor();
    t.equal(lotse.store.users.findByUsername('beraterin.neu')?.role, 'adviser');

    await row.locator('select').selectOption('editor');
    await row.locator('button', { hasText: 'Ändern' }).click();
    await page.waitForFunction(() => /Rolle ist jetzt/.test(document.querySelector('#users tr[data-user="beraterin.neu"]')?.textContent ?? ''));
    t.equal(lotse.store.users.findByUsername('beraterin.neu')?.role, 'editor');

    await page.locator('#users tr[data-user="beraterin.neu"] button', { hasText: 'Deaktivieren' }).click();
    await page.locator('#users tr[data-user="beraterin.neu"] button', { hasText: 'Aktivieren' }).waitFor();
    t.equal(lotse.store.users.findByUsername('beraterin.neu')?.active, false);

    await page.fill('#users tr[data-user="beraterin.neu"] input[type="password"]', 'ein-ganz-neues-passwort');
    await page.locator('#users tr[data-user="beraterin.neu"] button', { hasText: 'Setzen' }).click();
    await page.waitForFunction(() => /Neues Passwort gesetzt/.test(document.querySelector('#users tr[data-user="beraterin.neu"]')?.textContent ?? ''));
    t.ok(await lotse.store.users.authenticate('beraterin.neu', 'ein-ganz-neues-passwort').then(() => true), 'the new password is set');
  });

  t.test('layout and forms at 1280×800 and 768×1024: no horizontal scroll, every field labelled', async (t) => {
    const id = seedEnquiry(lotse.store, { text: 'Anfrage für die Detailseite', topics: [{ id: 'sonstiges', score: 1, source: 'auto' }] }).id;
    const pages = ['/anmelden', '/anfrage', '/anfragen', `/anfragen/${id}`, '/wissensbasis', '/benutzer'];
    for (const viewport of [{ width: 1280, height: 800 }, { width: 768, height: 1024 }]) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await signInPage(page, lotse.url, 'admin');
      for (const path of pages) {
        if (path === '/anmelden') {
          const anonymous = await browser.newContext({ viewport });
          const p = await anonymous.newPage();
          await p.goto(`${lotse.url}${path}`);
          t.same(await unlabelled(p), [], `${path} ${viewport.width}px: every field has a label`);
          await fits(t, p, `${path} ${viewport.width}px`);
          await anonymous.close();
          continue;
        }
        await page.goto(`${lotse.url}${path}`);
        await page.waitForLoadState('networkidle');
        t.same(await unlabelled(page), [], `${path} ${viewport.width}px: every field has a label`);
        await fits(t, page, `${path} ${viewport.width}px`);
      }
      await context.close();
    }
  });
}

/** Ids (or names) of visible form fields without a label, aria-label or aria-labelledby. */
function unlabelled(page: import('playwright-core').Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('input:not([type="hidden"]), select, textarea')]
      .filter((f) => {
        const field = f as HTMLInputElement;
        return !(field.labels?.length || field.getAttribute('aria-label') || field.getAttribute('aria-labelledby'));
      })
      .map((f) => f.id || (f as HTMLInputElement).name || f.outerHTML.slice(0, 60)),
  );
}

/** No horizontal scrolling, nothing sticking out to the right (the shared check of lotse.ts). */
async function fits(t: Test, page: import('playwright-core').Page, what: string): Promise<void> {
  const { scrollWidth, clientWidth, sticking } = await horizontalOverflow(page);
  t.ok(scrollWidth <= clientWidth, `${what}: no horizontal scrolling (${scrollWidth - clientWidth})`);
  t.same(sticking, [], `${what}: nothing sticks out to the right`);
}
