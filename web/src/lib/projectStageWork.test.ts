// A stage's application (results handed over as materials on file), the helper picker's
// rules, and a template's timeline across projects (lib/projects.ts).
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  handedOverMaterials,
  helperLabel,
  materialMatchesResult,
  mayApplyForStage,
  mayAssignHelper,
  onTimeShare,
  resultName,
  timelineChart,
  timelineRows,
  timelineXlsx,
  TIMELINE_COLUMNS,
  type ProjectStage,
  type TemplateTimeline,
} from './projects';

const names: Record<string, string> = {
  FILING: '企业投资项目备案',
  PLAN: '建设工程规划许可证核发',
  LAND: '建设用地规划许可证核发',
};
const itemName = (code: string) => names[code] ?? code;

describe('results handed over as materials on file', () => {
  it('names the result of an item without its action', () => {
    expect(resultName('建设工程规划许可证核发')).toBe('建设工程规划许可证');
    expect(resultName('建设项目环境影响报告书（表）审批')).toBe('建设项目环境影响报告书（表）');
    expect(resultName('企业投资项目备案')).toBe('企业投资项目备案');
  });

  it('matches a material by name, certificate type or the project decision', () => {
    expect(materialMatchesResult({ name: '建设工程规划许可证', certificate_type: '建设工程规划许可证' }, names.PLAN)).toBe(true);
    expect(materialMatchesResult({ name: '规划证明', certificate_type: '建设工程规划许可证' }, names.PLAN)).toBe(true);
    expect(materialMatchesResult({ name: '建设用地规划许可证或国有土地使用权证明' }, names.LAND)).toBe(true);
    expect(materialMatchesResult({ name: '项目批准、核准或备案文件' }, names.FILING)).toBe(true);
    expect(materialMatchesResult({ name: '营业执照', certificate_type: '营业执照' }, names.PLAN)).toBe(false);
    expect(materialMatchesResult({ name: '施工合同' }, names.FILING)).toBe(false);
    expect(materialMatchesResult({ name: '证' }, '证核发')).toBe(false); // too short to tell
  });

  it('offers only decided results of the closed predecessors, the first that matches', () => {
    const resultsIn: ProjectStage['results_in'] = [
      {
        stage: 'approval',
        name: '立项',
        closed_on: '2026-03-13',
        cases: [{ id: 1, number: 'N-1', item_code: 'FILING', department_code: 'D', state: 'approved' }],
      },
      {
        stage: 'planning',
        name: '规划',
        closed_on: '2026-04-01',
        cases: [
          { id: 2, number: 'N-2', item_code: 'PLAN', department_code: 'D', state: 'denied' },
          { id: 3, number: 'N-3', item_code: 'LAND', department_code: 'D', state: 'delivered' },
        ],
      },
    ];
    const materials = [
      { code: 'M01', name: '建筑工程施工许可申请表' },
      { code: 'M02', name: '项目审批、核准或备案文件' },
      { code: 'M03', name: '建设工程规划许可证', certificate_type: '建设工程规划许可证' },
      { code: 'M04', name: '建设用地规划许可证' },
    ];
    expect(handedOverMaterials(materials, resultsIn, itemName)).toEqual({
      M02: { stage: '立项', number: 'N-1', itemName: '企业投资项目备案' },
      M04: { stage: '规划', number: 'N-3', itemName: '建设用地规划许可证核发' },
    });
    expect(handedOverMaterials(materials, [], itemName)).toEqual({});
  });
});

describe('the helper (帮办)', () => {
  const project = {
    owner_uscc: '91450500MA5N8BH00M',
    helper: { user_id: 7, username: 'agency', display_name: '咨询公司' },
    stages: [{ lead_dept: 'BH-XZSPJ' }, { lead_dept: 'BH-ZJJ' }] as ProjectStage[],
  };
  const viewer = (role: string, extra: { userId?: number; uscc?: string; department?: string } = {}) => ({
    role,
    userId: extra.userId ?? 1,
    uscc: extra.uscc ?? null,
    department: extra.department ?? null,
  });

  it('labels a candidate with its login and 信用代码', () => {
    expect(helperLabel({ display_name: '南宁示例科技有限公司', username: 'company', uscc: '91350100M000100Y43' })).toBe('南宁示例科技有限公司（company · 91350100M000100Y43）');
    expect(helperLabel({ display_name: '咨询公司', username: 'agency', uscc: null })).toBe('咨询公司（agency）');
  });

  it('lets the window, admins, the owner and the lead departments assign', () => {
    expect(mayAssignHelper(viewer('front_clerk'), project)).toBe(true);
    expect(mayAssignHelper(viewer('admin'), project)).toBe(true);
    expect(mayAssignHelper(viewer('applicant_org', { uscc: '91450500MA5N8BH00M' }), project)).toBe(true);
    expect(mayAssignHelper(viewer('applicant_org', { uscc: '91350100M000100Y43' }), project)).toBe(false);
    expect(mayAssignHelper(viewer('dept_head', { department: 'BH-ZJJ' }), project)).toBe(true);
    expect(mayAssignHelper(viewer('reviewer', { department: 'NN-ZJJ' }), project)).toBe(false);
    expect(mayAssignHelper(viewer('supervisor'), project)).toBe(false);
    expect(mayAssignHelper(viewer('agency', { userId: 7 }), project)).toBe(false);
  });

  it('lets the owner, the helper and the window start a stage case', () => {
    expect(mayApplyForStage(viewer('applicant_org', { uscc: '91450500MA5N8BH00M' }), project)).toBe(true);
    expect(mayApplyForStage(viewer('agency', { userId: 7 }), project)).toBe(true);
    expect(mayApplyForStage(viewer('agency', { userId: 8 }), project)).toBe(false);
    expect(mayApplyForStage(viewer('front_clerk'), project)).toBe(true);
    expect(mayApplyForStage(viewer('applicant_org', { uscc: '91350100M000100Y43' }), { ...project, helper: null })).toBe(false);
  });
});

describe('a template timeline across projects', () => {
  const tl: TemplateTimeline = {
    template_code: 'beihai-five-stages',
    figures: { stages: 2, items: 3, serial_days: 130, stage_sum_days: 22, parallel_days: 22 },
    projects: 3,
    running: 1,
    completed: 2,
    completed_on_plan: 1,
    completed_late: 1,
    total_days: { count: 2, median: 23, p90: 26, max: 26 },
    stages: [
      { code: 'approval', name: '立项', lead_dept: 'BH-XZSPJ', limit_days: 7, serial_days: 30, closed: 3, on_time: 2, late: 1, open: 0, open_overdue: 0, pending: 0, actual_days: { count: 3, median: 6, p90: 9, max: 9 } },
      { code: 'land', name: '用地', lead_dept: 'BH-ZRZYJ', limit_days: 15, serial_days: 100, closed: 0, on_time: 0, late: 0, open: 1, open_overdue: 1, pending: 0, actual_days: null },
    ],
  };

  it('sets each stage limit beside the actual median, p90 and max', () => {
    expect(timelineChart(tl)).toEqual({ stages: ['立项', '用地'], limit: [7, 15], median: [6, null], p90: [9, null], max: [9, null] });
    expect(onTimeShare(tl.stages[0])).toBeCloseTo(2 / 3);
    expect(onTimeShare(tl.stages[1])).toBeNull();
  });

  it('exports the stages and the whole template as a sheet', async () => {
    const rows = timelineRows(tl, (c) => `部门${c}`, '全流程');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ stage: '立项', lead: '部门BH-XZSPJ', limit: 7, median: 6, late: 1, total: false });
    expect(rows[2]).toMatchObject({ stage: '全流程', limit: 22, serial: 130, closed: 2, onTime: 1, late: 1, open: 1, median: 23, onTimeShare: 0.5, total: true });
    const headers = Object.fromEntries(TIMELINE_COLUMNS.map((c) => [c, `H-${c}`])) as Record<(typeof TIMELINE_COLUMNS)[number], string>;
    const buffer = await timelineXlsx(rows, headers, '时限对比');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer);
    const sheet = book.getWorksheet('时限对比')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('H-stage');
    expect(sheet.getRow(2).getCell(1).value).toBe('立项');
    expect(sheet.getRow(3).getCell(5).value).toBeNull();
    expect(sheet.getRow(4).font?.bold).toBe(true);
    expect(sheet.getRow(4).getCell(13).numFmt).toBe('0.0%');
  });
});
