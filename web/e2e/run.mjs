#!/usr/bin/env node
// Browser test of the web shell against a real tongban server.
//
//   TONGBAN_BIN=/path/to/tongban npm run e2e      (after `npm run build`)
//
// Starts `$TONGBAN_BIN serve --db sqlite:<tmp>/e2e.db --port 0 --static-dir web/dist --demo
// --clock-start <E2E_START>` (simulated time, see harness.mjs),
// drives Debian's /usr/bin/chromium through playwright-core (never downloads a browser), writes
// screenshots to build/screenshots/, stops the server at the end, and exits non-zero on failure.
// Optional: TONGBAN_STATIC_DIR (default web/dist), CHROMIUM (default /usr/bin/chromium),
// E2E_ONLY (substring filter on test names).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { installClock, pickOption, simulatedNow, startServer, stopServer, submitLogin, totpCode } from './harness.mjs';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(webDir, '..');
const screenshotDir = join(repoRoot, 'build', 'screenshots');
const staticDir = resolve(process.env.TONGBAN_STATIC_DIR ?? join(webDir, 'dist'));
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const PASSWORD = 'Tongban@2026';
const STEP_TIMEOUT_MS = 15_000;

// Expected per demo login: the role label (the same zh-CN labels as GET /api/v1/roles) in the top bar and the side-menu entries (by the
// menu keys in src/lib/menu.ts) for the pages that exist today.
const CATALOG_MENU = ['catalog', 'catalogLists'];
const DEMO = [
  {
    username: 'admin',
    role: 'admin',
    label: '系统管理员',
    menu: ['home', ...CATALOG_MENU, 'indicators', 'bundles', 'projects', 'projectTemplates', 'filings', 'meetings', 'meetingDecisions', 'ruleSets', 'calendar', 'users', 'departments', 'deskCategories'],
  },
  // 三员分立: the security administrator reads users (and resets second factors), the audit
  // administrator alone reads the audit log.
  { username: 'security', role: 'security_admin', label: '安全管理员', menu: ['home', ...CATALOG_MENU, 'users'] },
  { username: 'auditor', role: 'audit_admin', label: '审计管理员', menu: ['home', ...CATALOG_MENU, 'audit'] },
  { username: 'clerk', role: 'front_clerk', label: '前台受理人员', menu: ['home', ...CATALOG_MENU, 'cases', 'bundles', 'desk', 'projects', 'projectTemplates', 'filings', 'calendar'] },
  { username: 'reviewer', role: 'reviewer', label: '审查人员', menu: ['home', ...CATALOG_MENU, 'cases', 'projects', 'projectDesk', 'jointTasks', 'projectTemplates', 'filings', 'reviewInbox', 'meetings', 'meetingDecisions', 'calendar'] },
  { username: 'head', role: 'dept_head', label: '部门负责人', menu: ['home', ...CATALOG_MENU, 'indicators', 'cases', 'department', 'projects', 'projectDesk', 'jointTasks', 'projectTemplates', 'filings', 'reviewInbox', 'meetings', 'meetingDecisions', 'calendar', 'supervision'] },
  {
    username: 'supervisor',
    role: 'supervisor',
    label: '监督人员',
    menu: ['home', ...CATALOG_MENU, 'indicators', 'desk', 'projects', 'projectTemplates', 'filings', 'meetings', 'meetingDecisions', 'calendar', 'supervision'],
  },
  { username: 'agency', role: 'agency', label: '中介机构', menu: ['home', ...CATALOG_MENU] },
  { username: 'hotline', role: 'hotline_operator', label: '热线话务员', menu: ['home', ...CATALOG_MENU, 'calendar'] },
  { username: 'citizen', role: 'applicant_person', label: '申请人（个人）', menu: ['home', ...CATALOG_MENU, 'cases', 'services', 'accessLog', 'bundles'] },
  { username: 'company', role: 'applicant_org', label: '申请人（企业）', menu: ['home', ...CATALOG_MENU, 'cases', 'services', 'accessLog', 'bundles', 'projects', 'projectTemplates', 'filings'] },
];

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

class Failure extends Error {}

function check(condition, message) {
  if (!condition) throw new Failure(message);
}

function sameSet(actual, expected) {
  return actual.length === expected.length && expected.every((x) => actual.includes(x));
}

// ---- server ----

// ---- page helpers ----

async function newPage(browser, baseUrl, options = {}) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    ...options,
  });
  await installClock(context);
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { context, page, pageErrors };
}

async function login(page, username, password = PASSWORD) {
  await page.goto('/');
  await page.waitForURL(/\/login\?redirect=/);
  await submitLogin(page, username, password);
}

async function visibleMenuKeys(page, scope = '[data-testid="side-menu"]') {
  return page
    .locator(`${scope} [data-testid^="menu-"]`)
    .evaluateAll((els) =>
      els.filter((e) => e.offsetParent !== null).map((e) => e.getAttribute('data-testid').slice(5)),
    );
}

async function logout(page) {
  await page.click('[data-testid="logout"]');
  await page.waitForURL(/\/login/);
}

// ---- tests ----

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

for (const demo of DEMO) {
  test(`${demo.role}: login, role label, menu, screenshot, logout`, async ({ browser, baseUrl }) => {
    const { context, page, pageErrors } = await newPage(browser, baseUrl);
    try {
      await login(page, demo.username);
      await page.waitForSelector(`[data-testid="home-${demo.role}"]`);
      const label = (await page.textContent('[data-testid="role-label"]')).trim();
      check(label === demo.label, `role label: expected "${demo.label}", got "${label}"`);
      await page.waitForSelector('[data-testid="side-menu"] [data-testid="menu-home"]');
      const menu = await visibleMenuKeys(page);
      check(sameSet(menu, demo.menu), `menu: expected [${demo.menu}], got [${menu}]`);
      if (demo.role === 'audit_admin') await page.waitForSelector('[data-testid="audit-chart"]');
      await page.screenshot({ path: join(screenshotDir, `${demo.role}.png`), fullPage: true, animations: 'disabled' });
      await logout(page);
      // The session is gone on the server too: the home page sends us back to the login page.
      await page.goto('/');
      await page.waitForURL(/\/login\?redirect=/);
      check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
    } finally {
      await context.close();
    }
  });
}

test('admin creates a user through the dialog and finds it in the list', async ({ browser, baseUrl }) => {
  const { context, page, pageErrors } = await newPage(browser, baseUrl);
  try {
    await login(page, 'admin');
    await page.click('[data-testid="menu-users"]');
    await page.waitForSelector('[data-testid="users-page"]');
    const username = `e2e_${Date.now().toString(36)}`;
    await page.click('[data-testid="users-create"]');
    const dialog = page.locator('.el-dialog:visible');
    await dialog.waitFor();
    // Chinese validation first: saving an empty form names the missing fields.
    await page.click('[data-testid="user-form-save"]');
    await dialog.getByText('请填写用户名').waitFor();
    await page.fill('[data-testid="user-form-username"]', username);
    await page.fill('[data-testid="user-form-password"]', 'E2e-pass-2026');
    await page.fill('[data-testid="user-form-display-name"]', '端到端测试用户');
    await pickOption(page, dialog.locator('[data-testid="user-form-role"]'), '审查人员');
    await page.click('[data-testid="user-form-save"]');
    await dialog.waitFor({ state: 'hidden' });
    await page.fill('[data-testid="users-search"]', username);
    await page.click('[data-testid="users-search-button"]');
    const row = page.locator('[data-testid="users-table"] .el-table__body tr', { hasText: username });
    await row.waitFor();
    const rowText = await row.textContent();
    check(rowText.includes('端到端测试用户'), `new user row lacks the display name: ${rowText}`);
    check(rowText.includes('审查人员'), `new user row lacks the role label: ${rowText}`);
    await page.screenshot({ path: join(screenshotDir, 'admin-users.png'), fullPage: true, animations: 'disabled' });
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
});

test('admin creates a department and sees it in the tree', async ({ browser, baseUrl }) => {
  const { context, page, pageErrors } = await newPage(browser, baseUrl);
  try {
    await login(page, 'admin');
    await page.click('[data-testid="menu-departments"]');
    await page.waitForSelector('[data-testid="departments-page"]');
    const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
    const name = `端到端测试科${code.slice(-4)}`;
    await page.click('[data-testid="departments-create"]');
    const dialog = page.locator('.el-dialog:visible');
    await dialog.waitFor();
    await page.click('[data-testid="department-form-save"]');
    await dialog.getByText('请填写部门名称').waitFor();
    await page.fill('[data-testid="department-form-name"]', name);
    await page.fill('[data-testid="department-form-code"]', code);
    await pickOption(page, dialog.locator('[data-testid="department-form-region"]'), '450100');
    await page.click('[data-testid="department-form-save"]');
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('[data-testid="departments-tree"]', { hasText: code }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'admin-departments.png'), fullPage: true, animations: 'disabled' });
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
});

test('the audit administrator verifies the audit chain', async ({ browser, baseUrl }) => {
  const { context, page } = await newPage(browser, baseUrl);
  try {
    await login(page, 'auditor');
    await page.click('[data-testid="menu-audit"]');
    await page.waitForSelector('[data-testid="audit-page"]');
    await page.click('[data-testid="audit-verify"]');
    const result = page.locator('[data-testid="audit-verify-result"]');
    await result.waitFor();
    const text = await result.textContent();
    check(text.includes('审计链完整'), `audit chain verification did not report ok: ${text}`);
  } finally {
    await context.close();
  }
});

test('two-step verification: the admin cannot skip it; a reviewer turns it on and is asked for a code', async ({ browser, baseUrl }) => {
  const { context, page, pageErrors } = await newPage(browser, baseUrl);
  try {
    // The admin has enrolled (earlier tests); the password alone leads to the code step, not in.
    await page.goto('/');
    await page.waitForURL(/\/login\?redirect=/);
    await page.fill('[data-testid="login-username"]', 'admin');
    await page.fill('[data-testid="login-password"]', PASSWORD);
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('[data-testid="login-step"]');
    check((await page.$('[data-testid^="home-"]')) === null, 'the admin got in without the second factor');
    await page.fill('[data-testid="login-code"]', '000000');
    await page.click('[data-testid="login-submit"]');
    const err = (await page.locator('[data-testid="login-error"]').textContent()).trim();
    check(err.includes('动态验证码不正确'), `wrong code message: "${err}"`);
    await page.click('[data-testid="login-restart"]');

    await submitLogin(page, 'reviewer');
    await page.waitForSelector('[data-testid^="home-"]');
    await page.click('[data-testid="security-link"]');
    await page.waitForSelector('[data-testid="security-page"]');
    await page.click('[data-testid="second-factor-begin"]');
    await page.waitForSelector('[data-testid="second-factor-qr"]');
    const secret = await page.getAttribute('[data-testid="second-factor-secret"]', 'data-secret');
    await page.fill('[data-testid="second-factor-code"]', '12345');
    await page.click('[data-testid="second-factor-confirm"]');
    const invalid = (await page.locator('[data-testid="second-factor-error"]').textContent()).trim();
    check(invalid.includes('6 位数字'), `validation message: "${invalid}"`);
    await page.fill('[data-testid="second-factor-code"]', totpCode(secret, Math.floor(simulatedNow().getTime() / 30_000)));
    await page.click('[data-testid="second-factor-confirm"]');
    await page.waitForSelector('[data-testid="recovery-codes"]');
    const codes = await page.locator('[data-testid="recovery-codes"] li').allTextContents();
    check(codes.length === 10, `recovery codes shown: ${codes.length}`);
    await page.screenshot({ path: join(screenshotDir, 'security-recovery-codes.png'), fullPage: true, animations: 'disabled' });
    await page.click('[data-testid="recovery-done"]');
    const state = (await page.locator('[data-testid="second-factor-state"]').textContent()).trim();
    check(state.includes('已启用'), `state after enrolment: "${state}"`);
    await logout(page);

    // Now the reviewer's sign-in asks for a code; a recovery code works.
    await page.fill('[data-testid="login-username"]', 'reviewer');
    await page.fill('[data-testid="login-password"]', PASSWORD);
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('[data-testid="login-step"]');
    await page.fill('[data-testid="login-code"]', codes[0].trim());
    await page.click('[data-testid="login-submit"]');
    await page.waitForSelector('[data-testid^="home-"]');

    // The reviewer turns it off again with another recovery code (later tests sign in with
    // the password alone).
    await page.click('[data-testid="security-link"]');
    await page.waitForSelector('[data-testid="second-factor-disable"]');
    await page.fill('[data-testid="second-factor-code"]', codes[1].trim());
    await page.click('[data-testid="second-factor-disable"]');
    await page.locator('[data-testid="second-factor-state"]', { hasText: '未启用' }).waitFor();
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// 三员分立: the system administrator edits ordinary accounts but neither the three
// administrators' nor anyone's second factor; the security administrator resets a lost one.
test('the security administrator resets the supervisor\'s second factor; the admin cannot', async ({ browser, baseUrl }) => {
  const { context, page, pageErrors } = await newPage(browser, baseUrl);
  try {
    await login(page, 'admin');
    await page.waitForSelector('[data-testid^="home-"]');
    await page.click('[data-testid="menu-users"]');
    await page.waitForSelector('[data-testid="users-edit-clerk"]');
    check((await page.$('[data-testid="users-edit-auditor"]')) === null, 'the admin may edit the audit administrator');
    check((await page.$('[data-testid^="users-reset-second-factor-"]')) === null, 'the admin sees a second-factor reset');
    await logout(page);

    await submitLogin(page, 'security');
    await page.waitForSelector('[data-testid="home-security_admin"]');
    await page.click('[data-testid="menu-users"]');
    await page.waitForSelector('[data-testid="users-reset-second-factor-supervisor"]');
    check((await page.$('[data-testid="users-create"]')) === null, 'the security administrator may create users');
    check((await page.$('[data-testid="users-edit-clerk"]')) === null, 'the security administrator may edit users');
    check((await page.$('[data-testid="users-reset-second-factor-security"]')) === null, 'a reset of one\'s own factor is offered');
    await page.click('[data-testid="users-reset-second-factor-supervisor"]');
    await page.click('.el-message-box__btns .el-button--primary');
    await page.getByText('已重置用户 supervisor 的动态验证码').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'security-admin-users.png'), fullPage: true, animations: 'disabled' });
    await logout(page);

    // The supervisor's next sign-in enrols a new authenticator (the harness scans it).
    await submitLogin(page, 'supervisor');
    await page.waitForSelector('[data-testid="home-supervisor"]');
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
});

test('a user changes their password on 账号安全 (Chinese validation first) and signs in with it', async ({ browser, baseUrl }) => {
  const { context, page, pageErrors } = await newPage(browser, baseUrl);
  const changeTo = async (current, next) => {
    await page.fill('[data-testid="password-current"]', current);
    await page.fill('[data-testid="password-new"]', next);
    await page.fill('[data-testid="password-confirm"]', next);
    await page.click('[data-testid="password-save"]');
    await page.getByText('密码已修改').first().waitFor();
  };
  try {
    await login(page, 'hotline');
    await page.waitForSelector('[data-testid="home-hotline_operator"]');
    await page.click('[data-testid="security-link"]');
    await page.waitForSelector('[data-testid="password-form"]');
    await page.fill('[data-testid="password-current"]', PASSWORD);
    await page.fill('[data-testid="password-new"]', 'short');
    await page.fill('[data-testid="password-confirm"]', 'other');
    await page.click('[data-testid="password-save"]');
    await page.getByText('密码至少 8 位').waitFor();
    await page.getByText('两次输入的新密码不一致').waitFor();
    // A wrong current password: the server's refusal under its field, nothing changed.
    await page.fill('[data-testid="password-current"]', 'Wrong-pass-2026');
    await page.fill('[data-testid="password-new"]', 'Phone-Line-2027!');
    await page.fill('[data-testid="password-confirm"]', 'Phone-Line-2027!');
    await page.click('[data-testid="password-save"]');
    await page.locator('[data-testid="password-form"] .el-form-item__error').first().waitFor();
    await page.screenshot({ path: join(screenshotDir, 'security-password.png'), fullPage: true, animations: 'disabled' });
    await changeTo(PASSWORD, 'Phone-Line-2027!');
    await logout(page);
    await submitLogin(page, 'hotline', PASSWORD);
    await page.locator('[data-testid="login-error"]').waitFor();
    await submitLogin(page, 'hotline', 'Phone-Line-2027!');
    await page.waitForSelector('[data-testid="home-hotline_operator"]');
    // Back to the demo password for the tests that follow.
    await page.click('[data-testid="security-link"]');
    await page.waitForSelector('[data-testid="password-form"]');
    await changeTo('Phone-Line-2027!', PASSWORD);
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
});

test('a wrong password shows the error message', async ({ browser, baseUrl }) => {
  const { context, page } = await newPage(browser, baseUrl);
  try {
    await login(page, 'admin', 'not-the-password');
    const error = page.locator('[data-testid="login-error"]');
    await error.waitFor();
    const text = (await error.textContent()).trim();
    check(text.includes('用户名或密码错误'), `login error: got "${text}"`);
    check(/\/login/.test(page.url()), `left the login page: ${page.url()}`);
  } finally {
    await context.close();
  }
});

test('the English switch localizes the UI and the server message', async ({ browser, baseUrl }) => {
  const { context, page } = await newPage(browser, baseUrl);
  try {
    await page.goto('/login');
    await page.click('[data-testid="locale-switch"]');
    await page.locator('.el-select-dropdown__item:visible', { hasText: 'English' }).click();
    await page.locator('[data-testid="login-submit"]', { hasText: 'Sign in' }).waitFor();
    await page.fill('[data-testid="login-username"]', 'admin');
    await page.fill('[data-testid="login-password"]', 'not-the-password');
    await page.click('[data-testid="login-submit"]');
    const text = (await page.locator('[data-testid="login-error"]').textContent()).trim();
    check(text === 'Wrong username or password', `English login error: got "${text}"`);
  } finally {
    await context.close();
  }
});

test('registration rejects a wrong 身份证 check digit before submitting', async ({ browser, baseUrl }) => {
  const { context, page } = await newPage(browser, baseUrl);
  try {
    const registerCalls = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/auth/register')) registerCalls.push(r.url());
    });
    await page.goto('/register');
    await page.fill('[data-testid="register-username"]', 'e2e_citizen');
    await page.fill('[data-testid="register-password"]', 'E2e-pass-2026');
    await page.fill('[data-testid="register-password-confirm"]', 'E2e-pass-2026');
    await page.fill('[data-testid="register-display-name"]', '张三');
    // 11010519491231002X is valid (REFERENCE §1); a final 1 breaks the check digit.
    await page.fill('[data-testid="register-id-number"]', '110105194912310021');
    await page.getByText('居民身份证号码校验位不正确').waitFor();
    await page.click('[data-testid="register-submit"]');
    await page.getByText('居民身份证号码校验位不正确').waitFor();
    // Correcting the digit clears the message.
    await page.fill('[data-testid="register-id-number"]', '11010519491231002X');
    await page.getByText('居民身份证号码校验位不正确').waitFor({ state: 'hidden' });
    check(registerCalls.length === 0, `the form was submitted: ${registerCalls.join(', ')}`);
    await page.screenshot({ path: join(screenshotDir, 'register.png'), fullPage: true, animations: 'disabled' });
  } finally {
    await context.close();
  }
});

test('a role without access gets the 403 page', async ({ browser, baseUrl }) => {
  const { context, page } = await newPage(browser, baseUrl);
  try {
    await login(page, 'citizen');
    await page.waitForSelector('[data-testid="home-applicant_person"]');
    await page.goto('/admin/users');
    await page.waitForSelector('[data-testid="error-forbidden"]');
  } finally {
    await context.close();
  }
});

test('at 390×844 the citizen home renders and the menu drawer opens', async ({ browser, baseUrl }) => {
  const { context, page, pageErrors } = await newPage(browser, baseUrl, {
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
  try {
    await login(page, 'citizen');
    await page.waitForSelector('[data-testid="home-applicant_person"]');
    check(!(await page.locator('.el-aside').isVisible()), 'the side menu is visible on a phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await page.screenshot({ path: join(screenshotDir, 'applicant_person-mobile.png') });
    await page.click('[data-testid="menu-toggle"]');
    await page.waitForSelector('[data-testid="nav-drawer"]');
    // Wait until the drawer has slid fully into view.
    await page.waitForFunction(() => {
      const panel = document.querySelector('.el-drawer');
      return panel !== null && Math.abs(panel.getBoundingClientRect().left) < 1;
    });
    const menu = await visibleMenuKeys(page, '.el-drawer');
    check(sameSet(menu, ['home', ...CATALOG_MENU, 'cases', 'services', 'accessLog', 'bundles']), `drawer menu: got [${menu}]`);
    await page.screenshot({ path: join(screenshotDir, 'applicant_person-mobile-menu.png'), animations: 'disabled' });
    // On a phone, sign-out lives in the drawer.
    await page.click('.el-drawer [data-testid="logout"]');
    await page.waitForURL(/\/login/);
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// ---- calendar and catalog ----

/** Fills an Element Plus input whose test id sits on the input or on its wrapper. */
function inputOf(page, testId) {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

async function fillField(page, testId, value) {
  const input = inputOf(page, testId);
  await input.fill(value);
  await input.press('Enter');
}

const DEMO_ITEM = '1145010000756501982015019001000'; // 建筑工程施工许可证核发 (data/catalog/demo-catalog.json)

test('calendar: 2026 shows 国庆节 on 10-01, 班 on the make-up Sunday 09-20, 三月三 apart; the calculator counts', async ({ browser, baseUrl }) => {
  const { context, page, pageErrors } = await newPage(browser, baseUrl);
  try {
    await login(page, 'reviewer');
    await page.waitForSelector('[data-testid="home-reviewer"]');
    await page.click('[data-testid="menu-calendar"]');
    await page.waitForSelector('[data-testid="calendar-page"]');
    await page.goto('/calendar?year=2026');
    const oct1 = page.locator('[data-testid="day-2026-10-01"]');
    await oct1.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="day-2026-10-01"]')?.getAttribute('data-look') === 'holiday');
    check((await oct1.textContent()).includes('国庆节'), `10-01 label: ${await oct1.textContent()}`);
    // 2026: 中秋节 09-25..27 off, 国庆节 10-01..07 off, make-up days Sunday 09-20 and Saturday 10-10
    // (000000.cal); 09-27 is a holiday Sunday, not a make-up day.
    const sep20 = page.locator('[data-testid="day-2026-09-20"]');
    check((await sep20.getAttribute('data-look')) === 'workday', '09-20 is not drawn as a make-up workday');
    check((await sep20.locator('[data-testid="workday-mark"]').textContent()).trim() === '班', '09-20 lacks 班');
    check((await page.getAttribute('[data-testid="day-2026-09-27"]', 'data-look')) === 'holiday', '09-27 is not a holiday');
    check((await page.getAttribute('[data-testid="day-2026-10-10"]', 'data-look')) === 'workday', '10-10 is not a workday');
    check((await page.getAttribute('[data-testid="day-2026-04-20"]', 'data-look')) === 'regional', '三月三 04-20 is not regional');
    check((await page.getAttribute('[data-testid="day-2026-10-17"]', 'data-look')) === 'weekend', '10-17 is not a weekend');
    check((await page.locator('[data-testid="exception-dialog"]:visible').count()) === 0, 'a dialog opened for a non-admin');
    // 1 working day after 2026-09-30 skips the National Day week.
    await fillField(page, 'calc-date', '2026-09-30');
    await inputOf(page, 'calc-n').fill('1');
    await page.click('[data-testid="calc-add"]');
    const add = await page.locator('[data-testid="calc-add-result"]').textContent();
    check(add.includes('2026-10-08'), `add result: ${add}`);
    await fillField(page, 'calc-from', '2026-09-30');
    await fillField(page, 'calc-to', '2026-10-09');
    await page.click('[data-testid="calc-between"]');
    const between = await page.locator('[data-testid="calc-between-result"]').textContent();
    check(/2 个工作日/.test(between) && /9 个自然日/.test(between), `between result: ${between}`);
    await page.screenshot({ path: join(screenshotDir, 'calendar-2026.png'), fullPage: true, animations: 'disabled' });
    check((await page.locator('[data-testid="calendar-provisional"]').count()) === 0, '2026 is announced, not provisional');
    // 2027's notice is not published: the year is drawn provisionally, with the statutory days
    // and their make-up days (春节 02-05..08 off, 补休 02-09/10) and a warning.
    await page.goto('/calendar?year=2027');
    await page.locator('[data-testid="calendar-provisional"]').waitFor();
    check((await page.locator('[data-testid="calendar-provisional"]').textContent()).includes('暂定'), 'the provisional warning lacks 暂定');
    await page.waitForFunction(() => document.querySelector('[data-testid="day-2027-02-09"]')?.getAttribute('data-look') === 'holiday');
    check((await page.locator('[data-testid="day-2027-02-09"]').getAttribute('class')).includes('provisional'), '2027-02-09 is not marked provisional');
    check((await page.getAttribute('[data-testid="day-2027-02-11"]', 'data-look')) === 'weekday', '2027-02-11 is not a weekday');
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
});

test('calendar: admin adds an exception, sees it, is told of a conflict in Chinese, deletes it', async ({ browser, baseUrl }) => {
  const { context, page, pageErrors } = await newPage(browser, baseUrl);
  try {
    await login(page, 'admin');
    await page.waitForSelector('[data-testid="home-admin"]');
    await page.goto('/calendar?year=2026');
    const day = page.locator('[data-testid="day-2026-11-16"]'); // a Monday
    await day.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="day-2026-11-16"]')?.getAttribute('data-look') === 'weekday');
    await day.click();
    const dialog = page.locator('[data-testid="exception-dialog"]:visible');
    await dialog.waitFor();
    await page.click('[data-testid="exception-save"]');
    await dialog.getByText('请填写名称').waitFor();
    await page.fill('[data-testid="exception-label"]', '端到端停电');
    await page.click('[data-testid="exception-save"]');
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => ['holiday', 'regional'].includes(document.querySelector('[data-testid="day-2026-11-16"]')?.getAttribute('data-look')));
    check((await day.textContent()).includes('端到端停电'), `the day lacks the label: ${await day.textContent()}`);
    await page.locator('[data-testid="exceptions-table"] tr', { hasText: '端到端停电' }).waitFor();
    // The same day again: calendar_conflict, explained in Chinese inside the dialog.
    await day.click();
    await dialog.waitFor();
    await page.fill('[data-testid="exception-label"]', '重复');
    await page.click('[data-testid="exception-save"]');
    const error = (await page.locator('[data-testid="exception-error"]').textContent()).trim();
    check(error.includes('与已有例外日冲突'), `conflict message: ${error}`);
    await page.screenshot({ path: join(screenshotDir, 'calendar-admin-conflict.png'), animations: 'disabled' });
    await page.click('[data-testid="exception-dialog"] .el-dialog__footer button:not(.el-button--primary)');
    await dialog.waitFor({ state: 'hidden' });
    await page.click('[data-testid="exception-delete-2026-11-16"]');
    await page.click('.el-message-box__btns .el-button--primary');
    await page.waitForFunction(() => document.querySelector('[data-testid="day-2026-11-16"]')?.getAttribute('data-look') === 'weekday');
    // After a change the admin re-derives the due dates of running clocks (confirmed first).
    await page.click('[data-testid="recompute-deadlines"]');
    await page.click('.el-message-box__btns .el-button--primary');
    const recount = (await page.locator('[data-testid="recompute-result"]').textContent()).trim();
    check(/已检查计时中办件 \d+ 件，期限变动 0 件/.test(recount), `recompute result: ${recount}`);
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
});

test('catalog: a signed-out visitor finds 施工许可证核发, reads every section, the notice PDF answers', async ({ browser, baseUrl }) => {
  const { context, page, pageErrors } = await newPage(browser, baseUrl);
  try {
    await page.goto('/items');
    await page.waitForSelector('[data-testid="items-page"]');
    await inputOf(page, 'items-search').fill('施工许可证核发');
    await page.click('[data-testid="items-search-button"]');
    const link = page.locator(`[data-testid="item-link-${DEMO_ITEM}"]`);
    await link.waitFor();
    check((await link.textContent()).includes('建筑工程施工许可证核发'), 'search result name');
    await page.screenshot({ path: join(screenshotDir, 'catalog-search.png'), fullPage: true, animations: 'disabled' });
    await link.click();
    await page.waitForURL(new RegExp(`/items/${DEMO_ITEM}$`));
    await page.locator('[data-testid="item-name"]', { hasText: '建筑工程施工许可证核发' }).waitFor();
    for (const s of ['basic', 'conditions', 'materials', 'process', 'limits', 'fees', 'visits', 'contact']) {
      check(await page.locator(`[data-testid="section-${s}"]`).isVisible(), `section ${s} missing`);
    }
    const materials = await page.locator('[data-testid="materials-table"]').textContent();
    for (const text of ['施工合同', '复印件', '原件', '电子证照', '无需提交']) check(materials.includes(text), `materials lack ${text}`);
    check((await page.locator('[data-testid="material-tolerable"]').count()) === 2, 'two 容缺 materials expected (M05, M07)');
    check((await page.textContent('[data-testid="item-visits-badge"]')).includes('最多跑一次'), 'visits badge');
    check((await page.textContent('[data-testid="item-speedup"]')).includes('80%'), 'speed-up 15 → 3 working days');
    check((await page.textContent('[data-testid="section-process"]')).includes('审批'), 'process steps');
    const href = await page.getAttribute('[data-testid="item-print"]', 'href');
    const pdf = await page.request.get(new URL(href, baseUrl).toString());
    check(pdf.status() === 200, `checklist.pdf status ${pdf.status()}`);
    check((pdf.headers()['content-type'] ?? '').startsWith('application/pdf'), `content type ${pdf.headers()['content-type']}`);
    check((await pdf.body()).subarray(0, 5).toString() === '%PDF-', 'not a PDF body');
    await page.screenshot({ path: join(screenshotDir, 'catalog-item.png'), fullPage: true, animations: 'disabled' });
    // The published lists are public too.
    await page.goto('/catalog/lists');
    await page.locator('[data-testid="list-most-one-visit"] .el-table__body tr').first().waitFor();
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
});

test('catalog: the supervisor sees the indicators with a chart canvas and downloads the xlsx', async ({ browser, baseUrl }) => {
  const { context, page, pageErrors } = await newPage(browser, baseUrl, { acceptDownloads: true });
  try {
    await login(page, 'supervisor');
    await page.waitForSelector('[data-testid="home-supervisor"]');
    await page.click('[data-testid="menu-indicators"]');
    await page.waitForSelector('[data-testid="indicators-chart"] canvas');
    const table = page.locator('[data-testid="indicators-table"]');
    await table.locator('.el-table__body tr', { hasText: '合计' }).first().waitFor();
    check((await table.locator('.el-table__body tr').count()) > 2, 'one row per department expected');
    check(/\d+\.\d%/.test(await table.textContent()), 'ratios are not shown as percentages');
    await page.screenshot({ path: join(screenshotDir, 'catalog-indicators.png'), fullPage: true, animations: 'disabled' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="indicators-export"]')]);
    check(download.suggestedFilename().endsWith('.xlsx'), `file name ${download.suggestedFilename()}`);
    const path = await download.path();
    const head = readFileSync(path).subarray(0, 2).toString();
    check(head === 'PK', 'the download is not an xlsx (zip) file');
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
});

test('catalog: admin edits an item (Chinese validation first) and gets version 2 with a selector', async ({ browser, baseUrl }) => {
  const { context, page, pageErrors } = await newPage(browser, baseUrl);
  try {
    await login(page, 'admin');
    await page.waitForSelector('[data-testid="home-admin"]');
    await page.goto(`/items/${DEMO_ITEM}`);
    await page.click('[data-testid="item-edit"]');
    await page.waitForSelector('[data-testid="item-editor"]');
    const name = inputOf(page, 'item-form-name');
    await name.waitFor();
    await page.waitForFunction(() => document.querySelector('input[data-testid="item-form-name"], [data-testid="item-form-name"] input')?.value);
    await name.fill('');
    await inputOf(page, 'item-form-committed-amount').fill('20');
    await page.click('[data-testid="item-form-save"]');
    const problems = await page.locator('[data-testid="item-form-problems"]').textContent();
    check(problems.includes('必填') && problems.includes('承诺时限不能超过法定时限'), `problems: ${problems}`);
    await name.fill('建筑工程施工许可证核发');
    await inputOf(page, 'item-form-committed-amount').fill('3');
    await inputOf(page, 'item-form-committed-amount').blur();
    await inputOf(page, 'item-form-legal-amount').fill('14');
    await inputOf(page, 'item-form-legal-amount').blur();
    await page.click('[data-testid="item-form-save"]');
    await page.screenshot({ path: join(screenshotDir, 'catalog-item-editor.png'), fullPage: true, animations: 'disabled' });
    await page.waitForURL(new RegExp(`/items/${DEMO_ITEM}$`));
    await page.waitForSelector('[data-testid="item-version"]');
    check((await page.textContent('[data-testid="item-legal-limit"]')).includes('14'), 'legal limit not saved');
    check((await page.textContent('[data-testid="item-version"]')).includes('第 2 版'), 'version selector does not show version 2');
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
});

test('catalog: at 390×844 a visitor reads the item detail without sideways scrolling', async ({ browser, baseUrl }) => {
  const { context, page, pageErrors } = await newPage(browser, baseUrl, {
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
  try {
    await page.goto('/items?q=施工许可证核发');
    await page.locator(`[data-testid="item-row-${DEMO_ITEM}"]`).click();
    await page.locator('[data-testid="item-name"]', { hasText: '施工许可证核发' }).waitFor();
    await page.locator('[data-testid="material-M05"]').waitFor();
    await page.locator('[data-testid="item-visits-badge"]', { hasText: '最多跑一次' }).waitFor();
    check(await page.locator('[data-testid="item-print"]').isVisible(), 'print button hidden on a phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `the item page scrolls sideways by ${overflow}px`);
    const fontSize = await page.locator('[data-testid="material-M05"]').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    check(fontSize >= 13, `material text too small: ${fontSize}px`);
    await page.screenshot({ path: join(screenshotDir, 'catalog-item-mobile.png'), fullPage: true });
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// ---- runner ----

async function main() {
  const bin = process.env.TONGBAN_BIN;
  if (!bin) throw new Error('set TONGBAN_BIN to the tongban server binary');
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`${staticDir}/index.html not found: run \`npm run build\` first`);
  }
  if (!existsSync(chromiumPath)) throw new Error(`no browser at ${chromiumPath} (apt-get install chromium)`);
  mkdirSync(screenshotDir, { recursive: true });
  const dbDir = mkdtempSync(join(tmpdir(), 'tongban-e2e-'));
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
  console.log(failures.length === 0 ? `all ${ran} e2e tests passed` : `${failures.length} failed`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`e2e: ${e.message ?? e}`);
    process.exit(1);
  },
);
