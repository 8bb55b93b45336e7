import shipped from '../../../data/projects/rules/land-use-approval.json';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  agendaGroups,
  agendaTarget,
  decisionsXlsx,
  filingsXlsx,
  answerProblems,
  checkData,
  decisionTag,
  filingTag,
  formPayload,
  formSchema,
  inboxRows,
  levelColumns,
  meetingsByDate,
  minutesProblems,
  monthRange,
  myOpenReview,
  nextDue,
  noticeLines,
  openNotice,
  parsePoints,
  refusedFindings,
  scheduleProblems,
  splitMeetings,
  type AgendaItem,
  type CurrentReview,
  type FilingDetail,
  type FilingSummary,
  type Review,
  type RuleSet,
} from './reviews';

// The shipped rule set: the form the page builds is the one the server checks.
const landUse = shipped as unknown as RuleSet;

describe('formSchema', () => {
  const schema = formSchema(landUse);
  it('reads the form fields and their kinds from the rules', () => {
    const keys = schema.fields.map((f) => f.key);
    expect(keys.slice(0, 6)).toEqual(['land_area_m2', 'building_area_m2', 'plot_ratio', 'land_use', 'investment_yuan', 'site']);
    expect(keys).toContain('farmland_area_m2');
    expect(keys).toContain('green_ratio');
    const by = new Map(schema.fields.map((f) => [f.key, f]));
    expect(by.get('land_area_m2')).toMatchObject({ numeric: true, required: true });
    expect(by.get('farmland_area_m2')).toMatchObject({ numeric: true, required: false });
    expect(by.get('site')).toMatchObject({ numeric: false, required: true, options: [] });
    expect(by.get('land_use')?.options).toEqual(['industrial', 'commercial', 'residential', 'public', 'infrastructure']);
  });
  it('reads the attachment codes the rules test', () => {
    expect(schema.attachments).toEqual(['survey-map', 'land-use-plan', 'site-selection-opinion', 'farmland-compensation-plan']);
  });
  it('takes missing_some and ignores project variables', () => {
    const s = formSchema({ rules: [{ code: 'A', name: 'a', severity: 'blocking', message: { zh: '', en: '' }, logic: { and: [{ missing_some: [1, ['form.a', 'form.b']] }, { '>': [{ var: 'project.investment_yuan' }, 0] }] } }] });
    expect(s.fields.map((f) => [f.key, f.required])).toEqual([
      ['a', true],
      ['b', true],
    ]);
  });
});

describe('formPayload and checkData', () => {
  const schema = formSchema(landUse);
  it('drops empty fields and sends numbers as numbers', () => {
    expect(formPayload(schema, { land_area_m2: '40000', site: ' 海城区 ', plot_ratio: 0.9, green_ratio: '', farmland_area_m2: null })).toEqual({ land_area_m2: 40000, site: '海城区', plot_ratio: 0.9 });
  });
  it('keeps a malformed number as text, for the rules to refuse', () => {
    expect(formPayload(schema, { land_area_m2: '4万' })).toEqual({ land_area_m2: '4万' });
  });
  it('builds the data the rules read', () => {
    const p = { code: 'C', name: 'N', owner_uscc: 'U', region_code: '450502', investment_yuan: 1, type: 'industry', approval_kind: 'filing', fast_lane: false };
    expect(checkData({ ...p, extra: 1 } as typeof p, { a: 1 }, ['survey-map'])).toEqual({ project: p, form: { a: 1 }, attachments: ['survey-map'] });
  });
  it('reads the findings of a refused send', () => {
    const f = { code: 'LU-03', name: 'n', severity: 'blocking', message: { zh: '容积率', en: 'ratio' } };
    expect(refusedFindings({ reason: 'LU-03', blocking: [f] })).toEqual({ blocking: [f], advisory: [] });
    expect(refusedFindings(undefined)).toEqual({ blocking: [], advisory: [] });
  });
});

const post = (level: 'county' | 'city' | 'province', dept: string) => ({ level, region_code: '450502', department_code: dept, department_name: dept });
const review = (level: 'county' | 'city' | 'province', dept: string, round: number, decision: Review['decision'], extra: Partial<Review> = {}): Review => ({
  ...post(level, dept),
  round,
  sent_on: '2026-12-01',
  due_on: '2026-12-03',
  decision,
  answered_on: decision ? '2026-12-02' : null,
  opinion: '',
  points: [],
  reviewer: '',
  late: false,
  overdue: false,
  ...extra,
});

describe('the levels of a filing', () => {
  const posts = [post('county', 'C'), post('city', 'S'), post('province', 'P')];
  it('shows each post in the current round', () => {
    const f = { posts, round: 1, state: 'in_review' as const, reviews: [review('county', 'C', 1, null, { overdue: true }), review('city', 'S', 1, 'approve'), review('province', 'P', 1, null)] };
    expect(levelColumns(f).map((c) => c.look)).toEqual(['overdue', 'approved', 'waiting']);
    expect(myOpenReview(f, 'P')?.department_code).toBe('P');
    expect(myOpenReview(f, 'S')).toBeNull();
    expect(myOpenReview(f, null)).toBeNull();
  });
  it('keeps an earlier approval standing in a later round', () => {
    const f = {
      posts,
      round: 2,
      state: 'in_review' as const,
      reviews: [review('county', 'C', 1, 'supplement'), review('city', 'S', 1, 'approve'), review('province', 'P', 1, 'supplement'), review('county', 'C', 2, 'approve'), review('province', 'P', 2, null)],
    };
    const cols = levelColumns(f);
    expect(cols.map((c) => c.look)).toEqual(['approved', 'standing', 'waiting']);
    expect(cols[0].history.map((r) => r.round)).toEqual([2, 1]);
  });
  it('shows posts of a draft as not sent', () => {
    expect(levelColumns({ posts, round: 0, state: 'draft', reviews: [] }).map((c) => c.look)).toEqual(['notSent', 'notSent', 'notSent']);
  });
  it('tags a filing by state, overdue first while in review', () => {
    expect(filingTag({ state: 'in_review', overdue: true })).toEqual({ type: 'danger', key: 'reviews.filingState.overdue' });
    expect(filingTag({ state: 'approved', overdue: false }).type).toBe('success');
    expect(filingTag({ state: 'supplement_requested', overdue: true }).key).toBe('reviews.filingState.supplement_requested');
  });
});

describe('answers and the notice', () => {
  it('reads points one per line, numbering and repeats dropped', () => {
    expect(parsePoints('1. 补充勘测定界图\n\n2、补充  耕地方案\n- 补充 耕地方案\n  补充勘测定界图 ')).toEqual(['补充勘测定界图', '补充  耕地方案']);
  });
  it('checks an answer as the server does', () => {
    expect(answerProblems('supplement', '', [])).toEqual(['pointsNeeded']);
    expect(answerProblems('approve', '', ['x'])).toEqual(['noPointsOnApprove']);
    expect(answerProblems('supplement', 'x'.repeat(2001), Array(51).fill('p'))).toEqual(['tooManyPoints', 'opinionTooLong']);
    expect(answerProblems('supplement', '', ['长'.repeat(167)])).toEqual(['pointTooLong']);
    expect(answerProblems('approve', '同意', [])).toEqual([]);
  });
  it('numbers the consolidated notice through its groups', () => {
    const n = { round: 1, groups: [{ ...post('county', 'C'), department_name: '海城分局', points: [{ text: 'a', also_by: ['province' as const] }] }, { ...post('province', 'P'), points: [{ text: 'b', also_by: [] }] }] };
    expect(noticeLines(n)).toEqual([
      { n: 1, text: 'a', level: 'county', department: '海城分局', alsoBy: ['province'] },
      { n: 2, text: 'b', level: 'province', department: 'P', alsoBy: [] },
    ]);
    const rounds = [{ round: 1, sent_on: '', sent_by: '', checks: { ok: true, passed: 12, blocking: [], advisory: [] }, notice: n, notice_on: '2026-12-02' }];
    expect(openNotice({ state: 'supplement_requested', rounds })).toBe(n);
    expect(openNotice({ state: 'in_review', rounds })).toBeNull();
  });
});

describe('a post inbox', () => {
  const cur = (dept: string, due: string, decision: CurrentReview['decision'] = null, overdue = false): CurrentReview => ({ level: 'county', department_code: dept, due_on: due, decision, late: false, overdue });
  const filing = (id: number, reviews: CurrentReview[], state: FilingSummary['state'] = 'in_review'): FilingSummary => ({
    id,
    project_code: 'P',
    project_name: 'N',
    kind: 'land-use-approval',
    title: `f${id}`,
    state,
    round: 1,
    pending_posts: [],
    overdue: reviews.some((r) => r.overdue),
    current_reviews: reviews,
    decided_on: null,
    created_at: '',
    updated_at: '',
  });
  it('lists what waits for the post, overdue first, then by due date', () => {
    const rows = inboxRows(
      [filing(1, [cur('C', '2026-12-04')]), filing(2, [cur('C', '2026-12-01', null, true)]), filing(3, [cur('C', '2026-12-02', 'approve')]), filing(4, [cur('X', '2026-12-01')]), filing(5, [cur('C', '2026-12-03')]), filing(6, [cur('C', '2026-12-01')], 'draft')],
      'C',
    );
    expect(rows.map((r) => r.filing.id)).toEqual([2, 5, 1]);
  });
  it('names the next due date of a filing', () => {
    expect(nextDue(filing(1, [cur('C', '2026-12-04'), cur('S', '2026-12-03'), cur('P', '2026-12-01', 'approve')]))).toBe('2026-12-03');
    expect(nextDue(filing(1, []))).toBeNull();
  });
});

describe('meetings', () => {
  const item = (kind: AgendaItem['kind'], days: number): AgendaItem => ({ kind, project_code: 'P', project_name: '', subject: `${kind}${days}`, detail: '', department: '', department_name: '', due_on: '2026-12-01', days_late: days });
  it('groups the agenda by kind in a fixed order', () => {
    const g = agendaGroups([item('late_review', 3), item('overdue_stage', 5), item('late_review', 1)]);
    expect(g.map((x) => [x.kind, x.items.length])).toEqual([
      ['overdue_stage', 1],
      ['late_review', 2],
    ]);
  });
  it('links each agenda line to what it is about', () => {
    expect(agendaTarget({ kind: 'late_review', subject: 'filing:12/GX-ZRZYT', project_code: 'P' })).toBe('/filings/12');
    expect(agendaTarget({ kind: 'open_decision', subject: 'decision:4', project_code: 'P 1' })).toBe('/meeting-decisions?project=P%201');
    expect(agendaTarget({ kind: 'overdue_stage', subject: 'approval', project_code: 'P' })).toBe('/projects/P');
  });
  it('splits meetings around today and puts them on dates', () => {
    const ms = [
      { id: 1, date: '2026-12-07' },
      { id: 2, date: '2026-11-30' },
      { id: 3, date: '2026-11-23' },
      { id: 4, date: '2026-12-14' },
      { id: 5, date: '2026-12-07' },
    ];
    const { upcoming, past } = splitMeetings(ms, '2026-11-30');
    expect(upcoming.map((m) => m.id)).toEqual([2, 1, 5, 4]);
    expect(past.map((m) => m.id)).toEqual([3]);
    expect(meetingsByDate(ms).get('2026-12-07')?.map((m) => m.id)).toEqual([1, 5]);
  });
  it('covers a month', () => {
    expect(monthRange(2026, 2)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange(2026, 12)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
  it('checks the schedule form', () => {
    expect(scheduleProblems({ date: '2026-12-05', chair_department: '', weeks: 13 }, '2026-11-30').map((p) => p.rule)).toEqual(['weekend', 'chairRequired', 'weeks']);
    expect(scheduleProblems({ date: '2026-11-27', chair_department: 'X', weeks: 1 }, '2026-11-30').map((p) => p.rule)).toEqual(['datePast']);
    expect(scheduleProblems({ date: '', chair_department: 'X', weeks: 1 }, '2026-11-30').map((p) => p.rule)).toEqual(['dateRequired']);
    expect(scheduleProblems({ date: '2026-12-01', chair_department: 'X', weeks: 2 }, '2026-11-30')).toEqual([]);
  });
  it('checks the minutes with the server field paths', () => {
    expect(minutesProblems('', [], '2026-12-01')).toEqual([{ field: 'decisions', rule: 'noDecisions' }]);
    const ok = { project_code: 'P', text: '三日内完成', owner_department: 'BH-ZRZYJ', due_on: '2026-12-04' };
    expect(minutesProblems('', [ok], '2026-12-01')).toEqual([]);
    expect(minutesProblems('', [ok, { project_code: ' ', text: '', owner_department: '', due_on: '2026-11-30' }], '2026-12-01')).toEqual([
      { field: 'decisions[1].project_code', rule: 'project' },
      { field: 'decisions[1].text', rule: 'text' },
      { field: 'decisions[1].owner_department', rule: 'owner' },
      { field: 'decisions[1].due_on', rule: 'dueBefore' },
    ]);
    expect(minutesProblems('', [{ ...ok, text: '字'.repeat(334), due_on: '' }], '2026-12-01').map((p) => p.rule)).toEqual(['textLong', 'due']);
  });
  it('tags decisions', () => {
    expect(decisionTag({ state: 'open', overdue: true }).key).toBe('reviews.decisionState.overdue');
    expect(decisionTag({ state: 'closed', overdue: false }).type).toBe('success');
    expect(decisionTag({ state: 'open', overdue: false }).type).toBe('primary');
  });
});

describe('the spreadsheets', () => {
  const read = async (bytes: ArrayBuffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes);
    return wb.worksheets[0];
  };
  it('lists filings with their next due date, overdue rows bold', async () => {
    const cur = (dept: string, due: string, decision: CurrentReview['decision'] = null, overdue = false): CurrentReview => ({ level: 'county', department_code: dept, due_on: due, decision, late: false, overdue });
    const f: FilingSummary = { id: 7, project_code: 'P', project_name: 'N', kind: 'k', title: '报批', state: 'in_review', round: 2, pending_posts: ['C', 'S'], overdue: true, current_reviews: [cur('C', '2026-12-02', null, true), cur('S', '2026-12-04')], decided_on: null, created_at: '', updated_at: '' };
    const headers = { id: '编号', project: '项目代码', projectName: '项目名称', title: '报件', state: '状态', round: '轮次', pending: '待答复岗位', due: '最近时限', overdue: '超期', decided: '通过日期' };
    const sheet = await read(await filingsXlsx([f], headers, (k, v) => (k === 'overdue' ? (v === 'true' ? '是' : '否') : `s:${v}`), (c) => `部门${c}`, '报件'));
    expect(sheet.name).toBe('报件');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(Object.values(headers));
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([7, 'P', 'N', '报批', 's:in_review', 2, '部门C、部门S', '2026-12-02', '是', '']);
    expect(sheet.getRow(2).font?.bold).toBe(true);
  });
  it('lists decisions with their owner and state', async () => {
    const d = { id: 3, meeting_id: 1, project_code: 'P', text: '三日内完成', owner_department: 'X', due_on: '2026-12-04', state: 'closed' as const, overdue: false, closed_on: '2026-12-03', closed_by: 'u', close_note: '已完成' };
    const headers = { id: 'id', meeting: 'm', project: 'p', text: 't', owner: 'o', due: 'd', state: 's', closed: 'c', note: 'n' };
    const sheet = await read(await decisionsXlsx([d], headers, () => '已办结', (c) => `部门${c}`, '议定事项'));
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([3, 1, 'P', '三日内完成', '部门X', '2026-12-04', '已办结', '2026-12-03', '已完成']);
    expect(sheet.getRow(2).font?.bold).toBeFalsy();
  });
});

// Types stay in step with the detail shape the pages read.
const _detail: Pick<FilingDetail, 'posts' | 'reviews' | 'round' | 'state'> = { posts: [], reviews: [], round: 0, state: 'draft' };
void _detail;
