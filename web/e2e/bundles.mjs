#!/usr/bin/env node
// Browser test of the bundle pages (一件事) against a real tongban server (after `npm run build`):
//
//   TONGBAN_BIN=/path/to/tongban node e2e/bundles.mjs
//
// A visitor reads the bundle catalogue and its before/after figures; an enterprise applies for
// the construction chain with the one-form wizard (one form, one set of documents); the window
// and the 住建局 reviewer handle the four child cases over the API; the parent page shows the
// combined progress and timeline, and the front clerk hands the results out together.
// Same server/browser set-up as cases.mjs. Screenshots go to build/screenshots/bundles-*.png.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(webDir, '..');
const screenshotDir = join(repoRoot, 'build', 'screenshots');
const staticDir = resolve(process.env.TONGBAN_STATIC_DIR ?? join(webDir, 'dist'));
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const PASSWORD = 'Tongban@2026';
const STARTUP_TIMEOUT_MS = 60_000;
const STEP_TIMEOUT_MS = 15_000;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const CHAIN = 'construction-permit'; // data/bundles/construction-permit.json
// The documents the applicant hands in for the chain (the rest are the unified form, 电子证照,
// shared data, or another item's result).
const UPLOADS = ['施工合同及监理合同', '施工图设计文件审查合格书', '项目负责人及安全员证书', '施工图审查合格书', '施工图审查报告', '施工合同', '建设资金已落实承诺书'];

function pdf(label) {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${label}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

class Failure extends Error {}
function check(condition, message) {
  if (!condition) throw new Failure(message);
}

// ---- server and pages (as in run.mjs) ----

function startServer(bin, dbDir) {
  const args = ['serve', '--db', `sqlite:${join(dbDir, 'e2e.db')}`, '--port', '0', '--static-dir', staticDir, '--demo'];
  // cwd: the temporary directory, so uploads (files_dir defaults to ./var/files) go away with it.
  const child = spawn(bin, args, { cwd: dbDir, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  const baseUrl = new Promise((resolveUrl, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('server did not start')), STARTUP_TIMEOUT_MS);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        log.push(line);
        const m = line.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
        if (m) {
          clearTimeout(timer);
          resolveUrl(m[1]);
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => log.push(...chunk.split('\n').filter(Boolean)));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (code ${code}, signal ${signal})`));
    });
  });
  return { child, log, baseUrl };
}

function stopServer(child) {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killTimer);
      done();
    });
    child.kill('SIGTERM');
  });
}

async function newPage(browser, baseUrl, options = {}) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, locale: 'zh-CN', ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { context, page, pageErrors };
}

async function login(page, username) {
  await page.goto('/');
  await page.waitForURL(/\/login\?redirect=/);
  await page.fill('[data-testid="login-username"]', username);
  await page.fill('[data-testid="login-password"]', PASSWORD);
  await page.click('[data-testid="login-submit"]');
  await page.waitForSelector('[data-testid^="home-"]');
}

/** Runs `fn` as `username` in a fresh browser context; checks for uncaught page errors. */
async function as(browser, baseUrl, username, fn, options = {}) {
  const { context, page, pageErrors } = await newPage(browser, baseUrl, options);
  try {
    await login(page, username);
    await fn(page);
    check(pageErrors.length === 0, `${username}: uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
}

const shot = (page, name, fullPage = true) =>
  page.screenshot({ path: join(screenshotDir, `bundles-${name}.png`), fullPage, animations: 'disabled' });

/** The API as a staff member (bearer token: no CSRF, no browser). */
async function staff(baseUrl, username) {
  const r = await fetch(`${baseUrl}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const { token } = await r.json();
  const call = async (method, path, body) => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    check(res.ok, `${username} ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { get: (p) => call('GET', p), post: (p, b = {}) => call('POST', p, b) };
}

/** The reviewer passes every task of the (accepted) child and approves. */
async function decide(reviewer, caseId) {
  for (let i = 0; i < 6; i += 1) {
    const c = await reviewer.get(`/cases/${caseId}`);
    const task = c.tasks.find((t) => t.state === 'active');
    if (!task) break;
    await reviewer.post(`/tasks/${task.id}/opinion`, { result: 'pass', opinion: '符合要求' });
  }
  await reviewer.post(`/cases/${caseId}/decide`, { decision: 'approve', reason: '符合法定条件' });
}

// ---- tests ----

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
const shared = {};

test('a visitor reads the bundle catalogue with figures computed from the catalog', async ({ browser, baseUrl }) => {
  const { context, page, pageErrors } = await newPage(browser, baseUrl);
  try {
    await page.goto('/bundles');
    await page.locator(`[data-testid="bundle-${CHAIN}"]`).waitFor();
    check((await page.locator('[data-testid="bundle-business-start"]').count()) === 1, 'no 企业开办 card');
    const docs = (await page.textContent(`[data-testid="figure-${CHAIN}-documents"]`)).replace(/\s+/g, ' ');
    check(docs.includes('17 → 11'), `documents figure: ${docs}`);
    const days = (await page.textContent(`[data-testid="figure-${CHAIN}-limit_days"]`)).replace(/\s+/g, ' ');
    check(days.includes('6 → 3') && days.includes('50%'), `limit figure: ${days}`);
    await page.locator(`[data-testid="figures-${CHAIN}"] canvas`).first().waitFor();
    await shot(page, 'catalogue');
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
});

test('an enterprise applies once for four items with one form and one set of documents', async ({ browser, baseUrl }) => {
  await as(browser, baseUrl, 'company', async (page) => {
    await page.goto('/bundles');
    await page.click(`[data-testid="bundle-apply-${CHAIN}"]`);
    await page.waitForSelector('[data-testid="bundle-apply-page"]');
    await page.fill('[data-testid="bundle-field-project_name"]', '端到端一件事项目');
    await page.fill('[data-testid="bundle-field-project_code"]', '2026-450100-47-01-000009');
    await page.fill('[data-testid="bundle-field-builder"]', '南宁示例科技有限公司');
    for (const key of UPLOADS) {
      await page.setInputFiles(`[data-testid="upload-${key}"]`, { name: `${key}.pdf`, mimeType: 'application/pdf', buffer: pdf(key) });
      await page.locator(`[data-testid="uploaded-${key}"]`).waitFor();
    }
    // 营业执照 is needed by three items and asked for nowhere: it comes from the certificate library.
    check((await page.locator('[data-testid="upload-营业执照"]').count()) === 0, '营业执照 asked for');
    await shot(page, 'wizard');
    await page.dblclick('[data-testid="bundle-submit"]');
    await page.waitForURL(/\/bundle-cases\/\d+$/);
    shared.parentId = Number(page.url().match(/\/bundle-cases\/(\d+)$/)[1]);
    await page.locator('[data-testid="bundle-children"] .el-table__row').nth(3).waitFor();
    check((await page.locator('[data-testid="bundle-children"] .el-table__row').count()) === 4, 'not four children');
    const state = await page.textContent('[data-testid="bundle-progress-state"]');
    check(state.includes('办理中'), `progress: ${state}`);
    const mine = await page.evaluate(async () => (await fetch('/api/v1/bundle-cases')).json());
    check(mine.total === 1, `a double click made ${mine.total} applications`);
    shared.children = (await page.evaluate(async (id) => (await fetch(`/api/v1/bundle-cases/${id}`)).json(), shared.parentId)).children.map((c) => c.id);
  });
});

test('the window accepts all four at once, the department decides, the window hands out together', async ({ browser, baseUrl }) => {
  check(shared.parentId, 'no application from the previous test');
  await as(browser, baseUrl, 'clerk', async (page) => {
    await page.goto(`/bundle-cases/${shared.parentId}`);
    await page.click('[data-testid="bundle-accept"]');
    await page.locator('[data-testid="bundle-accept"]').waitFor({ state: 'detached' });
    await shot(page, 'parent-accepted');
  });
  const clerk = await staff(baseUrl, 'clerk');
  const reviewer = await staff(baseUrl, 'reviewer');
  for (const id of shared.children) await decide(reviewer, id);
  await as(browser, baseUrl, 'clerk', async (page) => {
    // The 投资建设 window of the front desk lists the application as ready to hand out.
    await page.click('[data-testid="menu-desk"]');
    await page.waitForSelector('[data-testid="desk-page"]');
    await page.click('[data-testid="desk-category-投资建设"]');
    await page.locator(`[data-testid="desk-ready-${shared.parentId}"]`).waitFor();
    await shot(page, 'desk');
    await page.click(`[data-testid="desk-ready-${shared.parentId}"]`);
    await page.waitForSelector('[data-testid="bundle-case-page"]');
    // What the applicant has on file, so the window asks for nothing twice.
    await page.locator('[data-testid="bundle-on-file"]').waitFor();
    const onFile = await page.locator('[data-testid="bundle-on-file"] .on-file').count();
    check(onFile === UPLOADS.length, `${onFile} documents on file`);
    check((await page.textContent('[data-testid="bundle-progress-state"]')).includes('已全部办结'), 'not completed');
    const events = await page.locator('[data-testid="bundle-timeline"] .el-timeline-item').count();
    check(events >= 4 * 5, `timeline shows ${events} events`);
    await page.click('[data-testid="bundle-deliver"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="bundle-progress-state"]')?.textContent.includes('已出件'));
    await shot(page, 'parent-delivered');
  });
  const parent = await clerk.get(`/bundle-cases/${shared.parentId}`);
  check(parent.children.every((c) => c.state === 'delivered'), 'a child was not delivered');
});

test('a second application hands in nothing again: the documents on file are reused', async ({ browser, baseUrl }) => {
  await as(browser, baseUrl, 'company', async (page) => {
    await page.goto(`/bundles/${CHAIN}/apply`);
    await page.waitForSelector('[data-testid="bundle-apply-page"]');
    // The form comes pre-filled from the first application.
    await page.waitForFunction(() => document.querySelector('[data-testid="bundle-field-builder"]')?.value === '南宁示例科技有限公司');
    await page.fill('[data-testid="bundle-field-project_name"]', '第二个项目');
    await page.fill('[data-testid="bundle-field-project_code"]', '2026-450100-47-01-000010');
    await page.fill('[data-testid="bundle-field-builder"]', '南宁示例科技有限公司');
    for (const key of UPLOADS) await page.locator(`[data-testid="bundle-reuse-${key}"]`).waitFor();
    await shot(page, 'wizard-reuse');
    await page.click('[data-testid="bundle-submit"]');
    await page.waitForURL(/\/bundle-cases\/\d+$/);
    await page.locator('[data-testid="bundle-children"] .el-table__row').nth(3).waitFor();
    const mine = await page.evaluate(async () => (await fetch('/api/v1/bundle-cases')).json());
    check(mine.total === 2, `${mine.total} applications`);
    // 套餐: ticking an optional item of 企业开办 updates the figures from the server.
    await page.goto('/bundles/business-start/apply');
    const docs = page.locator('[data-testid="figure-business-start-documents"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="figure-business-start-documents"]')?.textContent.includes('11 →'));
    await page.click('[data-testid="bundle-item-11450100498500180W2100180001000"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="figure-business-start-documents"]')?.textContent.includes('12 →'));
    check((await docs.textContent()).includes('12 →'), 'figures did not follow the selection');
  });
});

test('in English the catalogue and the parent case read in English, no raw message keys', async ({ browser, baseUrl }) => {
  check(shared.parentId, 'needs the application of the second test');
  const { context, page, pageErrors } = await newPage(browser, baseUrl);
  try {
    await context.addInitScript(() => localStorage.setItem('tongban.locale', 'en'));
    await login(page, 'company');
    await page.goto('/bundles');
    await page.locator(`[data-testid="figures-${CHAIN}"]`).waitFor();
    let text = await page.textContent('[data-testid="bundles-page"]');
    check(text.includes('Before and after') && text.includes('Time limit (working days)'), 'English catalogue texts missing');
    check(!/bundles\.[a-z]/.test(text), `raw keys: ${text.match(/bundles\.[\w.]+/g)}`);
    await page.goto(`/bundle-cases/${shared.parentId}`);
    await page.locator('[data-testid="bundle-progress-state"]').waitFor();
    text = await page.textContent('[data-testid="bundle-case-page"]');
    check(text.includes('Handed out'), `English progress: ${text.slice(0, 200)}`);
    check(!/(bundles|cases)\.[a-z]/.test(text), `raw keys: ${text.match(/(bundles|cases)\.[\w.]+/g)}`);
    await shot(page, 'parent-en');
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
});

async function main() {
  const bin = process.env.TONGBAN_BIN;
  if (!bin) throw new Error('set TONGBAN_BIN to the tongban server binary');
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error(`${staticDir}/index.html not found: run \`npm run build\` first`);
  if (!existsSync(chromiumPath)) throw new Error(`no browser at ${chromiumPath}`);
  mkdirSync(screenshotDir, { recursive: true });
  const dbDir = mkdtempSync(join(tmpdir(), 'tongban-e2e-bundles-'));
  const server = startServer(resolve(bin), dbDir);
  let browser;
  const failures = [];
  let ran = 0;
  const interrupt = () => {
    server.child.kill('SIGKILL');
    process.exit(130);
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const baseUrl = await server.baseUrl;
    console.log(`server: ${baseUrl}`);
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
    const only = process.env.E2E_ONLY;
    for (const t of tests.filter((x) => !only || x.name.includes(only))) {
      const started = Date.now();
      ran += 1;
      try {
        await t.fn({ browser, baseUrl });
        console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
      } catch (e) {
        failures.push(t.name);
        console.log(`FAIL ${t.name}\n     ${String(e.message ?? e).split('\n').join('\n     ')}`);
      }
    }
  } catch (e) {
    failures.push(`setup: ${e.message ?? e}`);
    console.log(`FAIL setup: ${e.message ?? e}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await stopServer(server.child);
    server.baseUrl.catch(() => undefined);
    if (failures.length > 0) {
      console.log('--- server output (last 40 lines) ---');
      console.log(server.log.slice(-40).join('\n'));
    }
    rmSync(dbDir, { recursive: true, force: true });
  }
  console.log(failures.length === 0 ? `all ${ran} bundle e2e tests passed` : `${failures.length} failed`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`e2e: ${e.message ?? e}`);
    process.exit(1);
  },
);
