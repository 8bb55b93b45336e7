#!/usr/bin/env node
// Browser test of the 工程建设项目 pages against a real tongban server (after `npm run build`):
//
//   TONGBAN_BIN=/path/to/tongban node e2e/projects.mjs
//
// Anyone reads the stage templates with their before/after figures (北海 350 → 60) and the
// 地铁图; the plan calculator puts the stages on the working-day calendar and explains a plan
// past the calendar in Chinese; an administrator edits a template with the live preview (a
// cycle is refused before saving, an unknown lead department by the server at its field, a
// shorter stage changes the figures). Then a 北海 project
// runs: the owner registers it (a malformed code is refused in Chinese before anything is
// sent) and sees its plan and 地铁图; the 立项 lead asks the 发改委 for a joint survey, which
// answers in its inbox; the lead consolidates and closes the stage, and 用地 opens by itself
// (接力棒); the 规划 lead cannot open its stage early; a supervisor finds the project among the
// overdue ones (a registration the window backdates: the server's clock is the real one) and
// exports the registry. The owner applies for 立项's item from the project page with the
// item's form and materials (an upload, one on file; a bad phone number refused in Chinese),
// the department decides it, and once 立项 closes 用地 offers its result as a material on file;
// the owner picks a helper (帮办) by searching; the supervisor reads the template's timeline
// across projects (planned vs actual per stage) and exports it.
// Server and browser set-up: harness.mjs. Screenshots go to build/screenshots/projects-*.png.
import { as, check, login, newPage, pdf, runSuite, shotter, staff } from './harness.mjs';

const BEIHAI = 'beihai-five-stages'; // data/projects/templates/beihai-five-stages.json
const NATIONAL = 'national-four-stages';
const shot = shotter('projects');
// The text of an element without whitespace (figures render as separate spans: "350→60").
const text = async (page, testid) => (await page.textContent(`[data-testid="${testid}"]`)).replace(/\s+/g, '');

const PLAN_START = '[data-testid="plan-start"] input';
// An Element Plus text field by test id: el-input puts the id on its <input>, el-input-number
// on its wrapper.
const field = (id) => `input[data-testid="${id}"], [data-testid="${id}"] input, textarea[data-testid="${id}"], [data-testid="${id}"] textarea`;

// The 北海 demo owner, its 信用代码 (data in app/demo.cpp) and the project it registers. The
// project runs on a short template the administrator adds first, so that the suite stays short
// (registration plans from the suite's simulated date, harness.mjs E2E_START).
const OWNER = 'bh-company';
const QUICK = 'beihai-e2e';
const stage = (code, name, lead, co, item, limit, serial, predecessors) => ({ code, name, lead_dept: lead, co_depts: co, items: [item], limit_days: limit, serial_days: serial, predecessors, note: '' });
const QUICK_TEMPLATE = {
  code: QUICK,
  name: '北海三阶段（端到端测试）',
  region: '450500',
  project_types: [],
  source: 'web/e2e/projects.mjs',
  target_days: 10,
  fast_lane_percent: 70,
  stages: [
    stage('approval', '立项', 'BH-XZSPJ', ['BH-FGW'], '1145010000756354862103548001000', 2, 10, []),
    stage('land', '用地', 'BH-ZRZYJ', ['BH-STHJJ'], '1145010000756501982105019004000', 3, 20, ['approval']),
    stage('planning', '规划', 'BH-GHJ', [], '1145010000756501982105019006000', 2, 10, ['land']),
  ],
};
// 立项's item (企业投资项目备案, NN-FGW) and 用地's (工程建设项目报建备案), whose M02 "项目审批、核准
// 或备案文件" is 立项's result once handed over.
const FILING_ITEM = '1145010000756354862103548001000';
const REPORT_ITEM = '1145010000756501982105019004000';
const PROJECT = '2026-450500-47-01-3A81FK';
const PROJECT_NAME = '北海示例标准厂房';
const LATE = '2026-450500-47-01-7QK2MZ';

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('a visitor reads the templates: 350 → 60, the 地铁图 and the plan on the calendar', async ({ browser, baseUrl }) => {
  const { context, page, pageErrors } = await newPage(browser, baseUrl);
  try {
    await page.goto('/project-templates');
    await page.locator(`[data-testid="template-${BEIHAI}"]`).waitFor();
    const figures = await text(page, `template-figures-${BEIHAI}`);
    check(figures.includes('350→60') && figures.includes('绿色通道44'), `北海 figures: ${figures}`);
    check((await text(page, `template-figures-${NATIONAL}`)).includes('200→120'), 'national figures');
    await shot(page, 'templates');

    await page.click(`[data-testid="template-open-${BEIHAI}"]`);
    await page.waitForSelector('[data-testid="project-template-page"] [data-testid="metro-map"]');
    check((await page.locator('[data-testid^="metro-station-"]').count()) === 5, 'five stations');
    check((await page.locator('[data-testid^="metro-line-"].critical').count()) === 4, 'the chain is the critical path');
    check((await page.locator('[data-testid="template-schedule"] .el-table__row').count()) === 5, 'schedule rows');
    // The fast lane scales the limits: 立项 7 → 5.
    await page.click('[data-testid="template-fast-lane"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="template-schedule"] .el-table__row')?.textContent.includes('5'));

    // Registered Monday 2026-03-02: 立项 runs 03-03 .. 03-11, everything due after 60 working days.
    await page.fill(PLAN_START, '2026-03-02');
    await page.keyboard.press('Enter');
    await page.click('[data-testid="plan-compute"]');
    await page.locator('[data-testid="plan-due"]').waitFor();
    check((await text(page, 'plan-due')).includes('60个工作日'), `due: ${await text(page, 'plan-due')}`);
    const first = await text(page, 'plan-stages');
    check(first.includes('2026-03-03') && first.includes('2026-03-11'), `first stage: ${first}`);
    await shot(page, 'template-plan');

    // 120 working days of the national template from November 2027 run past the calendar.
    await page.goto(`/project-templates/${NATIONAL}`);
    await page.locator(PLAN_START).waitFor();
    await page.fill(PLAN_START, '2027-11-01');
    await page.keyboard.press('Enter');
    await page.click('[data-testid="plan-compute"]');
    await page.locator('[data-testid="plan-error"]').waitFor();
    const error = await text(page, 'plan-error');
    check(error.includes('超出了工作日历的覆盖范围'), `error: ${error}`);
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
});

test('an administrator edits a template: a cycle is refused, a shorter stage changes the figures', async ({ browser, baseUrl }) => {
  await as(browser, baseUrl, 'admin', async (page) => {
    await page.click('[data-testid="menu-projectTemplates"]');
    await page.click(`[data-testid="template-edit-${BEIHAI}"]`);
    await page.waitForSelector('[data-testid="template-editor-page"]');
    await page.waitForFunction(() => document.querySelector('input[data-testid="tpl-name"]')?.value.includes('北海'));
    check((await text(page, 'tpl-preview-figures')).includes('350→60'), 'preview before');

    // 立项 after 竣工: a cycle, named in Chinese; nothing is sent.
    await page.click('[data-testid="tpl-stage-0-predecessors"]');
    await page.locator('.el-select-dropdown__item:visible', { hasText: '竣工' }).click();
    await page.keyboard.press('Escape');
    await page.click('[data-testid="tpl-save"]');
    await page.locator('[data-testid="tpl-problems"]').waitFor();
    check((await text(page, 'tpl-problems')).includes('前置关系形成了循环'), 'cycle message');
    check(page.url().includes('/edit'), 'left the editor');
    await shot(page, 'editor-cycle');
    await page.locator('[data-testid="tpl-stage-0-predecessors"] .el-tag__close').first().click();

    // A lead department nobody registered: the server names the stage and the department at
    // the field, and stores nothing.
    const lead = async (code) => {
      await page.click('[data-testid="tpl-stage-2-lead"]');
      await page.keyboard.type(code);
      await page.keyboard.press('Enter');
    };
    await lead('BH-NONE');
    await page.click('[data-testid="tpl-save"]');
    const unknown = page.locator('.el-form-item__error', { hasText: 'BH-NONE' });
    await unknown.waitFor();
    check((await unknown.textContent()).includes('规划'), `unknown department: ${await unknown.textContent()}`);
    check(page.url().includes('/edit'), 'left the editor');
    await lead('BH-GHJ');

    // 竣工 in 6 working days instead of 8: 350 → 58, live, then stored.
    await page.fill(field('tpl-stage-4-limit'), '6');
    await page.locator(field('tpl-stage-4-limit')).blur();
    await page.waitForFunction(() => document.querySelector('[data-testid="tpl-preview-figures"]')?.textContent.includes('58'));
    await shot(page, 'editor');
    await page.click('[data-testid="tpl-save"]');
    await page.waitForURL(new RegExp(`/project-templates/${BEIHAI}$`));
    await page.waitForFunction(() => document.querySelector('[data-testid="template-figures"]')?.textContent.replace(/\s+/g, '').includes('350→58'));
  });
  const admin = await staff(baseUrl, 'admin');
  const stored = await admin.get(`/project-templates/${BEIHAI}`);
  check(stored.stages[4].limit_days === 6 && stored.stages[0].predecessors.length === 0 && stored.stages[2].lead_dept === 'BH-GHJ', 'stored definition');
  // Put it back for the tests that follow.
  stored.stages[4].limit_days = 8;
  const { figures, critical_path, schedule, fast_lane_schedule, ...definition } = stored;
  await admin.put(`/project-templates/${BEIHAI}`, definition);
});

test('the owner registers a project: the code is checked first, then the plan and the 地铁图', async ({ browser, baseUrl }) => {
  const created = await (await staff(baseUrl, 'admin')).post('/project-templates', QUICK_TEMPLATE);
  check(created.figures.parallel_days === 7 && created.figures.serial_days === 40, `quick template: ${JSON.stringify(created.figures)}`);
  await as(browser, baseUrl, OWNER, async (page) => {
    await page.click('[data-testid="menu-projects"]');
    await page.click('[data-testid="project-register"]');
    await page.waitForSelector('[data-testid="project-register-page"]');
    await page.waitForFunction(() => document.querySelector('input[data-testid="reg-uscc"]')?.value === '91450500MA5N8BH00M');
    await page.fill(field('reg-code'), '2026-450500-47-01-3A81F');
    await page.fill(field('reg-name'), PROJECT_NAME);
    await page.fill(field('reg-investment'), '80000000');
    await page.fill(field('reg-region'), '450500');
    await page.click('[data-testid="reg-template"]');
    await page.locator('.el-select-dropdown__item:visible', { hasText: '端到端测试' }).click();
    await page.locator('[data-testid="reg-plan-due"]').waitFor();
    await page.click('[data-testid="reg-submit"]');
    await page.locator('.el-form-item__error', { hasText: '项目代码应为 24 位' }).waitFor();
    check(page.url().endsWith('/projects/new'), 'a malformed code was sent');
    await shot(page, 'register-refused');
    await page.fill(field('reg-code'), PROJECT.toLowerCase());
    await page.click('[data-testid="reg-submit"]');
    await page.waitForURL(new RegExp(`/projects/${PROJECT}$`));
    await page.locator('[data-testid="project-metro"]').waitFor();
    check((await text(page, 'project-figures')).includes('40→7'), 'project figures');
    check((await page.getAttribute('[data-testid="metro-station-approval"]', 'data-state')) === 'open', '立项 is open');
    check((await page.getAttribute('[data-testid="metro-station-land"]', 'data-state')) === 'pending', '用地 waits');
    await page.locator('[data-testid="project-timeline"] canvas').first().waitFor();
    await shot(page, 'project');
  });
});

test('the owner applies for 立项 from the project page with the item form and materials', async ({ browser, baseUrl }) => {
  await as(browser, baseUrl, OWNER, async (page) => {
    await page.goto(`/projects/${PROJECT}`);
    await page.click(`[data-testid="stage-apply-approval-${FILING_ITEM}"]`);
    const dialog = '[data-testid="stage-apply-dialog"]';
    await page.locator(`${dialog} [data-testid="apply-material-M01"]`).waitFor();
    check((await page.inputValue('input[data-testid="apply-project-name"]')) === PROJECT_NAME, 'project name prefilled');
    await page.fill('input[data-testid="apply-contact-phone"]', '12345');
    await page.click('[data-testid="stage-apply-submit"]');
    await page.locator('.el-form-item__error', { hasText: '请填写 11 位手机号码' }).waitFor();
    await page.fill('input[data-testid="apply-contact-phone"]', '13800001234');
    await page.setInputFiles('[data-testid="upload-M01"]', { name: '备案信息表.pdf', mimeType: 'application/pdf', buffer: pdf('M01') });
    await page.locator('[data-testid="apply-onfile-M01"]').waitFor({ state: 'detached' });
    await page.click('[data-testid="apply-onfile-M02"]');
    await page.locator('[data-testid="apply-missing"]').waitFor({ state: 'detached' });
    await shot(page, 'stage-apply');
    await page.click('[data-testid="stage-apply-submit"]');
    await page.locator('[data-testid="project-stage-approval"] a[href^="/cases/"]').waitFor();
    await shot(page, 'stage-applied');
  });
  // The case carries the form and the materials; the window accepts, 发改委 approves.
  const owner = await staff(baseUrl, OWNER);
  const project = await owner.get(`/projects/${PROJECT}`);
  const id = project.stages[0].cases[0].id;
  const c = await owner.get(`/cases/${id}`);
  check(c.form.contact_phone === '13800001234' && c.form.project_name === PROJECT_NAME, `form: ${JSON.stringify(c.form)}`);
  const files = Object.fromEntries(c.materials.map((m) => [m.material_code, m.file_id]));
  check(typeof files.M01 === 'string' && files.M01.length === 64 && files.M02 === null, `materials: ${JSON.stringify(c.materials)}`);
  await (await staff(baseUrl, 'clerk')).post(`/cases/${id}/accept`, { materials: [] });
  // 立项's item belongs to 南宁发改委: its demo reviewer decides.
  const reviewer = await staff(baseUrl, 'nn-fgw');
  for (let i = 0; i < 6; i += 1) {
    const task = (await reviewer.get(`/cases/${id}`)).tasks.find((t) => t.state === 'active');
    if (!task) break;
    await reviewer.post(`/tasks/${task.id}/opinion`, { result: 'pass', opinion: '符合要求' });
  }
  await reviewer.post(`/cases/${id}/decide`, { decision: 'approve', reason: '符合法定条件' });
});

test('the lead department runs its stage: a joint survey answered, consolidated, closed, handed over', async ({ browser, baseUrl }) => {
  await as(browser, baseUrl, 'bh-xzspj-head', async (page) => {
    await page.click('[data-testid="menu-projectDesk"]');
    const card = `[data-testid="desk-stage-${PROJECT}-approval"]`;
    await page.locator(card).waitFor();
    await page.click('[data-testid="stage-joint-approval"]');
    await page.click('[data-testid="joint-kind"]');
    await page.locator('.el-select-dropdown__item:visible', { hasText: '联合踏勘' }).click();
    await page.click('[data-testid="joint-submit"]');
    await page.locator(`${card} .joint`).waitFor();
    await shot(page, 'desk');
  });
  await as(browser, baseUrl, 'bh-fgw', async (page) => {
    await page.click('[data-testid="menu-jointTasks"]');
    await page.locator('[data-testid^="joint-answer-"]').first().click();
    await page.fill(field('joint-comment'), '选址符合规划，同意');
    await page.click('[data-testid="joint-answer-submit"]');
    await page.locator('[data-testid="joint-tasks-table"]', { hasText: '同意' }).waitFor();
    await shot(page, 'joint-inbox');
  });
  await as(browser, baseUrl, 'bh-xzspj-head', async (page) => {
    await page.goto('/project-desk');
    await page.locator('input[data-testid^="joint-conclusion-"]').first().fill('各部门同意，选址可行');
    await page.locator('[data-testid^="joint-consolidate-"]').first().click();
    await page.locator('[data-testid^="joint-consolidate-"]').first().waitFor({ state: 'detached' });
    await page.click('[data-testid="stage-close-approval"]');
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await page.locator('.el-empty').waitFor();
    await page.goto(`/projects/${PROJECT}`);
    await page.locator('[data-testid="project-metro"]').waitFor();
    check((await page.getAttribute('[data-testid="metro-station-approval"]', 'data-state')) === 'closed', '立项 closed');
    check((await page.getAttribute('[data-testid="metro-station-land"]', 'data-state')) === 'open', '用地 opened by the hand-over');
    await shot(page, 'project-handed-over');
  });
  // 规划 waits for 用地: its lead cannot open it yet, and nothing changes.
  await as(browser, baseUrl, 'bh-ghj-head', async (page) => {
    await page.goto(`/projects/${PROJECT}`);
    await page.click('[data-testid="stage-open-planning"]');
    await page.locator('.el-message--error').waitFor();
    check((await page.getAttribute('[data-testid="metro-station-planning"]', 'data-state')) === 'pending', '规划 opened early');
  });
});

test('用地 offers 立项\'s result on file; the owner picks a helper by searching', async ({ browser, baseUrl }) => {
  await as(browser, baseUrl, OWNER, async (page) => {
    await page.goto(`/projects/${PROJECT}`);
    await page.click(`[data-testid="stage-apply-land-${REPORT_ITEM}"]`);
    await page.locator('[data-testid="apply-handed-M02"]').waitFor();
    check((await text(page, 'apply-handed-M02')).includes('立项阶段已办结'), `hint: ${await text(page, 'apply-handed-M02')}`);
    check(await page.isChecked('[data-testid="apply-onfile-M02"] input'), '立项 result not ticked as on file');
    await shot(page, 'stage-apply-handed-over');
    await page.locator('[data-testid="stage-apply-dialog"] .el-dialog__headerbtn').click();
    await page.locator('[data-testid="stage-apply-dialog"]').waitFor({ state: 'hidden' });

    // The picker offers enterprises and agencies only: a citizen's name finds nothing.
    await page.click('[data-testid="helper-picker"]');
    await page.keyboard.type('张三');
    await page.locator('.el-select-dropdown__empty:visible').waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('咨询');
    await page.locator('[data-testid="helper-option-agency"]:visible').click();
    await page.click('[data-testid="helper-assign"]');
    await page.locator('[data-testid="project-helper"]', { hasText: 'agency' }).waitFor();
    await shot(page, 'helper-picked');
  });
});

test('a supervisor filters the registry to overdue projects and exports it', async ({ browser, baseUrl }) => {
  // A second project the 北海 window registers as begun on 2026-03-02 on the national platform:
  // its first stage was due two working days later and is overdue now.
  const clerk = await staff(baseUrl, 'bh-clerk');
  await clerk.post('/projects', {
    code: LATE,
    name: '北海示例仓储中心',
    owner_uscc: '91450500MA5N8BH00M',
    owner_name: '北海示例建设投资有限公司',
    approval_kind: 'filing',
    type: 'industry',
    kind: 'construction',
    investment_yuan: 30000000,
    region_code: '450500',
    site: '铁山港区',
    fast_lane: false,
    template_code: QUICK,
    registered_on: '2026-03-02',
  });
  await as(browser, baseUrl, 'supervisor', async (page) => {
    await page.click('[data-testid="menu-projects"]');
    await page.locator(`[data-testid="project-row-${LATE}"]`).waitFor();
    check((await page.locator('[data-testid="projects-table"] .el-table__row').count()) === 2, 'two projects');
    await page.click('[data-testid="projects-overdue"]');
    await page.locator(`[data-testid="project-row-${PROJECT}"]`).waitFor({ state: 'detached' });
    const rows = await page.locator('[data-testid="projects-table"] .el-table__row').count();
    check(rows === 1, `${rows} overdue rows`);
    check((await page.locator('[data-testid="project-overdue"]').count()) === 1, 'no overdue tag');
    await shot(page, 'registry-overdue');
    const download = page.waitForEvent('download');
    await page.click('[data-testid="projects-export"]');
    const file = await download;
    check(file.suggestedFilename().endsWith('.xlsx'), `export: ${file.suggestedFilename()}`);
    await page.click(`[data-testid="project-row-${LATE}"]`);
    await page.locator('[data-testid="project-metro"]').waitFor();
    check((await page.getAttribute('[data-testid="metro-station-approval"]', 'data-state')) === 'overdue', '立项 not shown overdue');
    await page.locator('[data-testid="project-timeline"] canvas').first().waitFor();
    await shot(page, 'project-overdue');

    // The template across its two projects: 立项 closed once (on time or not), planned vs
    // actual drawn, exported.
    await page.goto(`/project-templates/${QUICK}`);
    await page.locator('[data-testid="template-timeline-chart"] canvas').first().waitFor();
    const summary = await text(page, 'template-timeline-summary');
    check(summary.includes('串联40→并联7') && summary.includes('共2个项目'), `timeline summary: ${summary}`);
    check((await page.locator('[data-testid="template-timeline-table"] .el-table__row').count()) === 3, 'three stage rows');
    await shot(page, 'template-timeline');
    const sheet = page.waitForEvent('download');
    await page.click('[data-testid="template-timeline-export"]');
    check((await sheet).suggestedFilename().endsWith('.xlsx'), 'timeline export');
  });
  // The owner is no supervisor: no timeline on the template page.
  await as(browser, baseUrl, OWNER, async (page) => {
    await page.goto(`/project-templates/${QUICK}`);
    await page.locator('[data-testid="template-plan"]').waitFor();
    check((await page.locator('[data-testid="template-timeline"]').count()) === 0, 'owner sees the timeline');
  });
});

test('in English the template and project pages read in English, no raw message keys', async ({ browser, baseUrl }) => {
  const { context, page, pageErrors } = await newPage(browser, baseUrl);
  try {
    await context.addInitScript(() => localStorage.setItem('tongban.locale', 'en'));
    await login(page, 'supervisor');
    for (const [path, testid] of [
      [`/project-templates/${BEIHAI}`, 'project-template-page'],
      ['/projects', 'projects-page'],
      [`/projects/${LATE}`, 'project-page'],
    ]) {
      await page.goto(path);
      await page.locator(`[data-testid="${testid}"] .el-card, [data-testid="${testid}"] .el-table`).first().waitFor();
      const body = await page.textContent(`[data-testid="${testid}"]`);
      check(!/projects\.[a-z]/.test(body), `${path} raw keys: ${body.match(/projects\.[\w.]+/g)}`);
    }
    check((await page.textContent('[data-testid="project-page"]')).includes('Planned vs actual'), 'English project page');
    await shot(page, 'project-en');
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
});

runSuite('projects', tests);
