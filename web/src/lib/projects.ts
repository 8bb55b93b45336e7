// 工程建设项目 (docs/projects.md): the wire shapes of /api/v1/project-templates, and the pure
// logic of the pages — the 地铁图 layout of a template's stage flow, the schedule (critical
// path, serial vs parallel figures) the editor previews while an admin types, the template
// rules checked before saving, and the project code rules of the registration form. The
// server stays the judge: these mirror core/projects so the pages can answer at once.
import { FINAL_STATES, type ItemMaterial } from './cases';
import { tableXlsx } from './xlsx';

export interface TemplateStage {
  code: string;
  name: string;
  lead_dept: string;
  co_depts: string[];
  items: string[];
  limit_days: number;
  serial_days: number;
  predecessors: string[];
  note: string;
}

export const PROJECT_TYPES = ['government', 'real_estate', 'industry', 'park', 'other'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

export interface StageTemplate {
  code: string;
  name: string;
  region: string;
  project_types: ProjectType[];
  source: string;
  target_days: number;
  fast_lane_percent: number;
  stages: TemplateStage[];
}

export interface TemplateFigures {
  stages: number;
  items: number;
  serial_days: number;
  stage_sum_days: number;
  parallel_days: number;
  /** In the list and detail answers (the parallel total on the fast lane). */
  fast_lane_days?: number;
}

export interface TemplateSummary extends StageTemplate {
  figures: TemplateFigures;
  critical_path: string[];
}

export interface StageSchedule {
  code: string;
  limit_days: number;
  earliest_start: number;
  earliest_finish: number;
  latest_start: number;
  latest_finish: number;
  float_days: number;
  critical: boolean;
}

export interface Schedule {
  stages: StageSchedule[];
  critical_path: string[];
  figures: TemplateFigures;
}

export interface TemplateDetail extends TemplateSummary {
  schedule: Schedule;
  fast_lane_schedule: Schedule;
}

export interface PlanStage {
  code: string;
  name: string;
  lead_dept: string;
  limit_days: number;
  start: string;
  due: string;
  float_days: number;
  critical: boolean;
}

export interface TemplatePlan {
  template_code: string;
  region: string;
  fast_lane: boolean;
  start: string;
  due: string;
  figures: TemplateFigures;
  critical_path: string[];
  stages: PlanStage[];
}

// ---- fast lane, schedule, figures (core/projects/stage_template.cpp) ----

export const MAX_STAGE_LIMIT = 250;

/** 绿色通道: max(1, ceil(limit × percent / 100)); 20 → 14 at 70%. */
export function fastLaneLimit(limit: number, percent: number): number {
  return Math.max(1, Math.ceil((limit * percent) / 100));
}

/** Stage indices in an order where predecessors come first, or null when they form a cycle. */
export function topologicalOrder(stages: readonly TemplateStage[]): number[] | null {
  const index = new Map(stages.map((s, i) => [s.code, i]));
  const state = new Array<0 | 1 | 2>(stages.length).fill(0);
  const out: number[] = [];
  const visit = (i: number): boolean => {
    if (state[i] === 2) return true;
    if (state[i] === 1) return false;
    state[i] = 1;
    for (const p of stages[i].predecessors) {
      const j = index.get(p);
      if (j !== undefined && !visit(j)) return false;
    }
    state[i] = 2;
    out.push(i);
    return true;
  };
  for (let i = 0; i < stages.length; i++) if (!visit(i)) return null;
  return out;
}

/** The stages on a cycle of predecessors (a → b → a), or [] when there is none. */
export function findCycle(stages: readonly TemplateStage[]): string[] {
  const index = new Map(stages.map((s, i) => [s.code, i]));
  const state = new Array<0 | 1 | 2>(stages.length).fill(0);
  const path: number[] = [];
  let found: string[] = [];
  const visit = (i: number): boolean => {
    state[i] = 1;
    path.push(i);
    for (const p of stages[i].predecessors) {
      const j = index.get(p);
      if (j === undefined || j === i) continue;
      if (state[j] === 1) {
        const from = path.indexOf(j);
        found = [...path.slice(from), j].map((k) => stages[k].code);
        return true;
      }
      if (state[j] === 0 && visit(j)) return true;
    }
    path.pop();
    state[i] = 2;
    return false;
  };
  for (let i = 0; i < stages.length; i++) if (state[i] === 0 && visit(i)) return found;
  return [];
}

/**
 * The forward and backward pass in working days from registration, the critical path (walked
 * back from the first stage finishing last through critical predecessors ending where it
 * starts) and the figures; null when the predecessors form a cycle. Unknown predecessors are
 * ignored (validateTemplate reports them).
 */
export function scheduleTemplate(t: StageTemplate, fastLane = false): Schedule | null {
  const order = topologicalOrder(t.stages);
  if (!order) return null;
  const index = new Map(t.stages.map((s, i) => [s.code, i]));
  const preds = t.stages.map((s) => s.predecessors.map((p) => index.get(p)).filter((j): j is number => j !== undefined && j !== index.get(s.code)));
  const out: StageSchedule[] = t.stages.map((s) => ({
    code: s.code,
    limit_days: fastLane ? fastLaneLimit(s.limit_days, t.fast_lane_percent) : s.limit_days,
    earliest_start: 0,
    earliest_finish: 0,
    latest_start: 0,
    latest_finish: 0,
    float_days: 0,
    critical: false,
  }));
  let finish = 0;
  for (const i of order) {
    const e = out[i];
    for (const j of preds[i]) e.earliest_start = Math.max(e.earliest_start, out[j].earliest_finish);
    e.earliest_finish = e.earliest_start + e.limit_days;
    finish = Math.max(finish, e.earliest_finish);
  }
  for (const e of out) e.latest_finish = finish;
  for (const i of [...order].reverse()) {
    const e = out[i];
    e.latest_start = e.latest_finish - e.limit_days;
    for (const j of preds[i]) out[j].latest_finish = Math.min(out[j].latest_finish, e.latest_start);
  }
  for (const e of out) {
    e.float_days = e.latest_start - e.earliest_start;
    e.critical = e.float_days === 0;
  }
  const path: string[] = [];
  let cur: number | undefined = out.findIndex((e) => e.earliest_finish === finish);
  if (cur < 0) cur = undefined;
  while (cur !== undefined) {
    path.push(out[cur].code);
    const at: number = cur;
    cur = preds[at].find((j) => out[j].critical && out[j].earliest_finish === out[at].earliest_start);
  }
  path.reverse();
  return {
    stages: out,
    critical_path: path,
    figures: {
      stages: t.stages.length,
      items: t.stages.reduce((n, s) => n + s.items.length, 0),
      serial_days: t.stages.reduce((n, s) => n + s.serial_days, 0),
      stage_sum_days: out.reduce((n, e) => n + e.limit_days, 0),
      parallel_days: finish,
    },
  };
}

/** The before/after line of a template: serial → parallel, the fast lane, the share saved. */
export interface BeforeAfter {
  serial: number;
  parallel: number;
  fastLane: number | null;
  /** 0..100, rounded. */
  savedPercent: number;
}

export function beforeAfter(f: TemplateFigures): BeforeAfter {
  const saved = f.serial_days > 0 ? Math.round(((f.serial_days - f.parallel_days) / f.serial_days) * 100) : 0;
  return { serial: f.serial_days, parallel: f.parallel_days, fastLane: f.fast_lane_days ?? null, savedPercent: Math.max(0, saved) };
}

// ---- template rules (validate_template), for the editor ----

/** The template editor's rules (i18n projects.editor.rule.<rule>). */
export const TEMPLATE_RULES = [
  'code',
  'name',
  'region',
  'fastLanePercent',
  'targetDays',
  'noStages',
  'stageCode',
  'stageTwice',
  'stageName',
  'lead',
  'coDept',
  'coDeptTwice',
  'noItems',
  'itemTwice',
  'limit',
  'serial',
  'predecessorSelf',
  'predecessorUnknown',
  'predecessorTwice',
  'cycle',
  'overTarget',
] as const;
export type TemplateRule = (typeof TEMPLATE_RULES)[number];

export interface TemplateProblem {
  /** The server's field path form: stages[2].predecessors[0]. */
  field: string;
  rule: TemplateRule;
  values?: Record<string, string | number>;
}

const CODE_RE = /^[a-z0-9-]{1,64}$/;
const SIX_DIGITS = /^\d{6}$/;

/** The rules of validate_template, every problem at once (the server reports the first). */
export function validateTemplate(t: StageTemplate): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  const add = (field: string, rule: TemplateRule, values?: TemplateProblem['values']) => out.push({ field, rule, values });
  if (!CODE_RE.test(t.code)) add('code', 'code');
  if (!t.name.trim()) add('name', 'name');
  if (!SIX_DIGITS.test(t.region)) add('region', 'region');
  if (!Number.isInteger(t.fast_lane_percent) || t.fast_lane_percent < 1 || t.fast_lane_percent > 100) add('fast_lane_percent', 'fastLanePercent');
  if (!Number.isInteger(t.target_days) || t.target_days < 0) add('target_days', 'targetDays');
  if (t.stages.length === 0) add('stages', 'noStages');
  const codes = new Set<string>();
  t.stages.forEach((s, i) => {
    if (!CODE_RE.test(s.code)) add(`stages[${i}].code`, 'stageCode');
    else if (codes.has(s.code)) add(`stages[${i}].code`, 'stageTwice', { code: s.code });
    codes.add(s.code);
  });
  const items = new Set<string>();
  t.stages.forEach((s, i) => {
    const at = `stages[${i}]`;
    if (!s.name.trim()) add(`${at}.name`, 'stageName');
    if (!s.lead_dept) add(`${at}.lead_dept`, 'lead');
    const co = new Set<string>();
    s.co_depts.forEach((c, j) => {
      if (!c || c === s.lead_dept) add(`${at}.co_depts[${j}]`, 'coDept');
      else if (co.has(c)) add(`${at}.co_depts[${j}]`, 'coDeptTwice');
      co.add(c);
    });
    if (s.items.length === 0) add(`${at}.items`, 'noItems');
    s.items.forEach((it, j) => {
      if (!it || items.has(it)) add(`${at}.items[${j}]`, 'itemTwice', { item: it });
      items.add(it);
    });
    if (!Number.isInteger(s.limit_days) || s.limit_days < 1 || s.limit_days > MAX_STAGE_LIMIT) add(`${at}.limit_days`, 'limit', { max: MAX_STAGE_LIMIT });
    else if (!(s.serial_days >= s.limit_days)) add(`${at}.serial_days`, 'serial');
    const preds = new Set<string>();
    s.predecessors.forEach((p, j) => {
      const f = `${at}.predecessors[${j}]`;
      if (p === s.code) add(f, 'predecessorSelf');
      else if (!codes.has(p)) add(f, 'predecessorUnknown', { code: p });
      else if (preds.has(p)) add(f, 'predecessorTwice', { code: p });
      preds.add(p);
    });
  });
  const cycle = findCycle(t.stages);
  if (cycle.length > 0) add('stages', 'cycle', { stages: cycle.join(' → ') });
  else if (t.target_days > 0 && t.stages.length > 0) {
    const s = scheduleTemplate(t);
    if (s && s.figures.parallel_days > t.target_days) add('target_days', 'overTarget', { days: s.figures.parallel_days, target: t.target_days });
  }
  return out;
}

export function blankStage(n: number): TemplateStage {
  return { code: `stage-${n}`, name: '', lead_dept: '', co_depts: [], items: [], limit_days: 5, serial_days: 5, predecessors: [], note: '' };
}

export function blankTemplate(): StageTemplate {
  return { code: '', name: '', region: '450000', project_types: [], source: '', target_days: 0, fast_lane_percent: 70, stages: [blankStage(1)] };
}

/** The definition only (what POST and PUT take): the computed parts of an answer dropped. */
export function definitionOf(t: StageTemplate): StageTemplate {
  return {
    code: t.code,
    name: t.name,
    region: t.region,
    project_types: [...t.project_types],
    source: t.source,
    target_days: t.target_days,
    fast_lane_percent: t.fast_lane_percent,
    stages: t.stages.map((s) => ({ ...s, co_depts: [...s.co_depts], items: [...s.items], predecessors: [...s.predecessors] })),
  };
}

/**
 * Renames the stage at `index` and the predecessor links that point at it (unless another
 * stage still carries the old code, as while a duplicate is being typed).
 */
export function renameStage(t: StageTemplate, index: number, to: string): void {
  const from = t.stages[index].code;
  t.stages[index].code = to;
  if (t.stages.some((s) => s.code === from)) return;
  for (const s of t.stages) s.predecessors = s.predecessors.map((p) => (p === from ? to : p));
}

/** Removes the stage at `index` and the links to it. */
export function removeStage(t: StageTemplate, index: number): void {
  const [gone] = t.stages.splice(index, 1);
  if (!gone || t.stages.some((s) => s.code === gone.code)) return;
  for (const s of t.stages) s.predecessors = s.predecessors.filter((p) => p !== gone.code);
}

// ---- the 地铁图 (metro map) of a stage flow ----

export interface MetroStation {
  code: string;
  name: string;
  /** Column: the longest chain of predecessors before the stage (0 for the first ones). */
  column: number;
  /** Row within the column (template order). */
  row: number;
  x: number;
  y: number;
  critical: boolean;
}

export interface MetroLine {
  from: string;
  to: string;
  /** Both ends on the critical path, one after the other. */
  critical: boolean;
}

export interface MetroMap {
  stations: MetroStation[];
  lines: MetroLine[];
  width: number;
  height: number;
}

/** Between stations and around the map; the side margin leaves room for long department names. */
export const METRO_SPACING = { x: 180, y: 90, marginX: 100, marginY: 60 };

/**
 * Stations by depth: a stage's column is one more than its deepest predecessor's, rows fill
 * top-down in template order; lines go from each predecessor to its stage. A cycle (the
 * editor's half-typed state) is drawn flat, in template order, so the preview never fails.
 */
export function metroLayout(stages: readonly Pick<TemplateStage, 'code' | 'name' | 'predecessors'>[], criticalPath: readonly string[] = [], spacing = METRO_SPACING): MetroMap {
  const index = new Map(stages.map((s, i) => [s.code, i]));
  const column = new Array<number>(stages.length).fill(-1);
  const order = topologicalOrder(stages as TemplateStage[]);
  if (order) {
    for (const i of order) {
      column[i] = 0;
      for (const p of stages[i].predecessors) {
        const j = index.get(p);
        if (j !== undefined && j !== i) column[i] = Math.max(column[i], column[j] + 1);
      }
    }
  } else {
    stages.forEach((_, i) => (column[i] = i));
  }
  const rows = new Map<number, number>();
  const onPath = new Map(criticalPath.map((c, i) => [c, i]));
  const stations = stages.map((s, i) => {
    const row = rows.get(column[i]) ?? 0;
    rows.set(column[i], row + 1);
    return {
      code: s.code,
      name: s.name,
      column: column[i],
      row,
      x: spacing.marginX + column[i] * spacing.x,
      y: spacing.marginY + row * spacing.y,
      critical: onPath.has(s.code),
    };
  });
  const lines: MetroLine[] = [];
  for (const s of stages) {
    for (const p of s.predecessors) {
      if (!index.has(p) || p === s.code) continue;
      const a = onPath.get(p);
      const b = onPath.get(s.code);
      lines.push({ from: p, to: s.code, critical: a !== undefined && b === a + 1 });
    }
  }
  const columns = Math.max(0, ...column) + 1;
  const maxRows = Math.max(1, ...rows.values());
  return {
    stations,
    lines,
    width: spacing.marginX * 2 + (columns - 1) * spacing.x,
    height: spacing.marginY * 2 + (maxRows - 1) * spacing.y,
  };
}

// ---- the project code (项目代码, docs/projects.md §1) ----

export type ProjectCodeRule = 'shape' | 'characters' | 'year' | 'region';
export type ProjectCodeCheck =
  | { ok: true; value: string; format: 'new' | 'legacy' }
  | { ok: false; reason: ProjectCodeRule };

const HYPHENS = [4, 11, 14, 17];

/** parse_project_code: YYYY-RRRRRR-GG-TT-XXXXXX; lower case accepted and upper-cased. */
export function validateProjectCode(raw: string): ProjectCodeCheck {
  if (raw.length !== 24) return { ok: false, reason: 'shape' };
  for (const i of HYPHENS) if (raw[i] !== '-') return { ok: false, reason: 'shape' };
  // ASCII letters only: toUpperCase on the whole text could change its length (ß → SS).
  let code = '';
  for (let i = 0; i < raw.length; i++) {
    const c = /[a-z]/.test(raw[i]) ? raw[i].toUpperCase() : raw[i];
    if (!HYPHENS.includes(i) && !/^[0-9A-Z]$/.test(c)) return { ok: false, reason: 'characters' };
    code += c;
  }
  const [year, region, dept, type, last] = code.split('-');
  if (!/^\d+$/.test(year + region + dept + type)) return { ok: false, reason: 'characters' };
  const y = Number(year);
  if (y < 2014 || y > 2099) return { ok: false, reason: 'year' };
  const province = Number(region.slice(0, 2));
  if (province < 11 || province > 82) return { ok: false, reason: 'region' };
  return { ok: true, value: code, format: /^\d{6}$/.test(last) && y <= 2020 ? 'legacy' : 'new' };
}

// ---- the template page ----

export interface ScheduleRow extends TemplateStage, Omit<StageSchedule, 'code' | 'limit_days'> {
  /** The limit in force (the fast lane's when chosen). */
  effective_limit: number;
}

/** The stages joined with their schedule (normal or fast lane), in template order. */
export function scheduleRows(t: Pick<TemplateDetail, 'stages' | 'schedule' | 'fast_lane_schedule'>, fastLane: boolean): ScheduleRow[] {
  const sched = new Map((fastLane ? t.fast_lane_schedule : t.schedule).stages.map((s) => [s.code, s]));
  return t.stages.map((s) => {
    const e = sched.get(s.code);
    return {
      ...s,
      effective_limit: e?.limit_days ?? s.limit_days,
      earliest_start: e?.earliest_start ?? 0,
      earliest_finish: e?.earliest_finish ?? 0,
      latest_start: e?.latest_start ?? 0,
      latest_finish: e?.latest_finish ?? 0,
      float_days: e?.float_days ?? 0,
      critical: e?.critical ?? false,
    };
  });
}

/** Failures of the plan calculator explained in the page's own words (projects.plan.error.<code>). */
export const PLAN_ERROR_CODES = ['calendar_out_of_range', 'unknown_region', 'invalid_date', 'not_found'] as const;

export function planErrorKey(code: string): string | null {
  return (PLAN_ERROR_CODES as readonly string[]).includes(code) ? `projects.plan.error.${code}` : null;
}

// ---- projects (/api/v1/projects, docs/projects.md "API: projects and their stages") ----

export const APPROVAL_KINDS = ['approval', 'ratification', 'filing'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
export const PROJECT_KINDS = ['construction', 'renovation', 'purchase', 'informatisation', 'other'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];
export type StageState = 'pending' | 'open' | 'closed';
export type ProjectState = 'running' | 'completed';
export const JOINT_TASK_KINDS = ['multi_assessment', 'joint_drawing_review', 'joint_acceptance', 'joint_survey'] as const;
export type JointTaskKind = (typeof JOINT_TASK_KINDS)[number];
export const OPINIONS = ['agree', 'disagree', 'conditions'] as const;
export type Opinion = (typeof OPINIONS)[number];

export interface ProjectRegistration {
  code: string;
  name: string;
  owner_uscc: string;
  owner_name: string;
  approval_kind: ApprovalKind;
  type: ProjectType;
  kind: ProjectKind;
  investment_yuan: number;
  region_code: string;
  site: string;
  fast_lane: boolean;
  template_code: string;
}

export interface StageRef {
  code: string;
  name: string;
  lead_dept: string;
}

export interface ProjectSummary {
  code: string;
  name: string;
  owner_name: string;
  type: ProjectType;
  approval_kind: ApprovalKind;
  region_code: string;
  template_code: string;
  fast_lane: boolean;
  registered_on: string;
  state: ProjectState;
  current_stages: StageRef[];
  overdue: boolean;
  planned_due: string;
}

export interface StageCase {
  id: number;
  number: string;
  item_code: string;
  department_code: string;
  state: string;
}

export interface JointAnswer {
  department_code: string;
  opinion: Opinion | null;
  comment: string;
  answered_on: string | null;
  answered_by: string | null;
  late: boolean;
}

export interface JointTask {
  id: number;
  project_code: string;
  /** Not in every answer: pages fall back to the code. */
  project_name?: string;
  stage: string;
  kind: JointTaskKind;
  lead_dept: string;
  requested_on: string;
  limit_days: number;
  due_on: string;
  state: 'open' | 'consolidated';
  conclusion: string;
  consolidated_on: string | null;
  answers: JointAnswer[];
  late_count: number;
}

export interface ProjectStage {
  code: string;
  name: string;
  lead_dept: string;
  co_depts: string[];
  items: string[];
  predecessors: string[];
  limit_days: number;
  state: StageState;
  planned_start: string;
  planned_due: string;
  opened_on: string | null;
  closed_on: string | null;
  due: string | null;
  overdue: boolean;
  planned_days: number;
  actual_days: number | null;
  delay_days: number;
  cases: StageCase[];
  results_in: { stage: string; name: string; closed_on: string; cases: StageCase[] }[];
  joint_tasks: JointTask[];
}

export interface ProjectHelper {
  user_id: number;
  username: string;
  display_name: string;
}

export interface ProjectDetail extends ProjectRegistration {
  template_name: string;
  registered_on: string;
  state: ProjectState;
  overdue: boolean;
  planned_due: string;
  helper: ProjectHelper | null;
  figures: TemplateFigures;
  critical_path: string[];
  stages: ProjectStage[];
}

/** Government investment is approved (审批); enterprise projects ratified (核准) or filed (备案). */
export function approvalKindsFor(type: ProjectType): ApprovalKind[] {
  return type === 'government' ? ['approval'] : ['ratification', 'filing'];
}

/** The registration form's rules (i18n projects.register.rule.<rule>, nested at the dot). */
export const REGISTRATION_RULES = [
  'code.shape',
  'code.characters',
  'code.year',
  'code.region',
  'uscc.length',
  'uscc.characters',
  'uscc.region',
  'uscc.check_digit',
  'required',
  'investment',
  'region',
  'approvalKind',
] as const;
export type RegistrationRule = (typeof REGISTRATION_RULES)[number];

export interface RegistrationProblem {
  field: keyof ProjectRegistration;
  rule: RegistrationRule;
}

/**
 * The registration rules the form checks before sending (validate_project): the project code
 * (§1), the owner's 信用代码 with its check character, required fields, a positive investment,
 * a six-digit region, and the approval kind that goes with the project type.
 */
export function registrationProblems(r: ProjectRegistration, validateUscc: (raw: string) => { ok: boolean; reason?: string }): RegistrationProblem[] {
  const out: RegistrationProblem[] = [];
  const code = validateProjectCode(r.code);
  if (!code.ok) out.push({ field: 'code', rule: `code.${code.reason}` });
  const uscc = validateUscc(r.owner_uscc);
  if (!uscc.ok) out.push({ field: 'owner_uscc', rule: `uscc.${uscc.reason}` as RegistrationRule });
  if (!r.name.trim()) out.push({ field: 'name', rule: 'required' });
  if (!r.owner_name.trim()) out.push({ field: 'owner_name', rule: 'required' });
  if (!Number.isInteger(r.investment_yuan) || r.investment_yuan <= 0) out.push({ field: 'investment_yuan', rule: 'investment' });
  if (!/^\d{6}$/.test(r.region_code)) out.push({ field: 'region_code', rule: 'region' });
  if (!r.template_code) out.push({ field: 'template_code', rule: 'required' });
  if (!approvalKindsFor(r.type).includes(r.approval_kind)) out.push({ field: 'approval_kind', rule: 'approvalKind' });
  return out;
}

/** The colour class of a stage on the 地铁图: overdue wins over open and closed. */
export function stageLook(s: Pick<ProjectStage, 'state' | 'overdue'>): 'pending' | 'open' | 'closed' | 'overdue' {
  return s.overdue && s.state !== 'pending' ? 'overdue' : s.state;
}

export interface TimelineSeries {
  stages: string[];
  /** Planned bars: [offset, length] in working days from registration. */
  planned: [number, number][];
  /** Actual bars; null for a stage not yet opened. */
  actual: ([number, number] | null)[];
  /** The actual bar runs past the planned end. */
  late: boolean[];
}

/**
 * Planned vs actual per stage on working days from registration. Planned: the schedule of the
 * project's limits (the plan the project was given). Actual: a stage opens when its last
 * predecessor closes (the automatic hand-over; at registration without predecessors) and runs
 * its actual_days (to today while open).
 */
export function timelineSeries(stages: readonly ProjectStage[]): TimelineSeries {
  // The project's stages carry their limits with the fast lane applied: schedule them as is.
  const asTemplate: StageTemplate = {
    ...blankTemplate(),
    fast_lane_percent: 100,
    stages: stages.map((s) => ({ ...s, serial_days: s.limit_days, note: '' })),
  };
  const sched = scheduleTemplate(asTemplate);
  const planned = stages.map((s, i): [number, number] => [sched?.stages[i].earliest_start ?? 0, s.limit_days]);
  const finish = new Map<string, number>();
  const actual: ([number, number] | null)[] = stages.map(() => null);
  for (const i of topologicalOrder(asTemplate.stages) ?? stages.map((_, k) => k)) {
    const s = stages[i];
    if (s.state === 'pending' || s.actual_days === null) continue;
    const start = Math.max(0, ...s.predecessors.map((p) => finish.get(p) ?? 0));
    actual[i] = [start, s.actual_days];
    finish.set(s.code, start + s.actual_days);
  }
  return {
    stages: stages.map((s) => s.name),
    planned,
    actual,
    late: actual.map((a, i) => a !== null && a[0] + a[1] > planned[i][0] + planned[i][1]),
  };
}

/** How many of a stage's cases are decided (a final or decided state). */
export function caseProgress(cases: readonly StageCase[]): { done: number; total: number } {
  const decided = new Set<string>([...FINAL_STATES, 'approved', 'denied']);
  return { done: cases.filter((c) => decided.has(c.state)).length, total: cases.length };
}

/** The registry as an .xlsx (the rows of the current filter), one column per summary field. */
export function projectsXlsx(rows: readonly ProjectSummary[], headers: Record<'code' | 'name' | 'owner' | 'type' | 'region' | 'template' | 'registered' | 'state' | 'current' | 'due' | 'overdue', string>, label: (kind: 'type' | 'state' | 'overdue', value: string) => string, sheetName: string): Promise<ArrayBuffer> {
  return tableXlsx(
    [
      { key: 'code', header: headers.code, width: 28 },
      { key: 'name', header: headers.name, width: 32 },
      { key: 'owner', header: headers.owner, width: 28 },
      { key: 'type', header: headers.type, width: 12 },
      { key: 'region', header: headers.region, width: 10 },
      { key: 'template', header: headers.template, width: 22 },
      { key: 'registered', header: headers.registered, width: 12 },
      { key: 'state', header: headers.state, width: 10 },
      { key: 'current', header: headers.current, width: 24 },
      { key: 'due', header: headers.due, width: 12 },
      { key: 'overdue', header: headers.overdue, width: 8 },
    ],
    rows.map((p) => ({
      code: p.code,
      name: p.name,
      owner: p.owner_name,
      type: label('type', p.type),
      region: p.region_code,
      template: p.template_code,
      registered: p.registered_on,
      state: label('state', p.state),
      current: p.current_stages.map((s) => s.name).join('、'),
      due: p.planned_due,
      overdue: label('overdue', String(p.overdue)),
    })),
    sheetName,
    (row) => row.overdue === label('overdue', 'true'),
  );
}

// ---- a stage's application (接力棒 results as materials on file) ---------------------------

/** A result handed over by an earlier stage: a decided case of one of its items. */
export interface HandedResult {
  stage: string;
  number: string;
  itemName: string;
}

const RESULT_STATES = new Set(['approved', 'delivered']);
const ACTION_SUFFIX = /(核发|审批|审查|登记|办理)$/;
const PROJECT_DECISION_ITEM = /项目(审批|核准|备案)$/;
const PROJECT_DECISION_MATERIAL = /项目.*(审批|批准|核准|备案).*(文件|证明)/;

/** What an item's approval leaves on file: its name without the action (建设工程规划许可证核发 → 建设工程规划许可证). */
export function resultName(itemName: string): string {
  return itemName.replace(ACTION_SUFFIX, '');
}

/** Whether a material of the checklist is the result of an item decided earlier. */
export function materialMatchesResult(m: Pick<ItemMaterial, 'name' | 'certificate_type'>, itemName: string): boolean {
  if (PROJECT_DECISION_ITEM.test(itemName) && PROJECT_DECISION_MATERIAL.test(m.name)) return true;
  const result = resultName(itemName);
  if (result.length < 4) return false;
  const cert = m.certificate_type ?? '';
  return m.name.includes(result) || (cert.length > 0 && (cert.includes(result) || result.includes(cert)));
}

/**
 * The materials of a checklist that results handed over (接力棒: approved or delivered cases of
 * the closed predecessors) already cover, by material code — offered as on file. The first
 * matching result wins.
 */
export function handedOverMaterials(
  materials: readonly Pick<ItemMaterial, 'code' | 'name' | 'certificate_type'>[],
  resultsIn: ProjectStage['results_in'],
  itemName: (code: string) => string,
): Record<string, HandedResult> {
  const out: Record<string, HandedResult> = {};
  for (const m of materials) {
    for (const r of resultsIn) {
      const c = r.cases.find((c) => RESULT_STATES.has(c.state) && materialMatchesResult(m, itemName(c.item_code)));
      if (c) {
        out[m.code] = { stage: r.name, number: c.number, itemName: itemName(c.item_code) };
        break;
      }
    }
  }
  return out;
}

// ---- the helper (帮办) -----------------------------------------------------------------

/** GET /projects/{code}/helper-candidates: an account that may become the helper. */
export interface HelperCandidate {
  user_id: number;
  username: string;
  display_name: string;
  role: 'applicant_org' | 'agency';
  uscc: string | null;
}

/** The picker's label: name, login and 信用代码. */
export function helperLabel(c: Pick<HelperCandidate, 'display_name' | 'username' | 'uscc'>): string {
  return `${c.display_name}（${c.username}${c.uscc ? ` · ${c.uscc}` : ''}）`;
}

interface Viewer {
  role: string | null;
  userId: number | string | null | undefined;
  uscc: string | null | undefined;
  department: string | null | undefined;
}

/** Mirrors the server: the window, an admin, the owner, a head or reviewer of a lead department. */
export function mayAssignHelper(v: Viewer, p: Pick<ProjectDetail, 'owner_uscc' | 'stages'>): boolean {
  if (v.role === 'front_clerk' || v.role === 'admin') return true;
  if (v.role === 'applicant_org') return Boolean(v.uscc) && v.uscc === p.owner_uscc;
  if (v.role === 'dept_head' || v.role === 'reviewer') return Boolean(v.department) && p.stages.some((s) => s.lead_dept === v.department);
  return false;
}

/** Who starts a stage's items: the owner, the helper acting for it, the window. */
export function mayApplyForStage(v: Viewer, p: Pick<ProjectDetail, 'owner_uscc' | 'helper'>): boolean {
  if (v.role === 'front_clerk') return true;
  if (v.role === 'applicant_org' && Boolean(v.uscc) && v.uscc === p.owner_uscc) return true;
  return p.helper !== null && v.userId !== null && v.userId !== undefined && String(p.helper.user_id) === String(v.userId);
}

// ---- a template's timeline across projects -------------------------------------------------

/** Median, p90 (nearest rank) and max of working-day counts; null without any. */
export interface WorkdaySpread {
  count: number;
  median: number;
  p90: number;
  max: number;
}

export interface TimelineStage {
  code: string;
  name: string;
  lead_dept: string;
  limit_days: number;
  serial_days: number;
  closed: number;
  on_time: number;
  late: number;
  open: number;
  open_overdue: number;
  pending: number;
  actual_days: WorkdaySpread | null;
}

/** GET /project-templates/{code}/timeline. */
export interface TemplateTimeline {
  template_code: string;
  figures: TemplateFigures;
  projects: number;
  running: number;
  completed: number;
  completed_on_plan: number;
  completed_late: number;
  total_days: WorkdaySpread | null;
  stages: TimelineStage[];
}

/** Planned vs actual per stage for the chart: the limit beside the median, p90 and max (null: no closed stage yet). */
export function timelineChart(tl: Pick<TemplateTimeline, 'stages'>): { stages: string[]; limit: number[]; median: (number | null)[]; p90: (number | null)[]; max: (number | null)[] } {
  return {
    stages: tl.stages.map((s) => s.name),
    limit: tl.stages.map((s) => s.limit_days),
    median: tl.stages.map((s) => s.actual_days?.median ?? null),
    p90: tl.stages.map((s) => s.actual_days?.p90 ?? null),
    max: tl.stages.map((s) => s.actual_days?.max ?? null),
  };
}

/** Share of closed stages that closed on time, 0..1 (null when none closed). */
export function onTimeShare(s: Pick<TimelineStage, 'closed' | 'on_time'>): number | null {
  return s.closed > 0 ? s.on_time / s.closed : null;
}

export type TimelineColumn = 'stage' | 'lead' | 'limit' | 'serial' | 'median' | 'p90' | 'max' | 'closed' | 'onTime' | 'late' | 'open' | 'openOverdue' | 'onTimeShare';
export const TIMELINE_COLUMNS: readonly TimelineColumn[] = ['stage', 'lead', 'limit', 'serial', 'median', 'p90', 'max', 'closed', 'onTime', 'late', 'open', 'openOverdue', 'onTimeShare'];

type TimelineRow = Record<TimelineColumn | 'total', string | number | null | boolean>;

function timelineRow(stage: string, lead: string, limit: number, serial: number, actual: WorkdaySpread | null, counts: { closed: number; onTime: number; late: number; open: number; openOverdue: number | null }, total: boolean): TimelineRow {
  return {
    stage,
    lead,
    limit,
    serial,
    median: actual?.median ?? null,
    p90: actual?.p90 ?? null,
    max: actual?.max ?? null,
    ...counts,
    onTimeShare: onTimeShare({ closed: counts.closed, on_time: counts.onTime }),
    total,
  };
}

/** The timeline as sheet rows: one per stage, then the whole template (serial vs parallel, end to end) in bold. */
export function timelineRows(tl: TemplateTimeline, deptName: (code: string) => string, totalLabel: string): TimelineRow[] {
  return [
    ...tl.stages.map((s) =>
      timelineRow(s.name, deptName(s.lead_dept), s.limit_days, s.serial_days, s.actual_days, { closed: s.closed, onTime: s.on_time, late: s.late, open: s.open, openOverdue: s.open_overdue }, false),
    ),
    timelineRow(totalLabel, '', tl.figures.parallel_days, tl.figures.serial_days, tl.total_days, { closed: tl.completed, onTime: tl.completed_on_plan, late: tl.completed_late, open: tl.running, openOverdue: null }, true),
  ];
}

/** The timeline as an .xlsx: the stage rows and the template's total row in bold, the on-time share as a percentage. */
export function timelineXlsx(rows: readonly TimelineRow[], headers: Record<TimelineColumn, string>, sheetName: string): Promise<ArrayBuffer> {
  return tableXlsx(
    TIMELINE_COLUMNS.map((c) => ({ key: c, header: headers[c], width: c === 'stage' || c === 'lead' ? 22 : 11, numFmt: c === 'onTimeShare' ? '0.0%' : undefined })),
    rows,
    sheetName,
    (row) => row.total === true,
  );
}
