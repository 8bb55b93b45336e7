import { describe, expect, it } from 'vitest';
import { validateUscc } from './validators';
import { createAppI18n } from '@/i18n';
import {
  beforeAfter,
  blankStage,
  definitionOf,
  fastLaneLimit,
  findCycle,
  metroLayout,
  planErrorKey,
  scheduleRows,
  approvalKindsFor,
  REGISTRATION_RULES,
  TEMPLATE_RULES,
  caseProgress,
  projectsXlsx,
  registrationProblems,
  stageLook,
  timelineSeries,
  type ProjectRegistration,
  type ProjectStage,
  type ProjectSummary,
  removeStage,
  renameStage,
  scheduleTemplate,
  validateProjectCode,
  validateTemplate,
  type StageTemplate,
  type TemplateStage,
} from './projects';

function stage(code: string, limit: number, predecessors: string[] = [], serial = limit * 4): TemplateStage {
  return { ...blankStage(0), code, name: code, lead_dept: `L-${code}`, items: [`I-${code}`], limit_days: limit, serial_days: serial, predecessors };
}

// 北海's five interlocking stages (data/projects/templates/beihai-five-stages.json).
function beihai(): StageTemplate {
  return {
    code: 'beihai-five-stages',
    name: '北海',
    region: '450500',
    project_types: ['industry'],
    source: '',
    target_days: 60,
    fast_lane_percent: 70,
    stages: [
      stage('approval', 7, [], 30),
      stage('land', 15, ['approval'], 100),
      stage('planning', 15, ['land'], 60),
      stage('construction', 15, ['planning'], 110),
      stage('completion', 8, ['construction'], 50),
    ],
  };
}

describe('fastLaneLimit', () => {
  it('rounds up and never goes below one day (docs/projects.md §4)', () => {
    expect([20, 15, 12, 8, 7, 5, 1].map((l) => fastLaneLimit(l, 70))).toEqual([14, 11, 9, 6, 5, 4, 1]);
  });
});

describe('scheduleTemplate', () => {
  it('gives 北海 350 → 60, 44 on the fast lane, every stage critical', () => {
    const s = scheduleTemplate(beihai())!;
    expect(s.figures).toEqual({ stages: 5, items: 5, serial_days: 350, stage_sum_days: 60, parallel_days: 60 });
    expect(s.critical_path).toEqual(['approval', 'land', 'planning', 'construction', 'completion']);
    expect(s.stages[3]).toMatchObject({ earliest_start: 37, earliest_finish: 52, float_days: 0, critical: true });
    expect(scheduleTemplate(beihai(), true)!.figures.parallel_days).toBe(44);
  });

  it('overlaps stages sharing a predecessor: the parallel total drops below the stage sum', () => {
    const t = beihai();
    t.stages[2].predecessors = ['approval'];
    const s = scheduleTemplate(t)!;
    expect(s.figures.stage_sum_days).toBe(60);
    expect(s.figures.parallel_days).toBe(45);
    // 用地 and 规划 both take 15 after 立项; 施工 waits for 规划 only.
    expect(s.critical_path).toEqual(['approval', 'planning', 'construction', 'completion']);
    const shorter = beihai();
    shorter.stages[2].predecessors = ['approval'];
    shorter.stages[2].limit_days = 10;
    const s2 = scheduleTemplate(shorter)!;
    expect(s2.figures.parallel_days).toBe(40);
    expect(s2.stages[1]).toMatchObject({ earliest_start: 7, latest_start: 25, float_days: 18, critical: false });
    expect(s2.critical_path).toEqual(['approval', 'planning', 'construction', 'completion']);
  });

  it('answers null for a cycle', () => {
    const t = beihai();
    t.stages[0].predecessors = ['completion'];
    expect(scheduleTemplate(t)).toBeNull();
    expect(findCycle(t.stages)).toEqual(['approval', 'completion', 'construction', 'planning', 'land', 'approval']);
  });
});

describe('beforeAfter', () => {
  it('reads serial → parallel with the share saved', () => {
    expect(beforeAfter({ stages: 5, items: 12, serial_days: 350, stage_sum_days: 60, parallel_days: 60, fast_lane_days: 44 })).toEqual({
      serial: 350,
      parallel: 60,
      fastLane: 44,
      savedPercent: 83,
    });
    expect(beforeAfter({ stages: 0, items: 0, serial_days: 0, stage_sum_days: 0, parallel_days: 0 }).savedPercent).toBe(0);
  });
});

describe('validateTemplate', () => {
  it('accepts 北海', () => {
    expect(validateTemplate(beihai())).toEqual([]);
  });

  it('names every broken rule with the server field path', () => {
    const t = beihai();
    t.code = 'Bad Code';
    t.stages[1].items.push('I-approval');
    t.stages[2].predecessors = ['nope'];
    t.stages[3].co_depts = ['L-construction'];
    t.stages[4].limit_days = 0;
    t.stages[0].serial_days = 3;
    const fields = validateTemplate(t).map((p) => `${p.field}:${p.rule}`);
    expect(fields).toEqual([
      'code:code',
      'stages[0].serial_days:serial',
      'stages[1].items[1]:itemTwice',
      'stages[2].predecessors[0]:predecessorUnknown',
      'stages[3].co_depts[0]:coDept',
      'stages[4].limit_days:limit',
    ]);
  });

  it('reports a cycle with its stages, and a total over the target', () => {
    const cyc = beihai();
    cyc.stages[1].predecessors = ['planning'];
    expect(validateTemplate(cyc)).toEqual([{ field: 'stages', rule: 'cycle', values: { stages: 'land → planning → land' } }]);
    const long = beihai();
    long.stages[4].limit_days = 20;
    expect(validateTemplate(long)).toEqual([{ field: 'target_days', rule: 'overTarget', values: { days: 72, target: 60 } }]);
  });
});

describe('editing helpers', () => {
  it('renames a stage with its links and removes one with them', () => {
    const t = beihai();
    renameStage(t, 1, 'yongdi');
    expect(t.stages[1].code).toBe('yongdi');
    expect(t.stages[2].predecessors).toEqual(['yongdi']);
    // Typing a duplicate, then away from it: the other stage keeps its code and links.
    renameStage(t, 3, 'yongdi');
    renameStage(t, 3, 'yongdi-2');
    expect(t.stages.map((s) => s.code)).toEqual(['approval', 'yongdi', 'planning', 'yongdi-2', 'completion']);
    expect(t.stages[2].predecessors).toEqual(['yongdi']);
    renameStage(t, 3, 'construction');
    removeStage(t, 1);
    expect(t.stages.map((s) => s.code)).toEqual(['approval', 'planning', 'construction', 'completion']);
    expect(t.stages[1].predecessors).toEqual([]);
  });

  it('copies the definition without the computed parts', () => {
    const withFigures = { ...beihai(), figures: {}, critical_path: [], schedule: {} };
    const d = definitionOf(withFigures);
    expect(Object.keys(d).sort()).toEqual(['code', 'fast_lane_percent', 'name', 'project_types', 'region', 'source', 'stages', 'target_days']);
    d.stages[0].items.push('x');
    expect(withFigures.stages[0].items).toEqual(['I-approval']);
  });
});

describe('metroLayout', () => {
  it('puts a chain on one line, left to right, every line critical', () => {
    const t = beihai();
    const m = metroLayout(t.stages, scheduleTemplate(t)!.critical_path);
    expect(m.stations.map((s) => [s.column, s.row])).toEqual([[0, 0], [1, 0], [2, 0], [3, 0], [4, 0]]);
    expect(m.stations.map((s) => s.x)).toEqual([100, 280, 460, 640, 820]);
    expect(m.lines).toHaveLength(4);
    expect(m.lines.every((l) => l.critical)).toBe(true);
    expect(m.width).toBe(920);
    expect(m.height).toBe(120);
  });

  it('stacks stages of the same depth and highlights only the critical lines', () => {
    const t = beihai();
    t.stages[2].predecessors = ['approval'];
    t.stages[2].limit_days = 10;
    t.stages[3].predecessors = ['land', 'planning'];
    const path = scheduleTemplate(t)!.critical_path;
    expect(path).toEqual(['approval', 'land', 'construction', 'completion']);
    const m = metroLayout(t.stages, path);
    const at = Object.fromEntries(m.stations.map((s) => [s.code, [s.column, s.row, s.critical]]));
    expect(at).toEqual({
      approval: [0, 0, true],
      land: [1, 0, true],
      planning: [1, 1, false],
      construction: [2, 0, true],
      completion: [3, 0, true],
    });
    const critical = m.lines.filter((l) => l.critical).map((l) => `${l.from}>${l.to}`);
    expect(critical).toEqual(['approval>land', 'land>construction', 'construction>completion']);
    expect(m.height).toBe(210);
  });

  it('draws a half-typed cycle flat instead of failing', () => {
    const t = beihai();
    t.stages[0].predecessors = ['land'];
    const m = metroLayout(t.stages);
    expect(m.stations.map((s) => s.column)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('validateProjectCode', () => {
  it('accepts the new and the legacy format, upper-cased', () => {
    expect(validateProjectCode('2023-450500-47-01-3A81FK')).toEqual({ ok: true, value: '2023-450500-47-01-3A81FK', format: 'new' });
    expect(validateProjectCode('2023-450500-47-01-3a81fk')).toEqual({ ok: true, value: '2023-450500-47-01-3A81FK', format: 'new' });
    expect(validateProjectCode('2018-450100-78-01-008123')).toEqual({ ok: true, value: '2018-450100-78-01-008123', format: 'legacy' });
    expect(validateProjectCode('2020-450100-78-01-00812X')).toMatchObject({ format: 'new' });
    expect(validateProjectCode('2021-450100-78-01-008123')).toMatchObject({ format: 'new' });
  });

  it('names the broken rule like the server', () => {
    expect(validateProjectCode('2023-450500-47-01-3A81F')).toEqual({ ok: false, reason: 'shape' });
    expect(validateProjectCode('2023_450500-47-01-3A81FK')).toEqual({ ok: false, reason: 'shape' });
    expect(validateProjectCode(' 2023-450500-47-01-3A81F')).toEqual({ ok: false, reason: 'shape' });
    expect(validateProjectCode('2023-450500-47-01-3A81F!')).toEqual({ ok: false, reason: 'characters' });
    expect(validateProjectCode('2023-45050A-47-01-3A81FK')).toEqual({ ok: false, reason: 'characters' });
    expect(validateProjectCode('2023-450500-47-01-3A81Fß')).toEqual({ ok: false, reason: 'characters' });
    expect(validateProjectCode('2013-450500-47-01-3A81FK')).toEqual({ ok: false, reason: 'year' });
    expect(validateProjectCode('2023-990500-47-01-3A81FK')).toEqual({ ok: false, reason: 'region' });
  });
});

describe('scheduleRows and planErrorKey', () => {
  it('joins stages with the chosen schedule', () => {
    const t = beihai();
    const detail = { stages: t.stages, schedule: scheduleTemplate(t)!, fast_lane_schedule: scheduleTemplate(t, true)! };
    expect(scheduleRows(detail, false).map((r) => r.effective_limit)).toEqual([7, 15, 15, 15, 8]);
    const fast = scheduleRows(detail, true);
    expect(fast.map((r) => r.effective_limit)).toEqual([5, 11, 11, 11, 6]);
    expect(fast[4]).toMatchObject({ limit_days: 8, earliest_start: 38, earliest_finish: 44, critical: true });
  });

  it('explains the calculator failures in the page words, others by the server', () => {
    expect(planErrorKey('calendar_out_of_range')).toBe('projects.plan.error.calendar_out_of_range');
    expect(planErrorKey('internal')).toBeNull();
  });
});

function projectStage(code: string, limit: number, predecessors: string[], state: ProjectStage['state'], actual: number | null, overdue = false): ProjectStage {
  return {
    code,
    name: code,
    lead_dept: 'L',
    co_depts: [],
    items: [],
    predecessors,
    limit_days: limit,
    state,
    planned_start: '',
    planned_due: '',
    opened_on: null,
    closed_on: null,
    due: null,
    overdue,
    planned_days: limit,
    actual_days: actual,
    delay_days: 0,
    cases: [],
    results_in: [],
    joint_tasks: [],
  };
}

describe('registration', () => {
  const good = (): ProjectRegistration => ({
    code: '2026-450500-47-01-3A81FK',
    name: '北海示例厂房',
    owner_uscc: '91450500MA5N8BH00M',
    owner_name: '北海示例建设投资有限公司',
    approval_kind: 'filing',
    type: 'industry',
    kind: 'construction',
    investment_yuan: 50_000_000,
    region_code: '450500',
    site: '',
    fast_lane: false,
    template_code: 'beihai-five-stages',
  });

  it('pairs approval kinds with project types', () => {
    expect(approvalKindsFor('government')).toEqual(['approval']);
    expect(approvalKindsFor('real_estate')).toEqual(['ratification', 'filing']);
  });

  it('accepts a well-formed registration and names each broken field', () => {
    expect(validateUscc('91450500MA5N8BH00M').ok).toBe(true);
    expect(registrationProblems(good(), validateUscc)).toEqual([]);
    const bad = { ...good(), code: '2026-450500-47-01-3A81F', owner_uscc: '91450500MA5N8BH00X', name: ' ', investment_yuan: 0, region_code: '4505', type: 'government' as const };
    expect(registrationProblems(bad, validateUscc)).toEqual([
      { field: 'code', rule: 'code.shape' },
      { field: 'owner_uscc', rule: 'uscc.check_digit' },
      { field: 'name', rule: 'required' },
      { field: 'investment_yuan', rule: 'investment' },
      { field: 'region_code', rule: 'region' },
      { field: 'approval_kind', rule: 'approvalKind' },
    ]);
  });
});

describe('project stages', () => {
  it('colours overdue stages over their state', () => {
    expect(stageLook({ state: 'open', overdue: true })).toBe('overdue');
    expect(stageLook({ state: 'closed', overdue: true })).toBe('overdue');
    expect(stageLook({ state: 'pending', overdue: true })).toBe('pending');
    expect(stageLook({ state: 'closed', overdue: false })).toBe('closed');
  });

  it('lays planned and actual bars on working days from registration', () => {
    const stages = [
      projectStage('approval', 7, [], 'closed', 5),
      projectStage('land', 15, ['approval'], 'closed', 18, true),
      projectStage('planning', 15, ['land'], 'open', 3),
      projectStage('construction', 15, ['planning'], 'pending', null),
    ];
    const t = timelineSeries(stages);
    expect(t.planned).toEqual([[0, 7], [7, 15], [22, 15], [37, 15]]);
    expect(t.actual).toEqual([[0, 5], [5, 18], [23, 3], null]);
    expect(t.late).toEqual([false, true, false, false]);
  });

  it('counts decided cases', () => {
    const c = (state: string) => ({ id: 1, number: 'x', item_code: 'i', department_code: 'd', state });
    expect(caseProgress([c('approved'), c('under_review'), c('delivered'), c('denied')])).toEqual({ done: 3, total: 4 });
  });

  it('exports the registry as a workbook', async () => {
    const row: ProjectSummary = {
      code: '2026-450500-47-01-3A81FK',
      name: '厂房',
      owner_name: '北海示例',
      type: 'industry',
      approval_kind: 'filing',
      region_code: '450500',
      template_code: 'beihai-five-stages',
      fast_lane: false,
      registered_on: '2026-03-02',
      state: 'running',
      current_stages: [{ code: 'land', name: '用地', lead_dept: 'BH-ZRZYJ' }],
      overdue: true,
      planned_due: '2026-05-29',
    };
    const headers = { code: '项目代码', name: '名称', owner: '业主', type: '类型', region: '区划', template: '模板', registered: '登记', state: '状态', current: '当前阶段', due: '计划办结', overdue: '超期' };
    const bytes = await projectsXlsx([row], headers, (_k, v) => (v === 'true' ? '是' : v === 'false' ? '否' : v), '工程建设项目');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes);
    const sheet = wb.getWorksheet('工程建设项目')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('项目代码');
    expect(sheet.getRow(2).getCell(9).value).toBe('用地');
    expect(sheet.getRow(2).getCell(11).value).toBe('是');
    expect(sheet.getRow(2).font?.bold).toBe(true);
  });
});

describe('messages', () => {
  it('has a message for every rule of the forms in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { t, te } = createAppI18n(locale).global;
      for (const r of REGISTRATION_RULES) expect(te(`projects.register.rule.${r}`), `${locale} ${r}`).toBe(true);
      for (const r of TEMPLATE_RULES) expect(te(`projects.editor.rule.${r}`), `${locale} ${r}`).toBe(true);
      expect(t('projects.register.rule.code.shape')).not.toContain('projects.');
    }
  });
});
