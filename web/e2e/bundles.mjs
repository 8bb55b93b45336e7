#!/usr/bin/env node
// Browser test of the bundle pages (一件事) against a real tongban server (after `npm run build`):
//
//   TONGBAN_BIN=/path/to/tongban node e2e/bundles.mjs
//
// A visitor reads the bundle catalogue and its before/after figures; an enterprise applies for
// the construction chain with the one-form wizard (one form, one set of documents); the window
// and the 住建局 reviewer handle the four child cases over the API; the parent page shows the
// combined progress and timeline, and the front clerk hands the results out together.
// Server and browser set-up: harness.mjs. Screenshots go to build/screenshots/bundles-*.png.
import { PASSWORD, as, check, login, newPage, pdf, runSuite, shotter, staff } from './harness.mjs';

const CHAIN = 'construction-permit'; // data/bundles/construction-permit.json
// The documents the applicant hands in for the chain (the rest are the unified form, 电子证照,
// shared data, or another item's result).
const UPLOADS = ['施工合同及监理合同', '施工图设计文件审查合格书', '项目负责人及安全员证书', '施工图审查合格书', '施工图审查报告', '施工合同', '建设资金已落实承诺书'];

const shot = shotter('bundles');

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

test('the admin assigns a clerk to 商事登记: the clerk sees only its queue and is refused another category\'s item', async ({ browser, baseUrl }) => {
  check(shared.parentId, 'no application from the previous test');
  const admin = await staff(baseUrl, 'admin');
  await admin.post('/users', { username: 'biz.clerk', password: PASSWORD, display_name: '商事窗口', role: 'front_clerk', region_code: '450100' });
  await as(browser, baseUrl, 'admin', async (page) => {
    await page.click('[data-testid="menu-deskCategories"]');
    await page.locator('[data-testid="category-edit-商事登记"]').waitFor();
    await page.click('[data-testid="category-edit-商事登记"]');
    await page.click('[data-testid="category-form-clerks"]');
    await page.locator('.el-select-dropdown__item:visible', { hasText: '商事窗口' }).click();
    await page.click('[data-testid="category-form-name"]');
    await page.click('[data-testid="category-form-save"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="category-clerks-商事登记"]')?.textContent.includes('商事窗口'));
    await shot(page, 'desk-categories');
  });
  await as(browser, baseUrl, 'biz.clerk', async (page) => {
    await page.click('[data-testid="menu-desk"]');
    await page.waitForSelector('[data-testid="desk-page"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="desk-scope"]')?.textContent.includes('商事登记'));
    check((await page.locator('[data-testid="desk-category-投资建设"]').count()) === 0, 'another category\'s tab shown');
    check((await page.locator('[data-testid="desk-to-accept"] .case-card').count()) === 0, 'another category\'s case in the queue');
    await shot(page, 'desk-business');
    // The construction chain is 投资建设: the window refuses it, nothing changes.
    await page.goto(`/bundle-cases/${shared.parentId}`);
    await page.click('[data-testid="bundle-accept"]');
    await page.locator('.el-message--error', { hasText: '该事项不属于您负责的窗口分类' }).waitFor();
  });
  const parent = await admin.get(`/bundle-cases/${shared.parentId}`);
  check(parent.children.every((c) => c.state === 'submitted'), 'a child changed state');
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
    // What the applicant has on file, so the window asks only for the rest (here: nothing).
    await page.locator('[data-testid="bundle-on-file"]').waitFor();
    for (const key of UPLOADS) {
      const status = await page.textContent(`[data-testid="on-file-status-${key}"]`);
      check(status.includes('已在库'), `${key}: ${status}`);
    }
    check((await page.textContent('[data-testid="bundle-collect-count"]')).includes('0'), 'documents left to collect');
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

test('the admin edits a bundle: problems in Chinese, then a new version with recomputed figures', async ({ browser, baseUrl }) => {
  await as(browser, baseUrl, 'admin', async (page) => {
    await page.click('[data-testid="menu-bundles"]');
    await page.click('[data-testid="bundle-edit-business-start"]');
    await page.waitForSelector('[data-testid="bundle-editor-page"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="editor-name"]')?.value === '企业开办');
    // A limit longer than the items one by one gains nothing: refused on the page, in Chinese.
    await page.fill('[data-testid="editor-limit"] input', '9');
    await page.click('[data-testid="editor-name"]');
    await page.click('[data-testid="editor-save"]');
    await page.locator('[data-testid="editor-problems"]', { hasText: '不能长于各事项承诺时限之和' }).waitFor();
    await shot(page, 'editor-problem');
    await page.fill('[data-testid="editor-limit"] input', '1');
    await page.fill('[data-testid="editor-name"]', '企业开办（新版）');
    await page.click('[data-testid="editor-save"]');
    await page.locator('[data-testid="figures-business-start"]').waitFor();
    await page.locator('[data-testid="editor-versions"] .el-table__row').nth(1).waitFor();
    await shot(page, 'editor-saved');
    await page.click('[data-testid="menu-bundles"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="bundle-version-business-start"]')?.textContent.includes('v2'));
  });
  const anon = await (await fetch(`${baseUrl}/api/v1/bundles/business-start?version=1`)).json();
  check(anon.name === '企业开办', `version 1 changed: ${anon.name}`);
});

runSuite('bundles', tests);
