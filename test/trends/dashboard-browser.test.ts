/**
 * The dashboard in a real browser (Chromium via playwright-core): chart, map with
 * keyboard focus, table, filters without reload, live updates and the reconnect
 * indicator. Skipped when /usr/bin/chromium is missing.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import t from 'tap';
import type { LiveHub } from '../../src/server/plugins/live-hub.js';
import type { LiveFigures } from '../../src/server/routes/ws/trends.js';
import { signIn } from '../helpers/app.js';
import { buildTrendsApp, draft } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';

t.test('dashboard in Chromium', { skip: existsSync(CHROMIUM) ? false : 'no Chromium' }, async (t) => {
  let hub: LiveHub<LiveFigures> | undefined;
  const { app, store, clock } = await buildTrendsApp(t, { pages: true, realClock: false, onHub: (h) => (hub = h) });
  clock.set('2026-11-25T12:00:00Z');
  for (const [at, topics, district] of [
    ['2026-11-24T09:00:00Z', ['aufenthalt'], '15089'],
    ['2026-11-24T10:00:00Z', ['aufenthalt', 'arbeitgeber'], '15089'],
    ['2026-11-20T10:00:00Z', ['sprache'], '15002'],
    ['2026-10-05T10:00:00Z', ['sprache'], '15003'],
    ['2026-06-10T10:00:00Z', ['anerkennung'], null],
  ] as const) {
    store.enquiries.create(draft({ at, topics: [...topics], district }));
  }
  const cookie = await signIn(app, 'lead');
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  t.teardown(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1300, height: 1000 }, locale: 'de-DE' });
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, domain: '127.0.0.1', path: '/' }]);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  const external: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(base)) external.push(r.url());
  });

  await page.goto(`${base}/dashboard`);
  await page.waitForFunction(() => document.getElementById('live-text')?.textContent === 'Live');
  await page.waitForSelector('#chart canvas');
  await page.waitForFunction(() => document.querySelectorAll('#district-table tbody tr').length === 15);
  t.equal(await page.locator('path.map-district').count(), 14, 'fourteen districts');
  t.equal(await page.locator('path.map-district[tabindex="0"]').count(), 14, 'each one focusable');
  t.equal(await page.textContent('#kpi-today'), '0');
  t.equal(await page.textContent('#kpi-period'), '5');
  t.match(await page.textContent('#top-table tbody'), /Aufenthalt & Arbeitserlaubnis/);
  t.match(await page.textContent('.attribution'), /© GeoBasis-DE \/ BKG 2021 \(Daten verändert\)/);
  const salzland = await page.locator('#district-table tbody tr', { hasText: 'Salzlandkreis' }).textContent();
  t.match(salzland, /Salzlandkreis\s*2\s*1,1/, 'count and rate per 100,000 in the table');

  // Keyboard: tab onto the map and read the tooltip.
  await page.focus('path.map-district[data-code="15089"]');
  await page.waitForSelector('#map-tooltip:not([hidden])');
  t.equal(await page.textContent('#map-tooltip'), 'Salzlandkreis: 2 Anfragen, 1,1 je 100.000 Einwohner');
  t.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-code')), '15089');
  await page.keyboard.press('Tab');
  t.ok(await page.evaluate(() => document.activeElement?.classList.contains('map-district')), 'Tab moves to the next district');

  // Filters refetch without reloading the page.
  await page.evaluate(() => Object.assign(window, { marker: 'still here' }));
  await page.selectOption('#f-topic', 'sprache');
  await page.waitForFunction(() => document.getElementById('kpi-period')?.textContent === '2');
  t.equal(await page.evaluate(() => (window as unknown as { marker?: string }).marker), 'still here', 'no reload');
  t.match(page.url(), /\?topic=sprache$/, 'the filter is in the address');
  await page.selectOption('#f-topic', '');
  await page.waitForFunction(() => document.getElementById('kpi-period')?.textContent === '5');

  // Live: a stored enquiry updates today's figure at once and the series shortly after.
  store.enquiries.create(draft({ at: '2026-11-25T11:00:00Z', topics: ['netzwerk'], district: '15003' }));
  await page.waitForFunction(() => document.getElementById('kpi-today')?.textContent === '1', undefined, { timeout: 3000 });
  await page.waitForFunction(() => document.getElementById('kpi-period')?.textContent === '6', undefined, { timeout: 4000 });
  t.pass('live update reached the page');

  // The connection drops: the indicator counts down, then reconnects.
  await hub!.stop(50);
  await page.waitForFunction(() => /^Verbindung unterbrochen – neuer Versuch in \d+ s$/.test(document.getElementById('live-text')?.textContent ?? ''));
  t.equal(await page.getAttribute('#live-status', 'data-state'), 'offline');
  hub!.start();
  await page.waitForFunction(() => document.getElementById('live-text')?.textContent === 'Live', undefined, { timeout: 10_000 });
  t.pass('reconnected');

  t.same(external, [], 'nothing loaded from another host');
  t.same(problems, [], 'no script errors, no CSP violations');
});
