// The browser test's harness: a real index and a real praxis-server in a temporary folder,
// Debian's chromium through playwright-core, axe-core, and a small check counter.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) {
      throw new Error(`usage: browser_test.mjs --server BIN --indexer BIN --source DIR [--artifacts DIR] [--chromium BIN]`);
    }
    args[argv[i].slice(2)] = argv[i + 1];
  }
  for (const required of ['server', 'indexer', 'source']) {
    if (!args[required]) throw new Error(`missing --${required}`);
  }
  args.artifacts ??= path.join(args.source, 'tests', 'artifacts');
  args.chromium ??= '/usr/bin/chromium';
  return args;
}

// Counts checks; a failed check is reported and the run goes on, so one run shows every problem.
export class Checks {
  constructor() { this.passed = 0; this.failed = 0; }
  ok(condition, name, detail = '') {
    if (condition) {
      this.passed += 1;
      console.log(`ok - ${name}`);
    } else {
      this.failed += 1;
      console.log(`not ok - ${name}${detail ? `\n    ${String(detail).replace(/\n/g, '\n    ')}` : ''}`);
    }
    return condition;
  }
  equal(actual, expected, name) {
    return this.ok(actual === expected, name, `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
  // Runs a step; an exception fails it instead of ending the run.
  async step(name, fn) {
    try {
      await fn();
    } catch (error) {
      this.ok(false, `${name} (step failed)`, error && error.stack ? error.stack.split('\n').slice(0, 4).join('\n') : error);
    }
  }
}

export function makeTempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-web-test-'));
}

export function buildIndex(args, dir) {
  const index = path.join(dir, 'index');
  const run = spawnSync(args.indexer, [
    '--content', path.join(args.source, 'content'),
    '--schemas', path.join(args.source, 'schemas'),
    '--index', index, '--quiet',
  ], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`praxis-index failed (${run.status}):\n${run.stdout}${run.stderr}`);
  return index;
}

// Starts praxis-server on a free port; resolves with its base URL once it listens.
export function startServer(args, index) {
  const child = spawn(args.server, [
    '--index', index, '--host', '127.0.0.1', '--port', '0',
    '--web', path.join(args.source, 'web'), '--schemas', path.join(args.source, 'schemas'),
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`praxis-server did not start:\n${stderr}`)), 15000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = stderr.match(/on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve({ child, base: match[1], log: () => stderr });
      }
    });
    child.on('exit', (code) => reject(new Error(`praxis-server exited (${code}):\n${stderr}`)));
  });
}

export async function launchBrowser(args) {
  return chromium.launch({
    executablePath: args.chromium,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}

// A page that records console errors, uncaught exceptions and requests to other origins.
export async function newPage(browser, base, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`exception: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:')) page.problems.push(`third-party request: ${r.url()}`);
  });
  return page;
}

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// axe-core's rules (WCAG 2.0/2.1 A and AA, and best practices) on the page as it is now.
// Evaluated through the DevTools protocol, so the page's CSP needs no exception.
export async function axeViolations(page) {
  const defined = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!defined) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

export async function checkAxe(checks, page, name) {
  const violations = await axeViolations(page);
  checks.ok(violations.length === 0, `axe: no violations on ${name}`, violations.join('\n'));
}

export async function screenshot(page, args, name) {
  fs.mkdirSync(args.artifacts, { recursive: true });
  const size = page.viewportSize();
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
    await page.screenshot({ path: path.join(args.artifacts, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(size);
}

// A GET without compression (or with it): status, headers and the body's length in bytes.
export function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
