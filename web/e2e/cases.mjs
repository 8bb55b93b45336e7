#!/usr/bin/env node
// Browser test of the case pages against a real tongban server (after `npm run build`):
//
//   TONGBAN_BIN=/path/to/tongban node e2e/cases.mjs
//
// An enterprise applies on a phone (390×844) with an uploaded PDF, the window accepts it with the
// keyboard, the reviewer gives the opinions and decides, the window delivers, the applicant sees
// 已办结 and rates it; a second case goes through a one-time supplement round; the department
// head urges a task. Server and browser set-up: harness.mjs. Screenshots go to build/screenshots/cases-*.png.
// Optional: TONGBAN_STATIC_DIR, CHROMIUM, E2E_ONLY (substring filter on test names).
import { PASSWORD, as, check, login, newPage, pdf, runSuite, shotter, staff } from './harness.mjs';

// Demo items of 住建局 (NN-ZJJ), the reviewer's and head's department (data/catalog).
const PERMIT = { code: '1145010000756501982015019001000', name: '建筑工程施工许可证核发', search: '施工许可' };
const FIRE = { code: '1145010000756501982015019002000', name: '建设工程消防设计审查', search: '消防设计审查' };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

const shot = shotter('cases');

async function caseState(page, state) {
  await page.locator(`.title [data-testid="case-state-${state}"]`).waitFor();
}

async function apiGet(page, path) {
  return page.evaluate(async (p) => (await fetch(`/api/v1${p}`, { headers: { Accept: 'application/json' } })).json(), path);
}

/** The applicant finds the item under 我要办事, uploads the given materials and submits. */
async function apply(page, item, uploads, onFile, doubleClick = false) {
  await page.goto('/cases/services');
  await page.fill('[data-testid="services-search"]', item.search);
  await page.click('[data-testid="services-search-button"]');
  await page.locator(`[data-testid="service-${item.code}"] .item-head`).click();
  await page.locator('[data-testid="service-guide"]').waitFor();
  await page.click(`[data-testid="service-apply-${item.code}"]`);
  await page.waitForSelector('[data-testid="apply-page"]');
  await page.fill('[data-testid="apply-contact-phone"]', '13800000000');
  await page.fill('[data-testid="apply-project-name"]', '端到端测试项目');
  for (const code of uploads) {
    await page.setInputFiles(`[data-testid="upload-${code}"]`, { name: `${code}-申请材料.pdf`, mimeType: 'application/pdf', buffer: pdf(code) });
    await page.locator(`[data-testid="uploaded-${code}"]`).waitFor();
  }
  for (const code of onFile) await page.click(`[data-testid="apply-onfile-${code}"]`);
  if (doubleClick) await page.dblclick('[data-testid="apply-submit"]');
  else await page.click('[data-testid="apply-submit"]');
  await page.waitForURL(/\/cases\/\d+$/);
  await caseState(page, 'submitted');
  return Number(page.url().match(/\/cases\/(\d+)$/)[1]);
}

/** Records a passing opinion on every active task of the case, then decides. */
async function reviewAndDecide(page, caseId) {
  await page.goto(`/cases/${caseId}`);
  await page.waitForSelector('[data-testid="review-panel"]');
  for (let i = 0; i < 6; i += 1) {
    if (!(await page.locator('[data-testid="opinion-submit"]').isVisible())) break;
    const before = (await page.textContent('[data-testid="review-task"]')).trim();
    await page.fill('[data-testid="opinion-text"]', `材料齐全，符合条件（${before}）`);
    await page.click('[data-testid="opinion-submit"]');
    await page.waitForFunction(
      (b) => {
        const el = document.querySelector('[data-testid="review-task"]');
        return !el || el.textContent.trim() !== b;
      },
      before,
    );
  }
  await page.locator('[data-testid="decide-form"]').waitFor();
  await page.fill('[data-testid="decide-reason"]', '申请材料齐全，符合法定条件，准予许可');
  await page.click('[data-testid="decide-submit"]');
  await caseState(page, 'approved');
}

// ---- tests ----

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
const shared = {};

test('an enterprise applies on a phone, window accepts, reviewer decides, window delivers, the applicant rates', async ({ browser, baseUrl }) => {
  await as(
    browser,
    baseUrl,
    'company',
    async (page) => {
      // A double click on submit must still make exactly one case (one Idempotency-Key per form).
      shared.caseId = await apply(page, PERMIT, ['M01', 'M02'], ['M03', 'M04', 'M05', 'M06', 'M07'], true);
      const mine = await apiGet(page, '/cases');
      check(mine.total === 1, `a double click made ${mine.total} cases`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(overflow <= 0, `the case page scrolls sideways by ${overflow}px at 390 px`);
      await page.locator('[data-testid="material-file-M01"]').waitFor();
      await shot(page, 'applicant-submitted-mobile');
      await page.goto('/cases');
      await page.locator(`[data-testid="case-row-${shared.caseId}"] [data-testid="case-state-submitted"]`).waitFor();
      await shot(page, 'applicant-my-cases-mobile');
    },
    PHONE,
  );

  await as(browser, baseUrl, 'clerk', async (page) => {
    await page.click('[data-testid="menu-cases"]');
    await page.waitForSelector('[data-testid="workbench-page"]');
    await page.click(`[data-testid="workbench-queue"] [data-testid="case-row-${shared.caseId}"]`);
    await page.waitForSelector('[data-testid="window-panel"]');
    const hint = await page.textContent('[data-testid="window-shortcuts"]');
    check(hint.includes('Enter'), `shortcuts not shown: ${hint}`);
    await shot(page, 'clerk-checklist');
    // Enter is the primary action: accept.
    await page.locator('[data-testid="case-number"]').click();
    await page.keyboard.press('Enter');
    await caseState(page, 'under_review');
    await page.locator('[data-testid="case-due-date"]').waitFor();
    await page.locator('[data-testid="remaining-days"]').waitFor();
  });

  await as(browser, baseUrl, 'reviewer', async (page) => {
    await page.click('[data-testid="menu-cases"]');
    await page.waitForSelector('[data-testid="review-desk-page"]');
    await page.locator('[data-testid="task-table"] a', { hasText: '' }).first().waitFor();
    await shot(page, 'reviewer-desk');
    await reviewAndDecide(page, shared.caseId);
    await shot(page, 'reviewer-decided');
  });

  await as(browser, baseUrl, 'clerk', async (page) => {
    await page.goto(`/cases/${shared.caseId}`);
    await page.click('[data-testid="deliver-method"] label:nth-child(2)');
    await page.fill('[data-testid="deliver-tracking"]', 'SF1234567890');
    await page.click('[data-testid="window-deliver"]');
    await caseState(page, 'delivered');
    const delivery = await page.textContent('[data-testid="case-delivery"]');
    check(delivery.includes('SF1234567890'), `tracking number not shown: ${delivery}`);
  });

  await as(
    browser,
    baseUrl,
    'company',
    async (page) => {
      await page.goto(`/cases/${shared.caseId}`);
      const tag = (await page.textContent('.title [data-testid="case-state-delivered"]')).trim();
      check(tag === '已办结', `state label: ${tag}`);
      await page.locator('[data-testid="decision-download"]').waitFor();
      const pdfStatus = await page.evaluate(async (id) => {
        const r = await fetch(`/api/v1/cases/${id}/decision.pdf`);
        return `${r.status} ${r.headers.get('Content-Type')}`;
      }, shared.caseId);
      check(pdfStatus.startsWith('200 application/pdf'), `decision PDF: ${pdfStatus}`);
      await page.locator('[data-testid="rating-stars"] .el-rate__item').nth(4).click();
      await page.getByText('非常满意').first().waitFor();
      await page.click('[data-testid="rating-submit"]');
      const done = await page.textContent('[data-testid="rating-done"]');
      check(done.includes('非常满意'), `rating: ${done}`);
      await page.locator('[data-testid="event-evaluated"]').waitFor();
      await shot(page, 'applicant-rated-mobile');
      // The in-app messages on 我的办件 lead back to the case.
      await page.goto('/cases');
      await page.locator(`[data-testid="case-row-${shared.caseId}"] [data-testid="case-state-delivered"]`).waitFor();
      await page.locator('[data-testid="message-decided"]').first().click();
      await page.waitForURL(new RegExp(`/cases/${shared.caseId}$`));
    },
    PHONE,
  );
});

test('supplement round: the window lists the gaps once, the enterprise answers; the reviewer suspends and resumes; the head urges and reassigns', async ({ browser, baseUrl }) => {
  await as(
    browser,
    baseUrl,
    'company',
    async (page) => {
      shared.fireId = await apply(page, FIRE, ['M01'], []);
    },
    PHONE,
  );

  await as(browser, baseUrl, 'clerk', async (page) => {
    await page.goto(`/cases/${shared.fireId}`);
    await page.waitForSelector('[data-testid="window-panel"]');
    // Accepting without the required M02 is refused with the Chinese explanation.
    await page.click('[data-testid="window-accept"]');
    await page.locator('.el-message--error', { hasText: '缺少必需的申请材料' }).waitFor();
    await page.keyboard.press('Alt+s');
    const dialog = page.locator('.el-dialog:visible');
    await dialog.waitFor();
    check((await page.inputValue('[data-testid="gap-M02"]')).includes('消防设计文件'), 'the missing M02 is not preselected');
    await page.fill('[data-testid="gap-free-0"]', '申请表缺少法定代表人签字');
    await shot(page, 'clerk-supplement-dialog');
    await page.click('[data-testid="supplement-send"]');
    await caseState(page, 'supplement_requested');
    await page.goto(`/cases/${shared.fireId}/notice`);
    await page.getByText('一次性补正材料通知书').waitFor();
    await page.getByText('申请表缺少法定代表人签字').waitFor();
    await shot(page, 'clerk-supplement-notice');
  });

  await as(
    browser,
    baseUrl,
    'company',
    async (page) => {
      await page.goto(`/cases/${shared.fireId}`);
      await page.locator('[data-testid="supplement-notice"]').waitFor();
      await shot(page, 'applicant-supplement-mobile');
      await page.setInputFiles('[data-testid="upload-supplement-M02"]', { name: '消防设计文件.pdf', mimeType: 'application/pdf', buffer: pdf('M02') });
      await page.locator('[data-testid="uploaded-supplement-M02"]').waitFor();
      await page.click('[data-testid="supplement-answer"]');
      await caseState(page, 'submitted');
      await page.locator('[data-testid="event-supplement_answered"]').waitFor();
    },
    PHONE,
  );

  await as(browser, baseUrl, 'clerk', async (page) => {
    await page.goto(`/cases/${shared.fireId}`);
    await page.click('[data-testid="window-accept"]');
    await caseState(page, 'under_review');
  });

  await as(browser, baseUrl, 'reviewer', async (page) => {
    await page.goto(`/cases/${shared.fireId}`);
    await page.waitForSelector('[data-testid="review-panel"]');
    await page.click('[data-testid="suspend-reason"]');
    await page.locator('.el-select-dropdown__item:visible', { hasText: '公示公告' }).click();
    await page.click('[data-testid="review-suspend"]');
    await caseState(page, 'suspended');
    await page.locator('[data-testid="urgency-paused"]').waitFor();
    await page.click('[data-testid="review-resume"]');
    await caseState(page, 'under_review');
    await page.locator('[data-testid="event-resumed"]').waitFor();
  });

  await as(browser, baseUrl, 'head', async (page) => {
    await page.click('[data-testid="menu-department"]');
    await page.waitForSelector('[data-testid="department-page"]');
    await page.locator('[data-testid="task-state-chart"] canvas').waitFor();
    const urge = page.locator('.el-table__body [data-testid^="urge-"]').first();
    await urge.click();
    await page.fill('[data-testid="urge-note"]', '请加快办理');
    await page.click('[data-testid="head-confirm"]');
    await page.locator('[data-testid="task-table"]', { hasText: '已督办 1 次' }).first().waitFor();
    await page.locator('.el-table__body [data-testid^="reassign-"]').first().click();
    await page.click('[data-testid="reassign-to"]');
    await page.locator('.el-select-dropdown__item:visible', { hasText: '王审查' }).click();
    await page.click('[data-testid="head-confirm"]');
    await page.locator('.el-table__body', { hasText: '王审查' }).first().waitFor();
    await shot(page, 'head-department');
  });
});

test('容缺: the window tolerates two materials, the commitment due date is shown to both sides', async ({ browser, baseUrl }) => {
  await as(browser, baseUrl, 'company', async (page) => {
    shared.tolerantId = await apply(page, PERMIT, ['M01'], ['M02', 'M03', 'M04', 'M06']);
  });

  await as(browser, baseUrl, 'clerk', async (page) => {
    await page.goto(`/cases/${shared.tolerantId}`);
    await page.waitForSelector('[data-testid="window-panel"]');
    await page.locator('[data-testid="check-file-M01"]').waitFor();
    await page.locator('[data-testid="check-declared-M02"]').waitFor();
    await page.click('[data-testid="tolerate-M05"]');
    await page.click('[data-testid="tolerate-M07"]');
    const due = page.locator('[data-testid="commitment-due"]');
    await due.waitFor();
    shared.commitmentDue = (await due.textContent()).match(/\d{4}-\d{2}-\d{2}/)?.[0];
    check(shared.commitmentDue, `no commitment due date shown: ${await due.textContent()}`);
    const button = (await page.textContent('[data-testid="window-accept"]')).trim();
    check(button.startsWith('容缺受理'), `accept button: ${button}`);
    await shot(page, 'clerk-tolerate');
    await page.click('[data-testid="window-accept"]');
    await caseState(page, 'under_review');
    const detail = await apiGet(page, `/cases/${shared.tolerantId}`);
    check(
      detail.commitment?.state === 'open' && detail.commitment.materials.join() === 'M05,M07',
      `commitment: ${JSON.stringify(detail.commitment)}`,
    );
    check(detail.commitment.due_date === shared.commitmentDue, `shown ${shared.commitmentDue}, signed ${detail.commitment.due_date}`);
  });

  await as(browser, baseUrl, 'company', async (page) => {
    await page.goto(`/cases/${shared.tolerantId}`);
    const card = page.locator('[data-testid="commitment-card"]');
    await card.waitFor();
    const text = await card.textContent();
    check(text.includes(shared.commitmentDue) && text.includes('质量安全监督手续'), `commitment card: ${text}`);
  });
});

test('a person sees that an enterprise item is not for them (服务对象) and cannot apply', async ({ browser, baseUrl }) => {
  await as(browser, baseUrl, 'citizen', async (page) => {
    await page.goto('/cases/services');
    await page.fill('[data-testid="services-search"]', PERMIT.search);
    await page.click('[data-testid="services-search-button"]');
    await page.locator(`[data-testid="service-${PERMIT.code}"] .item-head`).click();
    const hint = page.locator(`[data-testid="service-not-served-${PERMIT.code}"]`);
    await hint.waitFor();
    check((await hint.textContent()).includes('仅面向法人'), `hint: ${await hint.textContent()}`);
    check(await page.isDisabled(`[data-testid="service-apply-${PERMIT.code}"]`), 'the apply button is enabled');
  });
});

test('效能监察: the head sees their department\'s on-time rate and overdue list; the supervisor picks a department', async ({ browser, baseUrl }) => {
  await as(browser, baseUrl, 'head', async (page) => {
    await page.click('[data-testid="menu-supervision"]');
    await page.waitForSelector('[data-testid="supervision-page"]');
    await page.locator('[data-testid="supervision-months"] .el-table__body tr').nth(11).waitFor();
    const total = await page.textContent('[data-testid="supervision-total"]');
    check(/合计办结 [1-9]\d* 件/.test(total), `the delivered case is not counted: ${total}`);
    check(await page.isDisabled('[data-testid="supervision-department"] input'), 'a head may pick another department');
    check((await page.locator('[data-testid="supervision-chart"] canvas').count()) > 0, 'no chart drawn');
    await page.locator('[data-testid="supervision-overdue-total"]').waitFor();
    await shot(page, 'head-supervision');
  });
  await as(browser, baseUrl, 'supervisor', async (page) => {
    await page.goto('/supervision');
    await page.click('[data-testid="supervision-department"]');
    await page.locator('.el-select-dropdown__item:visible', { hasText: '住房和城乡建设局' }).first().click();
    await page.waitForFunction(() => /合计办结 [1-9]\d* 件/.test(document.querySelector('[data-testid="supervision-total"]')?.textContent ?? ''));
    const rows = await page.locator('[data-testid="supervision-months"] .el-table__body tr').count();
    check(rows === 12, `${rows} month rows`);
  });
});

test('个人信息保护: the window sees the citizen masked and reveals with a reason; the citizen reads who looked', async ({ browser, baseUrl }) => {
  // A citizen's application (就业创业证申领, a 南宁 item for persons), made through the API.
  const citizen = await staff(baseUrl, 'citizen');
  const made = await citizen.post('/cases', {
    item_code: '1145010000756459332204593003000',
    form: { contact_name: '张三', contact_phone: '13812341234', address: '广西壮族自治区南宁市青秀区民族大道100号' },
    materials: [],
  });
  await as(browser, baseUrl, 'clerk', async (page) => {
    await page.goto(`/cases/${made.id}`);
    await page.locator('[data-testid="case-applicant"]').waitFor();
    const masked = (await page.textContent('[data-testid="applicant-id-number"]')).trim();
    check(masked === '110105********002X', `the 身份证 is not masked: ${masked}`);
    const phone = (await page.textContent('[data-testid="form-contact_phone"]')).trim();
    check(phone === '138****1234', `the phone is not masked: ${phone}`);
    await shot(page, 'clerk-masked');
    // The reason is required, in Chinese, before anything is shown.
    await page.click('[data-testid="reveal-open"]');
    await page.locator('[data-testid="reveal-dialog"]').waitFor();
    await page.click('[data-testid="reveal-confirm"]');
    await page.getByText('请填写查看理由').waitFor();
    check((await page.textContent('[data-testid="applicant-id-number"]')).trim() === masked, 'revealed without a reason');
    await page.fill('[data-testid="reveal-reason"]', '核对申请人身份');
    await page.click('[data-testid="reveal-confirm"]');
    await page.locator('[data-testid="applicant-id-number"]', { hasText: '11010519491231002X' }).waitFor();
    const full = (await page.textContent('[data-testid="form-contact_phone"]')).trim();
    check(full === '13812341234', `the phone after the reveal: ${full}`);
    check(!(await page.locator('[data-testid="reveal-open"]').isVisible()), 'the reveal button stays after revealing');
    await shot(page, 'clerk-revealed');
  });
  await as(browser, baseUrl, 'citizen', async (page) => {
    await page.click('[data-testid="menu-accessLog"]');
    await page.waitForSelector('[data-testid="access-log-page"]');
    const row = page.locator('[data-testid="access-log-table"] .el-table__row', { hasText: '查看完整身份信息' });
    await row.waitFor();
    const text = await row.textContent();
    check(text.includes('核对申请人身份') && text.includes('李窗口') && text.includes('南宁市行政审批局'), `the access record: ${text}`);
    check(text.includes('前台受理人员'), `the viewer's post in words: ${text}`);
    await page.locator('[data-testid="access-log-table"] .el-table__row', { hasText: '查看办件' }).first().waitFor();
    const page_text = await page.textContent('[data-testid="access-log-page"]');
    check(!/(view_case|reveal|front_clerk|case:\d)/.test(page_text), `raw keys on the access log: ${page_text}`);
    await shot(page, 'citizen-access-log');
  });
});

test('in English the closed case reads Completed and no message key shows raw', async ({ browser, baseUrl }) => {
  check(shared.caseId, 'needs the case of the first test');
  const { context, page, pageErrors } = await newPage(browser, baseUrl);
  try {
    await context.addInitScript(() => localStorage.setItem('tongban.locale', 'en'));
    await login(page, 'company');
    await page.goto(`/cases/${shared.caseId}`);
    const tag = (await page.textContent('.title [data-testid="case-state-delivered"]')).trim();
    check(tag === 'Completed', `English state label: ${tag}`);
    await page.locator('[data-testid="rating-done"]', { hasText: 'Very satisfied' }).waitFor();
    const text = await page.textContent('[data-testid="case-page"]');
    check(!/cases\.[a-z]/.test(text), `raw message keys on the page: ${text.match(/cases\.[\w.]+/g)}`);
    await shot(page, 'applicant-case-en');
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// ---- runner ----

runSuite('cases', tests);
