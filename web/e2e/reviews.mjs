#!/usr/bin/env node
// Browser test of the 三级联审 and 联审会 pages against a real tongban server (after `npm run build`):
//
//   TONGBAN_BIN=/path/to/tongban node e2e/reviews.mjs
//
// A 北海 project the window registered as begun in March (its 立项 is long overdue). The owner
// drafts a 建设用地报批 filing: the live self-check shows the plot ratio rule in red and keeps
// 报送 disabled; the draft sent as stored is refused with the server's self_check_failed
// message; corrected, it goes out with an advisory warning. The county, city and province posts
// each answer from their inbox (the county and the province ask for supplements, one point
// twice); the province answers three working days later, past its 2 working days (the server
// restarted at a later instant on the same database), and is marked 逾期答复; the owner
// sees one consolidated notice (the shared point once) and resubmits; the
// posts approve and the review report downloads as a PDF. A supervisor schedules a meeting
// whose agenda lists the overdue stage; the chair records minutes (checked in Chinese first)
// with a decision, which the owner department closes; the supervisor finds the filing and the
// closed decision in the lists and exports them.
// Server and browser set-up: harness.mjs. Screenshots go to build/screenshots/reviews-*.png.
import { as, check, login, newPage, pdf, plusWeekdays, runSuite, shotter, staff } from './harness.mjs';

const shot = shotter('reviews');
const text = async (page, testid) => (await page.textContent(`[data-testid="${testid}"]`)).replace(/\s+/g, '');
// An Element Plus text field by test id (el-input puts the id on its <input>).
const field = (id) => `input[data-testid="${id}"], [data-testid="${id}"] input, textarea[data-testid="${id}"], [data-testid="${id}"] textarea`;
const choose = async (page, testid, option) => {
  await page.click(`[data-testid="${testid}"]`);
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
};

const OWNER = 'bh-company';
const PROJECT = '2026-450502-47-01-3A81FK';
const PROJECT_NAME = '北海海城标准厂房';
const TITLE = '标准厂房建设用地报批';
const REGISTRATION = {
  code: PROJECT,
  name: PROJECT_NAME,
  owner_uscc: '91450500MA5N8BH00M',
  owner_name: '北海示例建设投资有限公司',
  approval_kind: 'filing',
  type: 'industry',
  kind: 'construction',
  investment_yuan: 120000000,
  region_code: '450502',
  site: '北海市海城区工业园',
  fast_lane: false,
  template_code: 'beihai-five-stages',
  // Begun in March on the national platform: 立项 (7 working days) is overdue now.
  registered_on: '2026-03-02',
};

let filingId = 0;
let meetingId = 0;
const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('the owner drafts a filing: a blocking self-check stops it, corrected it is sent', async ({ browser, baseUrl }) => {
  await (await staff(baseUrl, 'bh-clerk')).post('/projects', REGISTRATION);
  await as(browser, baseUrl, OWNER, async (page) => {
    await page.goto(`/projects/${PROJECT}`);
    await page.locator('[data-testid="project-filings"]').waitFor();
    await page.click('[data-testid="project-filing-create"]');
    await page.locator('[data-testid="filing-form"]').waitFor();
    await page.locator(field('filing-field-land_area_m2')).waitFor();
    await page.fill(field('filing-title'), TITLE);
    await page.fill(field('filing-field-land_area_m2'), '40000');
    await page.fill(field('filing-field-building_area_m2'), '36000');
    await page.fill(field('filing-field-plot_ratio'), '2.0'); // 36000 / 40000 = 0.9: LU-03
    await choose(page, 'filing-field-land_use', '工业');
    await page.fill(field('filing-field-investment_yuan'), '120000000');
    await page.fill(field('filing-field-site'), '海城区工业园');
    // The survey map is uploaded (ticking it by itself); the other two are declared.
    await page.setInputFiles('[data-testid="upload-filing-survey-map"]', { name: '勘测定界图.pdf', mimeType: 'application/pdf', buffer: pdf('survey map') });
    await page.locator('[data-testid="uploaded-filing-survey-map"]').waitFor();
    for (const a of ['land-use-plan', 'site-selection-opinion']) await page.click(`[data-testid="filing-attachment-${a}"]`);
    const blocking = page.locator('[data-testid="filing-check"] [data-testid="check-blocking"]');
    await blocking.first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="filing-check"] [data-testid="check-blocking"]').length === 1);
    const red = await blocking.textContent();
    check(red.includes('LU-03') && red.includes('容积率应等于总建筑面积除以用地面积'), `blocking: ${red}`);
    check(await page.isDisabled('[data-testid="filing-send"]'), 'send enabled despite a blocking rule');
    check((await page.textContent('[data-testid="filing-send-blocked"]')).includes('修正后才能报送'), 'no reason for the disabled send');
    await shot(page, 'create-blocked');
    await page.click('[data-testid="filing-save-draft"]');
    await page.waitForURL(/\/filings\/\d+$/);
    filingId = Number(page.url().split('/').pop());
    check((await text(page, 'filing-state')) === '草稿', 'not a draft');

    // The draft sent as stored: the server refuses it and names the rule.
    await page.goto(`/projects/${PROJECT}`);
    await page.click(`[data-testid="project-filing-send-${filingId}"]`);
    const refused = await page.locator('[data-testid="project-filing-refused"]').textContent();
    check(refused.includes('报件自检未通过') && refused.includes('LU-03'), `refusal: ${refused}`);
    await shot(page, 'project-refused');

    // Corrected on the filing page: the red rule goes, the industrial plot ratio warns in yellow.
    await page.click(`[data-testid="project-filing-${filingId}"]`);
    await page.locator(field('filing-field-plot_ratio')).waitFor();
    await page.locator('[data-testid="filing-check"] [data-testid="check-blocking"]').first().waitFor();
    await page.fill(field('filing-field-plot_ratio'), '0.9');
    await page.locator('[data-testid="filing-check"] [data-testid="check-advisory"]').first().waitFor();
    check((await page.locator('[data-testid="filing-check"] [data-testid="check-blocking"]').count()) === 0, 'still blocked');
    check((await page.textContent('[data-testid="filing-check"] [data-testid="check-advisory"]')).includes('LU-10'), 'no advisory warning');
    await page.waitForFunction(() => !document.querySelector('[data-testid="filing-send"]')?.disabled);
    await page.click('[data-testid="filing-send"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="filing-state"]')?.textContent.includes('联审中'));
    for (const level of ['county', 'city', 'province']) check((await text(page, `filing-level-${level}-look`)) === '待答复', `${level} not waiting`);
    check((await text(page, 'filing-level-county')).includes('北海市自然资源局海城分局'), 'county post');
    check((await text(page, 'filing-level-province')).includes('广西壮族自治区自然资源厅'), 'province post');
    check((await page.locator('[data-testid="filing-answer"]').count()) === 0, 'the owner sees an answer form');
    check((await page.textContent('[data-testid="filing-file-survey-map"]')).includes('勘测定界图.pdf'), 'the uploaded survey map');
    await shot(page, 'sent');
  });
});

async function answerFromInbox(browser, baseUrl, username, level, decision, points, opinion = '') {
  await as(browser, baseUrl, username, async (page) => {
    await page.click('[data-testid="menu-reviewInbox"]');
    await page.locator(`[data-testid="inbox-open-${filingId}"]`).waitFor();
    const due = await page.textContent('[data-testid="inbox-due"]');
    check(/^\d{4}-\d{2}-\d{2}$/.test(due.trim()), `due: ${due}`);
    if (level === 'county') await shot(page, 'inbox');
    await page.click(`[data-testid="inbox-open-${filingId}"]`);
    await page.locator('[data-testid="filing-answer"]').waitFor();
    check((await page.textContent('[data-testid="filing-answer"]')).includes(`以 ${{ county: '县级', city: '市级', province: '省级' }[level]}`), 'answers for another post');
    if (level === 'county') {
      const file = await page.request.get(await page.getAttribute('[data-testid="filing-file-survey-map"]', 'href'));
      check(file.status() === 200 && (await file.body()).subarray(0, 5).toString() === '%PDF-', `the post cannot read the survey map: ${file.status()}`);
    }
    await page.click(`[data-testid="answer-${decision}"]`);
    if (decision === 'supplement') {
      // Without points: refused in Chinese before anything is sent.
      await page.click('[data-testid="answer-submit"]');
      check((await page.textContent('[data-testid="answer-error"]')).includes('请至少填写一项补正要点'), 'no points message');
      await page.fill(field('answer-points'), points.join('\n'));
    }
    if (opinion) await page.fill(field('answer-opinion'), opinion);
    await page.click('[data-testid="answer-submit"]');
    await page.locator('[data-testid="filing-answer"]').waitFor({ state: 'detached' });
    const look = await text(page, `filing-level-${level}-look`);
    check(look === (decision === 'approve' ? '同意' : '需补正'), `${level} look: ${look}`);
    if (level === 'province') await shot(page, 'answered');
  });
}

// Sent on Monday 2026-06-01 (harness E2E_START): each post's answer is due Wednesday 06-03.
const LATER = '2026-06-04T09:30:00+08:00'; // Thursday, three working days later

test('the county, city and province posts answer for themselves from their inboxes, the province late', async ({ browser, baseUrl, restartAt }) => {
  await answerFromInbox(browser, baseUrl, 'bh-hc-zrzy', 'county', 'supplement', ['补充勘测定界图坐标', '补充 耕地占补平衡方案']);
  await answerFromInbox(browser, baseUrl, 'bh-zrzyj', 'city', 'approve', [], '同意');
  // The city has answered: its inbox is empty, and on the filing it sees no answer form.
  await as(browser, baseUrl, 'bh-zrzyj', async (page) => {
    await page.click('[data-testid="menu-reviewInbox"]');
    await page.locator('[data-testid="inbox-table"] .el-table__empty-text').waitFor();
    await page.goto(`/filings/${filingId}`);
    await page.locator('[data-testid="filing-level-city"]').waitFor();
    check((await page.locator('[data-testid="filing-answer"]').count()) === 0, 'a second answer form');
  });
  await restartAt(LATER);
  await answerFromInbox(browser, baseUrl, 'gx-zrzyt', 'province', 'supplement', ['补充  耕地占补平衡方案', '补充宗地界址点成果表']);
  await as(browser, baseUrl, OWNER, async (page) => {
    await page.goto(`/filings/${filingId}`);
    const late = page.locator('[data-testid="filing-level-province"] [data-testid="filing-late"]');
    await late.waitFor();
    check((await late.textContent()).includes('逾期答复'), 'no late mark on the province');
    const province = await text(page, 'filing-level-province');
    check(province.includes('时限2026-06-03') && province.includes('2026-06-04'), `province: ${province}`);
    check((await page.locator('[data-testid="filing-late"]').count()) === 1, 'the county or the city marked late');
    await shot(page, 'late');
  });
});

test('the owner reads one consolidated notice, resubmits, and downloads the report', async ({ browser, baseUrl }) => {
  await as(browser, baseUrl, OWNER, async (page) => {
    await page.goto(`/filings/${filingId}`);
    await page.locator('[data-testid="filing-notice"]').waitFor();
    check((await text(page, 'filing-state')) === '待补正', 'not waiting for supplements');
    const points = await page.locator('[data-testid="notice-point"]').allTextContents();
    check(points.length === 3, `notice points: ${points.length}`);
    // The province asked for the county's second point again (white space aside): listed once.
    check(points[1].includes('补充 耕地占补平衡方案') && points[1].includes('省级也提出'), `shared point: ${points[1]}`);
    check(points[2].includes('补充宗地界址点成果表'), `province point: ${points[2]}`);
    await shot(page, 'notice');
    await page.locator('[data-testid="filing-check"]').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="filing-send"]')?.disabled);
    await page.click('[data-testid="filing-send"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="filing-state"]')?.textContent.includes('联审中'));
    check((await text(page, 'filing-level-city-look')).includes('上轮'), 'the city approval does not stand');
    check((await page.locator('[data-testid="filing-round-2"]').count()) === 1, 'no round 2');
  });
  for (const who of ['bh-hc-zrzy', 'gx-zrzyt']) await (await staff(baseUrl, who)).post(`/filings/${filingId}/reviews`, { decision: 'approve', opinion: '补正后同意' });
  await as(browser, baseUrl, OWNER, async (page) => {
    await page.goto(`/filings/${filingId}`);
    await page.locator('[data-testid="filing-decided"]').waitFor();
    check((await text(page, 'filing-state')) === '联审通过', 'not approved');
    const href = await page.getAttribute('[data-testid="filing-report"]', 'href');
    const res = await page.request.get(href);
    check(res.status() === 200, `report: ${res.status()}`);
    check(res.headers()['content-type'] === 'application/pdf', `report type: ${res.headers()['content-type']}`);
    check((await res.body()).subarray(0, 5).toString() === '%PDF-', 'not a PDF');
    await shot(page, 'approved');
  });
});

test('a meeting: the agenda lists the overdue stage, minutes record a decision, it is closed', async ({ browser, baseUrl }) => {
  const date = plusWeekdays(1);
  await as(browser, baseUrl, 'supervisor', async (page) => {
    await page.click('[data-testid="menu-meetings"]');
    await page.click('[data-testid="meeting-create"]');
    await page.click('[data-testid="meeting-save"]');
    await page.locator('.el-dialog .el-form-item__error', { hasText: '请选择会议日期' }).waitFor();
    await page.locator('.el-dialog .el-form-item__error', { hasText: '请选择主持部门' }).waitFor();
    await page.fill('[data-testid="meeting-date"] input', date);
    await page.keyboard.press('Enter');
    await choose(page, 'meeting-chair', '北海市行政审批局');
    await page.fill(field('meeting-weeks'), '2');
    await page.click('[data-testid="meeting-save"]');
    await page.waitForURL(/\/meetings\/\d+$/);
    meetingId = Number(page.url().split('/').pop());
    const agenda = await page.locator('[data-testid="agenda-overdue_stage"]').textContent();
    check(agenda.includes(PROJECT_NAME) && agenda.includes('超期'), `agenda: ${agenda}`);
    check((await page.locator('[data-testid="meeting-minutes-form"]').count()) === 0, 'the supervisor may record minutes');
    await shot(page, 'meeting');
    await page.goto('/meetings');
    await page.locator(`[data-testid="meeting-row-${meetingId}"]`).waitFor();
    check((await page.locator('[data-testid="meetings-upcoming"] .el-table__row').count()) === 2, 'the weekly series');
    // On the month calendar (the meeting may fall in next month).
    if ((await text(page, 'calendar-month')) !== date.slice(0, 7)) await page.click('[data-testid="calendar-next"]');
    await page.locator(`[data-testid="calendar-meeting-${meetingId}"]`).waitFor();
    await shot(page, 'meetings');
  });
  await as(browser, baseUrl, 'bh-xzspj-head', async (page) => {
    await page.goto(`/meetings/${meetingId}`);
    await page.locator('[data-testid="meeting-minutes-form"]').waitFor();
    await page.click('[data-testid="minutes-record"]');
    check((await page.textContent('[data-testid="minutes-error"]')).includes('请至少添加一项议定事项'), 'no decisions message');
    await page.locator('[data-testid="agenda-overdue_stage"] [data-testid="agenda-add"]').first().click();
    await page.fill(field('minutes-text-0'), '行政审批局三个工作日内完成立项审批');
    await page.click('[data-testid="minutes-record"]');
    await page.locator('[data-testid="minutes-decision-0"] .el-form-item__error', { hasText: '请选择完成时限' }).waitFor();
    await page.fill('[data-testid="minutes-due-0"] input', date);
    await page.keyboard.press('Enter');
    await page.fill(field('minutes-summary'), '研究北海海城标准厂房立项超期问题');
    await page.click('[data-testid="minutes-record"]');
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="meeting-state"]')?.textContent.includes('已召开'));
    check((await page.locator('[data-testid="meeting-decisions"] .el-table__row').count()) === 1, 'one decision');
    await shot(page, 'minutes');
    // The decision is followed on the tracking page until its owner closes it.
    await page.click('[data-testid="menu-meetingDecisions"]');
    const close = page.locator('[data-testid="decisions-page"] [data-testid^="decision-close-"]'); // not the meeting page's, leaving
    await close.first().waitFor();
    // Exactly one open decision once the list has settled (it renders while loading).
    await page
      .waitForFunction(() => document.querySelectorAll('[data-testid^="decision-close-"]').length === 1, null, { timeout: 10000 })
      .catch(async () => check(false, `${await close.count()} open decisions`));
    await close.first().click();
    await page.fill(field('decision-close-note'), '已完成立项审批');
    await page.click('[data-testid="decision-close-confirm"]');
    await page.locator('[data-testid="decisions-table"] .el-table__empty-text').waitFor();
  });
});

test('the supervisor finds the filing and the closed decision and exports them', async ({ browser, baseUrl }) => {
  await as(browser, baseUrl, 'supervisor', async (page) => {
    await page.click('[data-testid="menu-filings"]');
    await page.locator(`[data-testid="filing-row-${filingId}"]`).waitFor();
    check((await page.locator('[data-testid="filings-table"] .el-table__row').count()) === 1, 'one filing');
    check((await text(page, 'filing-row-state')) === '联审通过', 'state in the list');
    await page.click('[data-testid="filings-overdue"]');
    await page.locator(`[data-testid="filing-row-${filingId}"]`).waitFor({ state: 'detached' });
    const download = page.waitForEvent('download');
    await page.click('[data-testid="filings-export"]');
    check((await download).suggestedFilename().endsWith('.xlsx'), 'filings export');

    await page.click('[data-testid="menu-meetingDecisions"]');
    await page.locator('[data-testid="decisions-table"] .el-table__empty-text').waitFor();
    await choose(page, 'decisions-state', '已办结');
    await page.locator('[data-testid^="decision-state-"]').first().waitFor();
    check((await page.locator('[data-testid="decisions-table"] .el-table__row').count()) === 1, 'one closed decision');
    check((await page.textContent('[data-testid="decisions-table"]')).includes('已完成立项审批'), 'close note');
    const xlsx = page.waitForEvent('download');
    await page.click('[data-testid="decisions-export"]');
    check((await xlsx).suggestedFilename().endsWith('.xlsx'), 'decisions export');
    await shot(page, 'decisions');
    // The project page shows its filing and the meeting's decision.
    await page.goto(`/projects/${PROJECT}`);
    await page.locator(`[data-testid="project-filing-${filingId}"]`).waitFor();
    check((await page.textContent('[data-testid="project-decisions"]')).includes('行政审批局三个工作日内完成立项审批'), 'project decisions');
    // … and the meeting that took the project up, linked (one meeting: the held one).
    await page.locator('[data-testid^="project-meeting-"]').first().waitFor();
    const meetings = page.locator('[data-testid^="project-meeting-"]');
    check((await meetings.count()) === 1, `meetings on the project page: ${await meetings.count()}`);
    check((await meetings.first().textContent()).includes('已召开'), 'the project page meeting is not the held one');
  });
});

test('an administrator reads the rule set, a malformed rule is refused with its path, a dry run warns', async ({ browser, baseUrl }) => {
  await as(browser, baseUrl, 'admin', async (page) => {
    await page.click('[data-testid="menu-ruleSets"]');
    await page.locator('[data-testid="rule-set-rules"] .el-table__row').first().waitFor();
    check((await page.locator('[data-testid="rule-set-rules"] .el-table__row').count()) === 12, 'twelve rules');
    await page.click('[data-testid="rule-set-run"]');
    check((await page.textContent('[data-testid="rule-set-report"]')).includes('LU-10'), 'dry run advisory');
    await page.click('[data-testid="rule-set-edit"]');
    const json = JSON.parse(await page.inputValue(field('rule-set-json')));
    json.rules[2].logic = { nosuchop: [1] };
    await page.fill(field('rule-set-json'), JSON.stringify(json, null, 2));
    await page.click('[data-testid="rule-set-save"]');
    check((await page.textContent('[data-testid="rule-set-problem"]')).includes('rules[2].logic'), 'no path in the refusal');
    await shot(page, 'rule-invalid');
  });
  const stored = await (await staff(baseUrl, 'admin')).get('/rule-sets/land-use-approval');
  check(JSON.stringify(stored.rules[2].logic).includes('"<="'), 'a refused rule set was stored');
});

test('in English the filing and meeting pages read in English, no raw message keys', async ({ browser, baseUrl }) => {
  const { context, page, pageErrors } = await newPage(browser, baseUrl);
  try {
    await context.addInitScript(() => localStorage.setItem('tongban.locale', 'en'));
    await login(page, 'supervisor');
    for (const [path, testid] of [
      [`/filings/${filingId}`, 'filing-page'],
      [`/meetings/${meetingId}`, 'meeting-page'],
      ['/meeting-decisions', 'decisions-page'],
      ['/meetings', 'meetings-page'],
      ['/filings', 'filings-page'],
    ]) {
      await page.goto(path);
      await page.locator(`[data-testid="${testid}"] .el-card, [data-testid="${testid}"] .el-table`).first().waitFor();
      const body = await page.textContent(`[data-testid="${testid}"]`);
      check(!/reviews\.[a-z]/.test(body), `${path} raw keys: ${body.match(/reviews\.[\w.]+/g)}`);
    }
    await page.goto(`/filings/${filingId}`);
    await page.locator('[data-testid="filing-level-county"]').waitFor();
    check((await page.textContent('[data-testid="filing-page"]')).includes('Three levels'), 'English filing page');
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join(' | ')}`);
  } finally {
    await context.close();
  }
});

runSuite('reviews', tests);
