// Browser test of `accord serve`, in Debian's headless Chromium driven by
// playwright-core (no browser download). It starts nothing itself:
//
//   node e2e.mjs BASE_URL [ARTIFACTS_DIR]
//
// BASE_URL is a running `accord serve` over a database ingested from
// ../shared/corpus/seeds (the .ci/run script sets it up). Screenshots go to
// ARTIFACTS_DIR (default ../target/e2e-artifacts). JavaScript is disabled in
// the page: every step must work without it. Exit status 0 when every check
// passed.

import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const base = (process.argv[2] || process.env.ACCORD_URL || '').replace(/\/$/, '');
if (!base) {
  console.error('usage: node e2e.mjs BASE_URL [ARTIFACTS_DIR]  (BASE_URL of a running `accord serve`)');
  process.exit(2);
}
const artifacts = resolve(process.argv[3] || join(import.meta.dirname, '..', 'target', 'e2e-artifacts'));
mkdirSync(artifacts, { recursive: true });

let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) {
    passed += 1;
    console.log(`ok - ${what}`);
  } else {
    failed += 1;
    console.log(`not ok - ${what}`);
  }
}

// The first screen as NAME.png, the whole page as NAME-full.png.
async function shot(page, name) {
  for (const [file, fullPage] of [[`${name}.png`, false], [`${name}-full.png`, true]]) {
    const path = join(artifacts, file);
    await page.screenshot({ path, fullPage });
    console.log(`  screenshot ${path}`);
  }
}

const userDataDir = mkdtempSync(join(tmpdir(), 'accord-e2e-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  javaScriptEnabled: false,
  viewport: { width: 1280, height: 900 },
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
context.setDefaultTimeout(15000);

try {
  const page = context.pages()[0] || (await context.newPage());

  // Home: the pairs, with counts, and a search box.
  let res = await page.goto(`${base}/`);
  check(res.status() === 200, 'home answers 200');
  check((await page.locator('h1').innerText()).includes('Relations'), 'home has its heading');
  const pairLinks = page.locator('table.pairs a[href^="/pairs/"]');
  check((await pairLinks.count()) >= 1, 'home lists at least one pair');
  const pairText = await page.locator('table.pairs').innerText();
  check(pairText.includes('Vietnam') && pairText.includes('Belarus'), 'home lists Vietnam – Belarus');
  check((await page.locator('form[action="/search"] input[name="q"]').count()) >= 1, 'home has a search box');
  for (const code of ['VN', 'BY']) {
    check((await page.locator(`table.pairs a[href="/countries/${code}"]`).count()) >= 1, `home links ${code} to its country page`);
  }
  await shot(page, 'home');

  // The VN-BY pair: timeline drawn as SVG, agreements, figures, commitments, conflicts.
  res = await page.goto(`${base}/pairs/VN-BY`);
  check(res.status() === 200, 'pair page answers 200');
  const h1 = await page.locator('h1').innerText();
  check(h1.includes('Vietnam') && h1.includes('Belarus'), `pair heading names both countries (${h1})`);
  const marks = page.locator('svg.timeline-chart a.mark-link');
  check((await marks.count()) >= 1, 'the timeline chart has event marks');
  check((await page.locator('#agreements tbody tr').count()) >= 1, 'the agreements registry has rows');
  check((await page.locator('#commitments h3').count()) >= 1, 'commitments are grouped by area');
  for (const id of ['figures', 'conflicts']) {
    check((await page.locator(`section#${id} h2`).count()) === 1, `the ${id} section is shown`);
  }
  await shot(page, 'pair');

  // The same page on a phone: nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/pairs/VN-BY`);
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  check(widths[0] <= widths[1] + 1, `the pair page fits a phone screen (${widths[0]} <= ${widths[1]})`);
  await shot(page, 'pair-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${base}/pairs/VN-BY`);

  // From a timeline item to its evidence.
  const mark = page.locator('svg.timeline-chart a.mark-link').first();
  const markTitle = (await mark.locator('title').textContent()) || '';
  await Promise.all([page.waitForURL(/\/events\//), mark.click()]);
  check(page.url().includes('/events/'), `a timeline mark opens its event (${markTitle.trim()})`);
  const sources = page.locator('ol.sources li');
  check((await sources.count()) >= 1, 'the event lists its sources');
  const cited = (await page.locator('ol.sources li a.doc-link').allInnerTexts()).map((t) => t.trim());
  check(cited.every((t) => t.length > 20 && !/^\d{3}_[0-9a-f]{16}$/.test(t)), `sources are cited by headline, not id (${cited[0].slice(0, 50)}…)`);
  check((await page.locator('ol.sources li .outlet').count()) === cited.length, 'each source names its outlet');
  const evidence = (await page.locator('ol.sources li blockquote mark').first().innerText()).trim();
  check(evidence.length > 10, `the evidence is marked in its sentence (${evidence.slice(0, 60)}…)`);
  await shot(page, 'event');

  // From the evidence to the sentence in its document.
  await Promise.all([page.waitForURL(/\/documents\//), page.locator('ol.sources li a.doc-link').first().click()]);
  const hash = new URL(page.url()).hash;
  check(/^#b-\d+$/.test(hash), `the source link points at a sentence (${hash})`);
  const target = page.locator(`[id="${hash.slice(1)}"]`);
  check((await target.count()) === 1, 'the document has that sentence');
  const targetText = (await target.innerText()).trim();
  check(targetText.includes(evidence.slice(0, 20)), 'the sentence holds the evidence');
  check((await page.locator('article.document .s.ev').count()) >= 1, 'evidence sentences are highlighted');
  check((await page.locator('article.document a.m').count()) >= 1, 'entity mentions are highlighted and linked');
  check((await page.locator('article.document a.tag').count()) >= 1, 'records are linked from their sentences');
  await shot(page, 'document-evidence');

  // A mention leads to its entity.
  await Promise.all([page.waitForURL(/\/entities\//), page.locator('article.document a.m').first().click()]);
  check((await page.locator('ol.sources li').count()) >= 1, 'an entity page lists the sentences it came from');

  // An agreement from the registry.
  await page.goto(`${base}/pairs/VN-BY`);
  const agreement = page.locator('#agreements tbody tr a').first();
  const title = (await agreement.innerText()).trim();
  await Promise.all([page.waitForURL(/\/agreements\//), agreement.click()]);
  check((await page.locator('h1').innerText()).trim() === title, `the agreement page is "${title}"`);
  check((await page.locator('dl.fields dt').count()) >= 3, 'the agreement shows its fields');
  check((await page.locator('ol.sources li').count()) >= 1, 'the agreement lists its sources');
  await shot(page, 'agreement');

  // Search from the header, diacritics ignored.
  await page.locator('header form input[name="q"]').fill('viet nam');
  await Promise.all([page.waitForURL(/\/search\?/), page.locator('header form button').click()]);
  const hits = await page.locator('ol.hits li').count();
  check(hits >= 1, `search "viet nam" finds sentences (${hits})`);
  const hitText = await page.locator('ol.hits').innerText();
  check(/Việt Nam|Viet Nam|Vietnam/i.test(hitText), 'the hits hold the words with or without marks');
  await shot(page, 'search');

  // "Hanoi" and "ha noi" find the same sentences, and each hit holds the two
  // words together (no "hạ … nội" apart in one sentence).
  const hitsOf = async (q) => {
    const r = await page.goto(`${base}/search?q=${encodeURIComponent(q)}`);
    const links = await page.locator('ol.hits li a.doc-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const texts = await page.locator('ol.hits li blockquote').allInnerTexts();
    return { status: r.status(), links: links.sort(), texts };
  };
  const fold = (t) => t.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
  const together = (t) => /(^|[^a-z0-9])ha ?noi([^a-z0-9]|$)|ханой/.test(fold(t));
  const hanoi = await hitsOf('Hanoi');
  const haNoi = await hitsOf('ha noi');
  check(hanoi.status === 200 && haNoi.status === 200, 'both searches answer 200');
  check(haNoi.links.length >= 2, `search "ha noi" finds sentences in more than one spelling (${haNoi.links.length})`);
  check(hanoi.links.length === haNoi.links.length && hanoi.links.every((l, i) => l === haNoi.links[i]),
    `"Hanoi" and "ha noi" find the same sentences (${hanoi.links.join(' ')} | ${haNoi.links.join(' ')})`);
  const stray = haNoi.texts.concat(hanoi.texts).filter((t) => !together(t));
  check(stray.length === 0, `every hit holds "ha noi" as two adjacent words or as one (${stray.map((t) => t.slice(0, 60)).join(' | ')})`);
  check((await page.locator('ol.hits li blockquote mark').count()) >= haNoi.links.length, 'every "ha noi" hit is highlighted');

  // A country page: its partners, each linked to the pair page.
  res = await page.goto(`${base}/countries/VN`);
  check(res.status() === 200, 'the country page answers 200');
  check((await page.locator('h1').innerText()).includes('Vietnam'), 'the country page is Vietnam');
  const partnerLink = page.locator('table.partners a.pair').first();
  check((await partnerLink.count()) === 1, 'the country page lists a partner with its pair page');
  await shot(page, 'country');
  await Promise.all([page.waitForURL(/\/pairs\//), partnerLink.click()]);
  check((await page.locator('section#timeline').count()) === 1, 'a partner leads to its pair page');
  check((await page.locator('h1 a[href="/countries/VN"]').count()) === 1, 'the pair page links its countries');

  // An entity page lists its events and agreements; each links back.
  res = await page.goto(`${base}/entities/person:aleksandr-lukashenko`);
  check(res.status() === 200, 'the entity page answers 200');
  const entityEvents = page.locator('section#events tbody tr a[href^="/events/"]');
  const entityAgreements = page.locator('section#agreements tbody tr a[href^="/agreements/"]');
  check((await entityEvents.count()) >= 2, `the entity page lists its events (${await entityEvents.count()})`);
  check((await entityAgreements.count()) >= 1, 'the entity page lists its agreements');
  await shot(page, 'entity');
  await Promise.all([page.waitForURL(/\/events\//), entityEvents.first().click()]);
  check((await page.locator('a[href="/entities/person:aleksandr-lukashenko"]').count()) >= 1, 'its event links back to the entity');
  check((await page.locator('a.pair[href^="/pairs/"]').count()) === 1, 'the event links its pair');
  await page.goto(`${base}/entities/person:aleksandr-lukashenko`);
  await Promise.all([page.waitForURL(/\/agreements\//), entityAgreements.first().click()]);
  check((await page.locator('a[href="/entities/person:aleksandr-lukashenko"]').count()) >= 1, 'its agreement links back to the entity');

  // A pair's events filtered by date range and type, through the form (no script).
  await page.goto(`${base}/pairs/VN-BY/events`);
  const allRows = await page.locator('table.records tbody tr').count();
  await page.locator('form.filters input[name="since"]').fill('2015');
  await page.locator('form.filters input[name="until"]').fill('2020');
  await page.locator('form.filters input[name="type"][value="visit"]').check();
  await Promise.all([page.waitForURL(/since=2015/), page.locator('form.filters button').click()]);
  const kept = await page.locator('table.records tbody tr').allInnerTexts();
  check(kept.length >= 1 && kept.length < allRows, `the filter keeps some events (${kept.length} of ${allRows})`);
  check(kept.every((t) => /Visit/.test(t) && /(2015|2016|2017|2018|2019|2020)/.test(t)), 'every kept event is a visit of 2015–2020');

  // Sorting by a header link, then the CSV of the same rows.
  await page.goto(`${base}/pairs/VN-BY/events`);
  await Promise.all([page.waitForURL(/sort=date/), page.locator('table.records thead a.sort', { hasText: 'Date' }).click()]);
  await Promise.all([page.waitForURL(/order=desc/), page.locator('table.records thead a.sort', { hasText: 'Date' }).click()]);
  const sortedIds = await page.locator('table.records tbody tr td:first-child a').evaluateAll((as) => as.map((a) => decodeURIComponent(a.getAttribute('href').replace('/events/', ''))));
  const jsonRows = (await (await page.request.get(page.url().replace('/events?', '/events.json?'))).json()).rows;
  const dates = jsonRows.map((r) => r.date).filter(Boolean);
  check(dates.every((d, i) => i === 0 || dates[i - 1] >= d), 'sorting by date, newest first, orders the table');
  const csvHref = await page.locator('a.csv').first().getAttribute('href');
  const csv = await (await page.request.get(base + csvHref)).text();
  const csvIds = csv.trim().split(/\r?\n/).slice(1).map((l) => l.split(',')[0]);
  check(csvIds.length === sortedIds.length && csvIds.every((id, i) => id === sortedIds[i]), `the CSV holds the table's rows in its order (${csvIds.length})`);
  await shot(page, 'table');

  // A document shows its headline and outlet.
  await page.goto(`${base}/documents/000_cf0d204396dcba2c`);
  check((await page.locator('h1.headline').innerText()).trim().length > 20, 'the document shows a headline');
  check((await page.locator('dd.outlet').innerText()).includes('Viet Nam News'), 'the document shows its outlet');
  await shot(page, 'document');

  // Phone width: no element is wider than the screen.
  await page.setViewportSize({ width: 375, height: 812 });
  for (const path of ['/', '/pairs/VN-BY', '/pairs/VN-BY/events', '/countries/VN', '/entities/person:aleksandr-lukashenko', '/documents/000_cf0d204396dcba2c']) {
    await page.goto(`${base}${path}`);
    const wide = await page.evaluate(() => {
      const vw = document.documentElement.clientWidth;
      const inScroller = (el) => el.closest('.scroll, figure');
      return [...document.querySelectorAll('body *')].filter((el) => !inScroller(el) && el.getBoundingClientRect().right > vw + 1).map((el) => el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined ? '.' + el.className : '')).slice(0, 5);
    });
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    check(wide.length === 0 && sw <= 376, `${path} fits 375 px (${sw}${wide.length ? '; wider: ' + wide.join(', ') : ''})`);
  }
  await page.goto(`${base}/pairs/VN-BY`);
  await shot(page, 'pair-phone');
  await page.setViewportSize({ width: 1280, height: 900 });

  // A bad id answers 404 with a message.
  res = await page.goto(`${base}/events/no-such-event`);
  check(res.status() === 404, 'an unknown id answers 404');
  check((await page.locator('.error-message').innerText()).includes('no-such-event'), 'the 404 page says what was missing');
} catch (e) {
  failed += 1;
  console.log(`not ok - the browser run stopped: ${e && e.message ? e.message : e}`);
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
