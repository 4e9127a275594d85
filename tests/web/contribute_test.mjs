// Browser test of the contribution form (/contribute): the real praxis-server with an index of
// the real content and an empty submissions folder; Debian's chromium fills the form in like a
// contributor, once with JavaScript (live preview, overlap warning, country filter, rows added
// in place) and once without (everything through full page loads), and axe-core checks the
// pages. Screenshots go to the artifacts folder. Exit status 1 when any check fails.
//
//   node contribute_test.mjs --server BIN --indexer BIN --source DIR [--artifacts DIR]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  Checks, buildIndex, checkAxe, launchBrowser, makeTempDir, newPage, parseArgs, screenshot,
} from './harness.mjs';

const args = parseArgs(process.argv.slice(2));
const checks = new Checks();
const dir = makeTempDir();
const submissions = path.join(dir, 'submissions');
let server = null;
let browser = null;

// Like the harness's startServer, with the contribution options.
function startServer(index) {
  const child = spawn(args.server, [
    '--index', index, '--host', '127.0.0.1', '--port', '0',
    '--web', path.join(args.source, 'web'), '--schemas', path.join(args.source, 'schemas'),
    '--content', path.join(args.source, 'content'), '--submissions', submissions,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`praxis-server did not start:\n${stderr}`)), 15000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = stderr.match(/on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve({ child, base: match[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`praxis-server exited (${code}):\n${stderr}`)));
  });
}

const pending = () => (fs.existsSync(path.join(submissions, 'pending'))
  ? fs.readdirSync(path.join(submissions, 'pending')).sort() : []);

// The fields every run fills in; `title` makes the id.
async function fillBasics(page, title) {
  await page.fill('#field-title', title);
  await page.fill('#field-summary', 'Youth workers and community officers run evening football for '
    + 'teenagers in the Lendplatz area, with talks about cannabis and alcohol at half-time.');
  await page.selectOption('#field-language', 'en');
  await page.fill('#field-start_year', '2021');
  await page.check('input[name="themes"][value="alternative-activities"]');
  await page.check('input[name="target_groups"][value="at-risk-youth"]');
  await page.check('input[name="settings"][value="sport-leisure"]');
  await page.check('input[name="actors"][value="police"]');
  await page.check('input[name="evidence"][value="not-evaluated"]');
  await page.fill('#field-sources-1-title', 'Project page');
  await page.fill('#field-sources-1-url', 'https://example.org/lendplatz-football');
}

async function withJavaScript(base) {
  const page = await newPage(browser, base);
  await page.goto(`${base}/contribute`);
  await page.evaluate(() => { window.notReloaded = true; });
  await checkAxe(checks, page, 'the contribution form');

  // The country list can be filtered by typing.
  const filter = page.locator('#country-filter');
  checks.ok(await filter.isVisible(), 'JS: the country filter is shown');
  await filter.fill('kyrg');
  const visible = await page.locator('.countries li:visible').allTextContents();
  checks.ok(visible.length === 1 && visible[0].includes('Kyrgyzstan'), 'JS: typing filters the countries', visible.join(', '));
  await page.check('input[name="countries"][value="KG"]');
  await filter.fill('');

  await fillBasics(page, 'Evening football at Lendplatz with JavaScript');

  // A row is added in place, numbered, with empty fields, and removed again.
  const rows = () => page.locator('[data-rows="sources"] .row').count();
  const before = await rows();
  await page.click('button[value="add_source"]');
  checks.equal(await rows(), before + 1, 'JS: "Add a source" adds a row without a page load');
  checks.ok(await page.locator(`input[name="sources[${before + 1}].url"]`).count() === 1, 'JS: the new row is numbered');
  await page.locator('[data-rows="sources"] .row').last().locator('.remove-row').click();
  checks.equal(await rows(), before, 'JS: "Remove this row" removes it');

  // The description is previewed live by the server's own Markdown renderer.
  await page.fill('#field-body', '## Context\n\nTeenagers had **nowhere** to go in the evening.\n');
  await page.waitForSelector('#preview-body strong', { timeout: 5000 });
  checks.equal(await page.locator('#preview-body strong').textContent(), 'nowhere', 'JS: live preview of the Markdown');
  checks.ok(await page.locator('#preview-body h2').count() === 1, 'JS: headings in the preview');

  // Writing up a practice that is already there brings up the overlap warning while typing.
  const planted = fs.readFileSync(path.join(args.source, 'tests/fixtures/overlap/planted/vienna-party-drug-testing-service.md'), 'utf8');
  const front = planted.split('\n---\n')[0];
  const title = front.match(/^title: (.*)$/m)[1];
  const summary = front.match(/^summary: >-\n((?:  .*\n?)+)/m)[1].replace(/\s+/g, ' ').trim();
  const saved = { title: await page.inputValue('#field-title'), summary: await page.inputValue('#field-summary') };
  await page.fill('#field-title', title);
  await page.fill('#field-summary', summary);
  await page.fill('#field-body', planted.split('\n---\n')[1]);
  await page.waitForSelector('#overlaps:not([hidden]) a', { timeout: 5000 }).catch(() => {});
  const overlap = await page.locator('#overlaps a').first().getAttribute('href').catch(() => null);
  checks.equal(overlap, '/practices/checkit-vienna-drug-checking', 'JS: a similar existing practice is shown while typing');
  await page.fill('#field-title', saved.title);
  await page.fill('#field-summary', saved.summary);
  await page.fill('#field-body', '## Context\n\nTeenagers had **nowhere** to go in the evening.\n');

  // Sending with a problem: the page comes back with the message beside the field, input kept.
  await page.fill('#field-start_year', '20x1');
  await page.click('button.primary[value="submit"]');
  await page.waitForLoadState();
  checks.ok(await page.locator('#field-start_year-problem-1').isVisible(), 'JS: the problem is shown beside its field');
  checks.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'problem-summary',
    'JS: focus moves to the list of problems');
  checks.equal(await page.inputValue('#field-title'), 'Evening football at Lendplatz with JavaScript', 'JS: the title is kept');
  checks.ok(await page.isChecked('input[name="countries"][value="KG"]'), 'JS: the chosen country is kept');
  checks.equal(await page.inputValue('#field-sources-1-url'), 'https://example.org/lendplatz-football', 'JS: the source is kept');
  await checkAxe(checks, page, 'the form with problems');

  await page.fill('#field-start_year', '2021');
  await page.click('button.primary[value="submit"]');
  await page.waitForLoadState();
  checks.ok((await page.textContent('main')).includes('Your receipt number:'), 'JS: the receipt page after sending');
  await checkAxe(checks, page, 'the receipt page');
  await screenshot(page, args, 'contribute-received');
  checks.ok(pending().includes('evening-football-at-lendplatz-with-javascript.md'), 'JS: the submission is pending');
  // The form sent back with its problems is a 422, which the console reports; nothing else may.
  const problems = page.problems.filter((p) => !/status of 422/.test(p));
  checks.equal(problems.join('\n'), '', 'JS: no console errors or third-party requests');
  await page.context().close();
}

async function withoutJavaScript(base) {
  const page = await newPage(browser, base, { javaScriptEnabled: false });
  await page.goto(`${base}/contribute`);
  checks.ok(!(await page.locator('#country-filter').isVisible()), 'no JS: the filter stays hidden');
  checks.equal(await page.locator('.remove-row:visible').count(), 0, 'no JS: no buttons that need a script');
  await page.check('input[name="countries"][value="AT"]');
  await fillBasics(page, 'Evening football at Lendplatz without JavaScript');
  await page.fill('#field-body', '## Context\n\nTeenagers had **nowhere** to go.\n');

  // Adding a row goes through the server and keeps everything.
  await page.click('button[value="add_source"]');
  await page.waitForLoadState();
  checks.equal(await page.locator('input[name="sources[3].url"]').count(), 1, 'no JS: "Add a source" adds a row');
  checks.equal(await page.inputValue('#field-title'), 'Evening football at Lendplatz without JavaScript', 'no JS: input kept after adding a row');
  await page.fill('#field-sources-3-title', 'Local newspaper');
  await page.fill('#field-sources-3-url', 'not a link');

  // The preview is rendered by the server, with the problems. The empty second row is left out,
  // so the third becomes the second, as the validator numbers it.
  await page.click('.form-actions button[value="preview"]');
  await page.waitForLoadState();
  checks.equal(await page.locator('#preview-body strong').textContent(), 'nowhere', 'no JS: the preview button renders the Markdown');
  checks.equal(await page.inputValue('#field-sources-2-title'), 'Local newspaper', 'no JS: rows are kept in order');
  checks.ok((await page.textContent('#field-sources-2-url-problem-1')).includes("'not a link' is not an http:// or https:// URL"),
    'no JS: the problem is beside the source URL');
  checks.equal(pending().length, 1, 'no JS: a preview stores nothing');
  await screenshot(page, args, 'contribute-problems-nojs');

  await page.fill('#field-sources-2-url', 'https://example.org/newspaper');
  await page.click('button.primary[value="submit"]');
  await page.waitForLoadState();
  checks.ok((await page.textContent('main')).includes('Your receipt number:'), 'no JS: the receipt page after sending');
  checks.ok(pending().includes('evening-football-at-lendplatz-without-javascript.md'), 'no JS: the submission is pending');
  const stored = fs.readFileSync(path.join(submissions, 'pending', 'evening-football-at-lendplatz-without-javascript.md'), 'utf8');
  checks.ok(stored.includes('https://example.org/newspaper') && stored.includes('countries: ["AT"]'), 'no JS: everything typed was stored');
  await page.context().close();
}

try {
  const index = buildIndex(args, dir);
  server = await startServer(index);
  browser = await launchBrowser(args);
  await checks.step('with JavaScript', () => withJavaScript(server.base));
  await checks.step('without JavaScript', () => withoutJavaScript(server.base));
} catch (error) {
  checks.ok(false, 'set-up', error.stack);
} finally {
  if (browser) await browser.close();
  if (server) server.child.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(`${checks.passed} passed, ${checks.failed} failed`);
process.exit(checks.failed === 0 ? 0 : 1);
