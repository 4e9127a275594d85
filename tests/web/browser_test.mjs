// Browser test of the Praxis web interface: the real praxis-index builds an index of the real
// content/, the real praxis-server serves it, Debian's chromium uses it like a person would,
// with JavaScript and without, and axe-core checks every page. Screenshots at 1280 and 360 px
// go to tests/artifacts/. Exit status 1 when any check fails.
//
//   node browser_test.mjs --server BIN --indexer BIN --source DIR [--artifacts DIR]
import fs from 'node:fs';
import {
  Checks, buildIndex, checkAxe, get, launchBrowser, makeTempDir, newPage, parseArgs, screenshot, startServer,
} from './harness.mjs';

const args = parseArgs(process.argv.slice(2));
const checks = new Checks();
const dir = makeTempDir();
let server = null;
let browser = null;

const total = (text) => Number(String(text).replace(/[^\d]/g, '')) || 0;
const param = (url, name) => new URL(url).searchParams.get(name);

async function api(base, query) {
  const res = await fetch(`${base}/api/v1/search${query ? `?${query}` : ''}`);
  return res.json();
}

async function pageState(page) {
  return page.evaluate(() => ({
    count: document.getElementById('result-count').textContent.trim(),
    range: (document.querySelector('.range') || { textContent: '' }).textContent.trim(),
    titles: [...document.querySelectorAll('.result-title a')].map((a) => a.textContent.trim()),
    chips: [...document.querySelectorAll('.chip')].map((c) => c.textContent.trim()),
    marks: document.querySelectorAll('.snippet mark').length,
    facets: Object.fromEntries([...document.querySelectorAll('.facet-values input')].map(
      (i) => [`${i.name}=${i.value}`, i.closest('label').querySelector('.n').textContent.trim()])),
  }));
}

function countsChanged(before, after, exceptParam) {
  return Object.keys(after).some((k) => !k.startsWith(`${exceptParam}=`) && before[k] !== after[k]);
}

// The first value of a facet group and the count shown beside it.
async function firstValue(page, facet) {
  const box = page.locator(`#facet-${facet} .facet-values input`).first();
  const value = await box.getAttribute('value');
  const count = total(await box.locator('xpath=..').locator('.n').textContent());
  return { box, value, count };
}

async function serverChecks(base) {
  const home = await get(`${base}/`);
  checks.equal(home.status, 200, 'GET / answers 200');
  checks.equal(home.headers['content-type'], 'text/html; charset=utf-8', 'pages are text/html; charset=utf-8');
  const csp = home.headers['content-security-policy'] || '';
  checks.ok(csp.includes("script-src 'self'") && !csp.includes('unsafe-inline'), 'CSP allows only own scripts', csp);
  const html = home.body.toString('utf8');
  checks.ok(!/<script>|<script [^>]*>[^<]+<\/script>|\sstyle="|\son[a-z]+="/.test(html), 'no inline script, style or handler');
  const assets = [...html.matchAll(/(?:href|src)="(\/static\/[^"]+\.(?:css|js)[^"]*)"/g)].map((m) => m[1]);
  let weight = home.body.length;
  for (const asset of assets) weight += (await get(`${base}${asset}`)).body.length;
  console.log(`# page weight of / (HTML ${home.body.length} B + ${assets.length} CSS/JS files): ${weight} bytes`);
  checks.ok(weight < 100 * 1024, `page weight of / under 100 KB (${(weight / 1024).toFixed(1)} KB)`);
  const gz = await get(`${base}/`, { 'Accept-Encoding': 'gzip' });
  checks.equal(gz.headers['content-encoding'], 'gzip', 'pages are sent gzip-compressed when accepted');
  const evil = await get(`${base}/?q=${encodeURIComponent('<script>alert(1)</script>"\'')}`);
  const evilHtml = evil.body.toString('utf8');
  checks.ok(!evilHtml.includes('<script>alert') && evilHtml.includes('&lt;script&gt;alert'), 'query text is escaped');
  const missing = await get(`${base}/no/such/page`);
  checks.ok(missing.status === 404 && missing.headers['content-type'].startsWith('text/html'), 'unknown page: HTML 404');
  const apiMissing = await get(`${base}/api/v1/nope`);
  checks.ok(apiMissing.status === 404 && apiMissing.headers['content-type'].startsWith('application/json'), 'unknown API path: JSON 404');
  const bad = await get(`${base}/?page=abc`);
  checks.ok(bad.status === 400 && bad.body.toString().includes('page'), 'bad parameter: HTML 400 naming it');
  checks.ok(!/EXCEPTION_WHAT/i.test(JSON.stringify(bad.headers)), 'errors expose no internals');
}

async function withJavaScript(base, all) {
  const page = await newPage(browser, base);
  await page.goto(`${base}/`);
  let s = await pageState(page);
  checks.equal(total(s.count), all, 'home lists every practice');
  checks.equal(s.titles.length, 20, 'home shows a first page of 20');
  await checkAxe(checks, page, 'the search page');
  await screenshot(page, args, 'search');
  await page.evaluate(() => { window.praxisSameDocument = true; });

  await page.fill('#q', 'school');
  await page.waitForURL((u) => param(u, 'q') === 'school');
  const typed = await pageState(page);
  checks.equal(total(typed.count), (await api(base, 'q=school')).total, 'typing updates the results (as the API counts)');
  checks.ok(typed.marks > 0, 'snippets highlight the query');
  checks.ok(await page.locator('#q').evaluate((e) => e === document.activeElement), 'the search box keeps focus while typing');

  const theme = await firstValue(page, 'theme');
  await theme.box.check();
  await page.waitForURL((u) => param(u, 'theme') === theme.value);
  const ticked = await pageState(page);
  checks.equal(total(ticked.count), theme.count, 'ticking a facet gives as many results as its count');
  checks.ok(countsChanged(typed.facets, ticked.facets, 'theme'), 'ticking a facet changes the other facets\' counts');
  checks.equal(ticked.chips.length, 1, 'the active filter shows as a chip');
  checks.ok(await page.evaluate(() => document.activeElement && document.activeElement.type === 'checkbox'),
    'focus stays on the ticked box');
  await checkAxe(checks, page, 'the search page with a filter');
  await screenshot(page, args, 'search-filtered');

  await page.locator(`#facet-theme input[value="${theme.value}"]`).uncheck();
  await page.waitForURL((u) => param(u, 'theme') === null);
  const unticked = await pageState(page);
  checks.equal(total(unticked.count), total(typed.count), 'unticking restores the results');
  checks.equal(unticked.chips.length, 0, 'unticking removes the chip');

  await page.fill('#q', '');
  await page.waitForURL((u) => param(u, 'q') === null);
  const page1 = await pageState(page);
  await page.click('.pagination a[rel="next"]');
  await page.waitForURL((u) => param(u, 'page') === '2');
  const page2 = await pageState(page);
  checks.ok(/21.40/.test(page2.range), 'page 2 shows results 21–40', page2.range);
  checks.ok(page2.titles[0] !== page1.titles[0], 'page 2 shows other practices');

  await page.selectOption('#sort', 'title');
  await page.waitForURL((u) => param(u, 'sort') === 'title');
  const sorted = await pageState(page);
  const byTitle = await api(base, 'sort=title');
  checks.equal(sorted.titles[0], byTitle.results[0].title, 'sorting by title puts the first title first');
  checks.equal(param(page.url(), 'page'), null, 'sorting starts again at page 1');

  await page.goBack();
  await page.waitForURL((u) => param(u, 'page') === '2' && param(u, 'sort') === null);
  await page.waitForFunction((first) => document.querySelector('.result-title a').textContent.trim() === first, page2.titles[0]);
  checks.ok(true, 'back returns to page 2 with its results');
  await page.goBack();
  await page.waitForURL((u) => param(u, 'page') === null && param(u, 'q') === null);
  await page.waitForFunction((first) => document.querySelector('.result-title a').textContent.trim() === first, page1.titles[0]);
  checks.ok(true, 'back again returns to page 1');
  checks.ok(await page.evaluate(() => window.praxisSameDocument === true), 'all of this happened without a full reload');

  await page.fill('#filter-country', 'germ');
  const visible = await page.locator('#facet-country .facet-values li:visible').allTextContents();
  checks.ok(visible.length === 1 && visible[0].includes('Germany'), 'the country filter box narrows the list', visible.join(' | '));
  await page.fill('#filter-country', '');

  await practiceFlow(page, base, true);

  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto(`${base}/`);
  const toggle = page.locator('.filters-toggle');
  checks.ok(await toggle.isVisible() && !(await page.locator('#facets').isVisible()), 'on a phone the filters fold behind a button');
  await toggle.click();
  checks.ok(await page.locator('#facets').isVisible() && (await toggle.getAttribute('aria-expanded')) === 'true', 'the button opens them');
  await checkAxe(checks, page, 'the search page at 360 px');
  checks.ok(page.problems.length === 0, 'no console errors, exceptions or third-party requests', page.problems.join('\n'));
  await page.context().close();
}

// Open a practice from the results, follow a link of its metadata panel, and come back.
async function practiceFlow(page, base, withScript) {
  const first = page.locator('.result-title a').first();
  const title = (await first.textContent()).trim();
  await first.click();
  await page.waitForURL(/\/practices\//);
  checks.equal((await page.locator('h1').textContent()).trim(), title, 'a result opens its practice page');
  checks.ok(await page.locator('.sources a').count() > 0, 'the practice lists its sources as links');
  checks.ok(await page.locator('.correction a').count() === 1, 'the practice has a "suggest a correction" link');
  if (withScript) {
    await checkAxe(checks, page, 'a practice page');
    await screenshot(page, args, 'practice');
  }
  const practiceUrl = page.url();
  const link = page.locator('.facts .value-links a').first();
  const label = (await link.textContent()).trim();
  await link.click();
  await page.waitForURL((u) => new URL(u).pathname === '/');
  const s = await pageState(page);
  const query = new URL(page.url()).search.slice(1);
  checks.ok(s.chips.some((c) => c.includes(label)), `a metadata link opens a filtered search (${label})`);
  checks.equal(total(s.count), (await api(base, query)).total, 'the filtered search counts as the API does');
  await page.goBack();
  await page.waitForURL(practiceUrl);
  checks.equal((await page.locator('h1').textContent()).trim(), title, 'back returns to the practice');
}

async function withoutJavaScript(base, all) {
  const page = await newPage(browser, base, { javaScriptEnabled: false });
  await page.goto(`${base}/`);
  checks.ok(await page.locator('.filters .apply').isVisible(), 'without JavaScript an "Apply filters" button shows');
  await page.fill('#q', 'police');
  await Promise.all([page.waitForURL((u) => param(u, 'q') === 'police'), page.click('.searchbox button[type=submit]')]);
  const searched = await pageState(page);
  checks.equal(total(searched.count), (await api(base, 'q=police')).total, 'no JS: the form searches');

  const theme = await firstValue(page, 'theme');
  await theme.box.check();
  await Promise.all([page.waitForURL((u) => param(u, 'theme') === theme.value), page.click('.filters .apply')]);
  const ticked = await pageState(page);
  checks.equal(total(ticked.count), theme.count, 'no JS: a ticked facet applies with the button');
  checks.ok(countsChanged(searched.facets, ticked.facets, 'theme'), 'no JS: other facets\' counts change');
  await Promise.all([page.waitForURL((u) => param(u, 'theme') === null), page.click('.chip')]);
  checks.equal(total((await pageState(page)).count), total(searched.count), 'no JS: a chip removes its filter');

  await page.fill('#q', '');
  await Promise.all([page.waitForURL((u) => param(u, 'q') === ''), page.click('.searchbox button[type=submit]')]);
  checks.equal(total((await pageState(page)).count), all, 'no JS: an empty search lists everything');
  await Promise.all([page.waitForURL((u) => param(u, 'page') === '2'), page.click('.pagination a[rel="next"]')]);
  checks.ok(/21.40/.test((await pageState(page)).range), 'no JS: pagination links work');
  await page.selectOption('#sort', 'title');
  await Promise.all([page.waitForURL((u) => param(u, 'sort') === 'title'), page.click('.sort button')]);
  checks.equal((await pageState(page)).titles[0], (await api(base, 'sort=title')).results[0].title, 'no JS: sorting works');
  await practiceFlow(page, base, false);
  checks.ok(page.problems.length === 0, 'no JS: no console errors or third-party requests', page.problems.join('\n'));
  await page.context().close();

  // axe needs JavaScript itself: check the markup a browser without it gets by blocking app.js.
  const plain = await newPage(browser, base);
  await plain.route('**/static/app.js*', (route) => route.abort());
  await plain.goto(`${base}/?q=police&theme=${encodeURIComponent(theme.value)}&page=1`);
  checks.ok(await plain.locator('.filters .apply').isVisible(), 'blocked app.js: the markup is the no-JS one');
  await checkAxe(checks, plain, 'the search page as served without JavaScript');
  await plain.setViewportSize({ width: 360, height: 780 });
  await checkAxe(checks, plain, 'the same at 360 px');
  await plain.context().close();
}

async function otherPages(base) {
  const page = await newPage(browser, base);
  await page.goto(`${base}/about`);
  checks.equal(await page.locator('.scale-level').count(), 8, 'the about page explains the 8 evidence levels');
  await checkAxe(checks, page, 'the about page');
  await screenshot(page, args, 'about');
  const missing = await page.goto(`${base}/practices/no-such-practice`);
  checks.equal(missing.status(), 404, 'an unknown practice is a 404');
  checks.ok(await page.locator('form[role=search] input[name=q]').count() === 1, 'the 404 page offers a search');
  await checkAxe(checks, page, 'the 404 page');
  await screenshot(page, args, 'not-found');
  await page.goto(`${base}/?q=polise`);
  const suggestion = page.locator('.did-you-mean a');
  checks.ok(await suggestion.count() === 1, 'a misspelt query gets a "did you mean"');
  if (await suggestion.count() === 1) {
    await Promise.all([page.waitForURL((u) => param(u, 'q') === 'police'), suggestion.click()]);
    checks.ok(total(await page.locator('#result-count').textContent()) > 0, '"did you mean" runs the corrected search');
  }
  const empty = await page.goto(`${base}/?q=${encodeURIComponent('zzqqxx nothing matches')}`);
  checks.equal(empty.status(), 200, 'a search with no results is still a page');
  checks.ok(await page.locator('.empty-state').isVisible(), 'no results: the empty state helps');
  await checkAxe(checks, page, 'the empty state');
  await screenshot(page, args, 'empty');
  await page.context().close();
}

// Statistics: pick the fields, read the cross-tab, follow a cell to the search it counts.
async function statsFlow(base) {
  const page = await newPage(browser, base);
  await page.goto(`${base}/stats`);
  checks.ok(await page.locator('table.crosstab').count() === 1, 'the statistics page shows a cross-tab');
  checks.ok(await page.locator('svg.map path.country').count() > 50, 'the map draws the OSCE area');
  await page.selectOption('#stats-rows', 'region');
  await page.selectOption('#stats-cols', 'evidence');
  await Promise.all([page.waitForURL((u) => param(u, 'rows') === 'region'), page.click('.stats-form button')]);
  checks.equal(param(page.url(), 'cols'), 'evidence', 'the chosen fields are in the address');
  const caption = (await page.locator('table.crosstab caption').textContent()).trim();
  checks.ok(/×/.test(caption), 'the table crosses the two chosen fields', caption);
  await checkAxe(checks, page, 'the statistics page');
  await screenshot(page, args, 'stats');
  // The first non-empty cell: its number must be the search's result count.
  const cell = page.locator('td.heat:not(.heat-0) a').first();
  const expected = total(await cell.textContent());
  await Promise.all([page.waitForURL((u) => new URL(u).pathname === '/'), cell.click()]);
  const url = new URL(page.url());
  checks.ok(url.searchParams.get('region') && url.searchParams.get('evidence'), 'a cell links to the search of its row and column', page.url());
  checks.equal(total(await page.locator('#result-count').textContent()), expected, 'the cell count equals the search result count');
  await page.context().close();
}

try {
  const index = buildIndex(args, dir);
  server = await startServer(args, index);
  const all = (await api(server.base, '')).total;
  checks.ok(all > 20, `the index holds the content (${all} practices)`);
  await serverChecks(server.base);
  browser = await launchBrowser(args);
  await checks.step('search with JavaScript', () => withJavaScript(server.base, all));
  await checks.step('search without JavaScript', () => withoutJavaScript(server.base, all));
  await checks.step('about and error pages', () => otherPages(server.base));
  await checks.step('statistics', () => statsFlow(server.base));
} catch (error) {
  checks.ok(false, 'the test could run', error && error.stack ? error.stack : error);
} finally {
  if (browser) await browser.close();
  if (server) server.child.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(`${checks.passed} passed, ${checks.failed} failed`);
process.exit(checks.failed === 0 ? 0 : 1);
