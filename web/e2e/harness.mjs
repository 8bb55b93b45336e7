// Shared set-up of the browser tests (cases.mjs, bundles.mjs, projects.mjs): a real tongban server on a
// fresh SQLite file in a temporary directory, Debian's chromium through playwright-core,
// sign-in helpers, screenshots under build/screenshots/ and a small sequential runner.
//
// Time is simulated: every server starts at E2E_START (`--clock-start`) and every browser
// context's clock at the same instant (Playwright's clock), both then running at real speed, so
// no outcome depends on the day the tests run. A test continues later on the same database
// with `await restartAt(instant)` (passed to each test by runSuite).
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
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
export const PASSWORD = 'Tongban@2026';
const STARTUP_TIMEOUT_MS = 60_000;
const STEP_TIMEOUT_MS = 15_000;
// A Monday morning in Beijing (a working day, far from holidays and the calendar's ends).
export const E2E_START = '2026-06-01T09:30:00+08:00';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// A tiny valid PDF: the server decides the type from the bytes.
export function pdf(label) {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${label}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

export class Failure extends Error {}
export function check(condition, message) {
  if (!condition) throw new Failure(message);
}

// ---- simulated time ----

// The server's instant `start` (ms) was current when this process's clock read `at`.
let simulated = { start: Date.parse(E2E_START), at: Date.now() };
/** The simulated now, as the running server reads it (to the millisecond or so). */
export const simulatedNow = () => new Date(simulated.start + Date.now() - simulated.at);

/** Sets the context's Date to the simulated now and lets it run at real speed (timers too). */
export async function installClock(context) {
  await context.clock.install({ time: simulatedNow() });
  await context.clock.resume(); // install alone pauses time: Element Plus's timers would stall
}

/**
 * `start` plus `days` working days as a Beijing date "YYYY-MM-DD" (weekends skipped; the suites
 * pick instants away from holidays).
 */
export function plusWeekdays(days, start = simulatedNow()) {
  const d = new Date(start.getTime() + 8 * 3600_000);
  for (let left = days; left > 0; ) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left -= 1;
  }
  return d.toISOString().slice(0, 10);
}

// ---- server and pages ----

/** Starts the server on `dbDir`'s database with its clock at `clockStart`; `port` 0: any. */
export function startServer(bin, dbDir, { clockStart = E2E_START, port = 0 } = {}) {
  const args = ['serve', '--db', `sqlite:${join(dbDir, 'e2e.db')}`, '--port', String(port), '--static-dir', staticDir, '--demo', '--clock-start', clockStart];
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
          simulated = { start: Date.parse(clockStart), at: Date.now() };
          authenticators.clear(); // a fresh database: nobody has enrolled yet
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

export function stopServer(child) {
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

export async function newPage(browser, baseUrl, options = {}) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, locale: 'zh-CN', ...options });
  await installClock(context);
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // The server's Content-Security-Policy (no inline or foreign script): a violation is an error.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) pageErrors.push(m.text());
  });
  return { context, page, pageErrors };
}

// ---- the second factor (TOTP, RFC 6238), as the users' authenticator apps compute it ----

/** Demo logins whose role must sign in with a second factor (the server's default policy). */
export const SECOND_FACTOR_USERS = new Set(['admin', 'security', 'auditor', 'supervisor']);
/** username → { secret, lastStep, recovery }: enrolled on the running server's database. */
const authenticators = new Map();

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** The six-digit code of `secret` for TOTP time step `step`. */
export function totpCode(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[19] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 1_000_000).padStart(6, '0');
}

/** A code the server has not accepted yet: this step's, the next one's, then recovery codes. */
export function nextCode(username) {
  const a = authenticators.get(username);
  const now = Math.floor(simulatedNow().getTime() / 30_000);
  for (let step = now; step <= now + 1; step++) {
    if (a.lastStep === undefined || step > a.lastStep) {
      a.lastStep = step;
      return totpCode(a.secret, step);
    }
  }
  check(a.recovery.length > 0, `${username}: no unused second-factor code left`);
  return a.recovery.pop();
}

/**
 * Fills the sign-in form and submits it; for a second-factor account, completes the next
 * step too: the enrolment (scan → first code → recovery codes) or the code.
 */
export async function submitLogin(page, username, password = PASSWORD) {
  await page.fill('[data-testid="login-username"]', username);
  await page.fill('[data-testid="login-password"]', password);
  await page.click('[data-testid="login-submit"]');
  if (!SECOND_FACTOR_USERS.has(username) || password !== PASSWORD) return;
  await page.waitForSelector('[data-testid="login-step"]');
  const secretEl = await page.$('[data-testid="second-factor-secret"]');
  if (secretEl) {
    await page.waitForSelector('[data-testid="second-factor-qr"]');
    authenticators.set(username, { secret: await secretEl.getAttribute('data-secret'), lastStep: undefined, recovery: [] });
  }
  await page.fill('[data-testid="login-code"]', nextCode(username));
  await page.click('[data-testid="login-submit"]');
  if (secretEl) {
    await page.waitForSelector('[data-testid="recovery-codes"]');
    const codes = await page.locator('[data-testid="recovery-codes"] li').allTextContents();
    check(codes.length === 10, `${username}: expected 10 recovery codes, got ${codes.length}`);
    authenticators.get(username).recovery = codes.map((c) => c.trim());
    await page.click('[data-testid="recovery-done"]');
  }
}

export async function login(page, username) {
  await page.goto('/');
  await page.waitForURL(/\/login\?redirect=/);
  await submitLogin(page, username);
  await page.waitForSelector('[data-testid^="home-"]');
}

/**
 * Picks the option `text` of the el-select `select` (a locator): opens it, clicks the option
 * and waits until the select shows it with its list closed. On a loaded machine a click can
 * land while the list is still opening; it is tried again (at most three times).
 */
export async function pickOption(page, select, text) {
  for (let attempt = 1; ; attempt++) {
    if ((await page.locator('.el-select-dropdown:visible').count()) === 0) await select.click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click();
    try {
      await select.filter({ hasText: text }).waitFor({ timeout: 3000 });
      await page.locator('.el-select-dropdown:visible').waitFor({ state: 'hidden', timeout: 3000 });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

/** Runs `fn` as `username` in a fresh browser context; checks for uncaught page errors. */
export async function as(browser, baseUrl, username, fn, options = {}) {
  const { context, page, pageErrors } = await newPage(browser, baseUrl, options);
  try {
    await login(page, username);
    await fn(page);
    check(pageErrors.length === 0, `${username}: uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
}

/** The API as a demo user (bearer token: no CSRF, no browser); a refused call fails the test. */
export async function staff(baseUrl, username) {
  const signIn = async (extra = {}) => {
    const r = await fetch(`${baseUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD, ...extra }),
    });
    return r.json();
  };
  let answer = await signIn();
  if (answer.code === 'second_factor_enrolment_required') {
    authenticators.set(username, { secret: answer.enrolment.secret, lastStep: undefined, recovery: [] });
    answer = await signIn({ second_factor: nextCode(username) });
    authenticators.get(username).recovery = answer.recovery_codes ?? [];
  } else if (answer.code === 'second_factor_required') {
    answer = await signIn({ second_factor: nextCode(username) });
  }
  check(typeof answer.token === 'string', `${username}: token refused: ${JSON.stringify(answer)}`);
  const { token } = answer;
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
  return { get: (p) => call('GET', p), post: (p, b = {}) => call('POST', p, b), put: (p, b) => call('PUT', p, b) };
}

/** A screenshot build/screenshots/<suite>-<name>.png. */
export const shotter = (suite) => (page, name, fullPage = true) =>
  page.screenshot({ path: join(screenshotDir, `${suite}-${name}.png`), fullPage, animations: 'disabled' });

/**
 * Runs `tests` ({name, fn({browser, baseUrl, restartAt})}) in order against one fresh server
 * with the demo data and one headless chromium; E2E_ONLY filters by name. Exits the process
 * with 0 when every test passed. `await restartAt('2026-06-04T09:30:00+08:00')` stops the
 * server and starts it again on the same database and port with its clock at that instant;
 * browser contexts opened afterwards start there too (the tests after it stay there).
 */
export function runSuite(suite, tests) {
  main(suite, tests).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`e2e: ${e.message ?? e}`);
      process.exit(1);
    },
  );
}

async function main(suite, tests) {
  const bin = process.env.TONGBAN_BIN;
  if (!bin) throw new Error('set TONGBAN_BIN to the tongban server binary');
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error(`${staticDir}/index.html not found: run \`npm run build\` first`);
  if (!existsSync(chromiumPath)) throw new Error(`no browser at ${chromiumPath}`);
  mkdirSync(screenshotDir, { recursive: true });
  const dbDir = mkdtempSync(join(tmpdir(), `tongban-e2e-${suite}-`));
  let server = startServer(resolve(bin), dbDir);
  let browser;
  const failures = [];
  let ran = 0;
  const interrupt = () => {
    server.child.kill('SIGKILL');
    process.exit(130);
  };
  const restartAt = async (clockStart) => {
    check(Date.parse(clockStart) > simulatedNow().getTime(), `restartAt ${clockStart}: time only moves forward`);
    const port = Number(new URL(await server.baseUrl).port);
    await stopServer(server.child);
    const log = server.log;
    server = startServer(resolve(bin), dbDir, { clockStart, port });
    server.log.unshift(...log);
    await server.baseUrl;
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
        await t.fn({ browser, baseUrl, restartAt });
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
  console.log(failures.length === 0 ? `all ${ran} ${suite} e2e tests passed` : `${failures.length} failed`);
  return failures.length === 0 ? 0 : 1;
}

