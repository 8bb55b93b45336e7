// The service catalog (事项目录): the item shape of /api/v1/items (adapters/catalog/item_json),
// the client-side mirror of the server's item rules (docs/catalog.md "Rules"; the server's
// item_invalid with details.field stays the authority) and the indicator table.

export type ItemType =
  | 'licensing'
  | 'penalty'
  | 'enforcement'
  | 'levy'
  | 'benefit'
  | 'inspection'
  | 'confirmation'
  | 'reward'
  | 'adjudication'
  | 'other_power'
  | 'public_service';
export const ITEM_TYPES: readonly ItemType[] = [
  'licensing',
  'penalty',
  'enforcement',
  'levy',
  'benefit',
  'inspection',
  'confirmation',
  'reward',
  'adjudication',
  'other_power',
  'public_service',
];

export type Channel = 'window' | 'online' | 'mobile' | 'mail' | 'kiosk';
export const CHANNELS: readonly Channel[] = ['window', 'online', 'mobile', 'mail', 'kiosk'];
/** Channels that let an applicant stay at home (一次不用跑 needs one). */
export const REMOTE_CHANNELS: readonly Channel[] = ['online', 'mobile', 'mail'];

export type MaterialForm = 'original' | 'copy' | 'original_and_copy';
export const MATERIAL_FORMS: readonly MaterialForm[] = ['original', 'copy', 'original_and_copy'];
export type MaterialSource = 'applicant_upload' | 'certificate' | 'shared_data';
export const MATERIAL_SOURCES: readonly MaterialSource[] = ['applicant_upload', 'certificate', 'shared_data'];
export type ServiceObject = 'person' | 'organisation' | 'both';
export const SERVICE_OBJECTS: readonly ServiceObject[] = ['person', 'organisation', 'both'];
export type ExerciseLevel = 'province' | 'city' | 'county' | 'township';
export const LEVELS: readonly ExerciseLevel[] = ['province', 'city', 'county', 'township'];
export type Handling = 'instant' | 'commitment';
export const HANDLINGS: readonly Handling[] = ['commitment', 'instant'];
export type LimitUnit = 'working_days' | 'natural_days' | 'working_hours';
export const LIMIT_UNITS: readonly LimitUnit[] = ['working_days', 'natural_days', 'working_hours'];

export interface Budget {
  amount: number;
  unit: LimitUnit;
}

export interface Material {
  code: string;
  name: string;
  required: boolean;
  form: MaterialForm;
  copies: number;
  source: MaterialSource;
  certificate_type: string;
  blank_form: string;
  example?: string;
  tolerable: boolean;
  notes: string;
}

export interface ReviewPost {
  name: string;
  department_code: string;
  limit: Budget;
}

export interface ProcessStep {
  name: string;
  posts: ReviewPost[];
}

export interface Fee {
  name: string;
  rate: string;
  legal_basis: string;
  reducible: boolean;
}

export interface ServiceItem {
  code: string;
  version: number;
  name: string;
  type: ItemType;
  department_code: string;
  region_code: string;
  level: ExerciseLevel;
  service_object: ServiceObject;
  legal_basis: string;
  acceptance_conditions: string;
  materials: Material[];
  steps: ProcessStep[];
  legal_limit: Budget;
  committed_limit: Budget;
  limit_explanation: string;
  handling: Handling;
  visits: number;
  channels: Channel[];
  fees: Fee[];
  intermediary_services: string[];
  location: string;
  office_hours: string;
  consult_phone: string;
  complaint_phone: string;
  warning_days?: number;
  warning_percent?: number;
}

export type CatalogListName = 'most-one-visit' | 'zero-visit' | 'tolerable';
export const CATALOG_LISTS: readonly CatalogListName[] = ['most-one-visit', 'zero-visit', 'tolerable'];

export interface Indicators {
  department_code: string | null;
  items: number;
  commitment_items: number;
  instant_items: number;
  most_one_visit: number;
  zero_visit: number;
  online_capable: number;
  tolerable_items: number;
  commitment_speedup: number;
  most_one_visit_ratio: number;
  zero_visit_ratio: number;
  online_ratio: number;
  instant_ratio: number;
}

export interface IndicatorReport {
  data: Indicators[];
  total: number;
  all: Indicators;
}

// ---- display helpers ----

/** Working days and hours compare at 8 hours a day; natural days only with natural days. */
const HOURS_PER_DAY = 8;

function inHours(b: Budget): number | null {
  if (b.unit === 'working_days') return b.amount * HOURS_PER_DAY;
  if (b.unit === 'working_hours') return b.amount;
  return null;
}

/** Budgets in comparable units as [legal, committed], or null when they cannot be compared. */
export function comparableLimits(legal: Budget, committed: Budget): [number, number] | null {
  if (legal.unit === 'natural_days' || committed.unit === 'natural_days') {
    return legal.unit === committed.unit ? [legal.amount, committed.amount] : null;
  }
  return [inHours(legal) as number, inHours(committed) as number];
}

/** 承诺提速 of one item as a whole percentage, (legal − committed) / legal; null without a legal limit. */
export function speedupPercent(legal: Budget, committed: Budget): number | null {
  const c = comparableLimits(legal, committed);
  if (!c || c[0] <= 0) return null;
  return Math.round(((c[0] - c[1]) / c[0]) * 100);
}

export type VisitsBadge = 'zeroVisit' | 'mostOneVisit' | null;

/** 一次不用跑 (0 visits), 最多跑一次 (1), or no badge. */
export function visitsBadge(visits: number): VisitsBadge {
  if (visits === 0) return 'zeroVisit';
  if (visits === 1) return 'mostOneVisit';
  return null;
}

export function hasTolerable(item: Pick<ServiceItem, 'materials'>): boolean {
  return item.materials.some((m) => m.tolerable);
}

/** A ratio 0..1 as a percentage with one decimal ("66.7%"); empty for non-numbers. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '';
  return `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;
}

/** Column keys of the indicator table, in display and export order. */
export const INDICATOR_COLUMNS = [
  'department',
  'items',
  'commitment_speedup',
  'most_one_visit_ratio',
  'zero_visit_ratio',
  'online_ratio',
  'instant_ratio',
  'commitment_items',
  'instant_items',
  'most_one_visit',
  'zero_visit',
  'online_capable',
  'tolerable_items',
] as const;
export type IndicatorColumn = (typeof INDICATOR_COLUMNS)[number];

export const RATIO_COLUMNS: readonly IndicatorColumn[] = [
  'commitment_speedup',
  'most_one_visit_ratio',
  'zero_visit_ratio',
  'online_ratio',
  'instant_ratio',
];

/** One table row: the department's display name plus every figure (ratios stay 0..1). */
export type IndicatorRow = { key: string; total: boolean } & Record<IndicatorColumn, string | number>;

/**
 * Rows of the indicator table: one per department (named through `name`), then the total
 * row labelled `totalLabel`.
 */
export function indicatorRows(
  report: IndicatorReport,
  name: (code: string) => string,
  totalLabel: string,
): IndicatorRow[] {
  const row = (i: Indicators, label: string, total: boolean): IndicatorRow => ({
    key: i.department_code ?? '*',
    total,
    department: label,
    items: i.items,
    commitment_speedup: i.commitment_speedup,
    most_one_visit_ratio: i.most_one_visit_ratio,
    zero_visit_ratio: i.zero_visit_ratio,
    online_ratio: i.online_ratio,
    instant_ratio: i.instant_ratio,
    commitment_items: i.commitment_items,
    instant_items: i.instant_items,
    most_one_visit: i.most_one_visit,
    zero_visit: i.zero_visit,
    online_capable: i.online_capable,
    tolerable_items: i.tolerable_items,
  });
  return [
    ...report.data.map((i) => row(i, name(i.department_code ?? ''), false)),
    row(report.all, totalLabel, true),
  ];
}

/** A cell as the table shows it: ratios as percentages, counts as numbers. */
export function formatIndicatorCell(column: IndicatorColumn, value: string | number): string {
  if (typeof value === 'number' && RATIO_COLUMNS.includes(column)) return formatRatio(value);
  return String(value);
}

// ---- editing ----

/** Codes that concern one field even when the server names none. */
const ITEM_CODE_FIELDS: Record<string, string> = { item_exists: 'code', unknown_department: 'department_code' };

/**
 * The form field a failed save is about: the server's details.field (a path such as
 * materials[2].code) or the field the code implies; null for server faults and others.
 */
export function itemErrorField(error: { status: number; code: string; details: { field?: string } }): string | null {
  if (error.status <= 0 || error.status >= 500) return null;
  return error.details.field ?? ITEM_CODE_FIELDS[error.code] ?? null;
}

export function blankMaterial(index: number): Material {
  return {
    code: `M${String(index + 1).padStart(2, '0')}`,
    name: '',
    required: true,
    form: 'original',
    copies: 1,
    source: 'applicant_upload',
    certificate_type: '',
    blank_form: '',
    example: '',
    tolerable: false,
    notes: '',
  };
}

export function blankPost(departmentCode = ''): ReviewPost {
  return { name: '', department_code: departmentCode, limit: { amount: 1, unit: 'working_days' } };
}

export function blankItem(): ServiceItem {
  return {
    code: '',
    version: 1,
    name: '',
    type: 'licensing',
    department_code: '',
    region_code: '450100',
    level: 'city',
    service_object: 'both',
    legal_basis: '',
    acceptance_conditions: '',
    materials: [blankMaterial(0)],
    steps: [{ name: '受理', posts: [blankPost()] }],
    legal_limit: { amount: 20, unit: 'working_days' },
    committed_limit: { amount: 5, unit: 'working_days' },
    limit_explanation: '',
    handling: 'commitment',
    visits: 1,
    channels: ['window', 'online'],
    fees: [],
    intermediary_services: [],
    location: '',
    office_hours: '',
    consult_phone: '',
    complaint_phone: '12345',
    warning_days: 2,
    warning_percent: 20,
  };
}

/** A deep copy, so an edit form never mutates the item it was opened from. */
export function cloneItem(item: ServiceItem): ServiceItem {
  return JSON.parse(JSON.stringify(item)) as ServiceItem;
}

/** A rule broken in the form: the server's field path and an i18n key under itemForm.rule. */
export interface ItemProblem {
  field: string;
  rule: string;
  values?: Record<string, unknown>;
}

export const ITEM_CODE_PATTERN = /^[0-9A-Z]{12,31}$/;

/** The post limit's slowest sum per step, in the committed limit's terms (null: incomparable). */
function processFits(item: ServiceItem): boolean | null {
  let total = 0;
  for (const step of item.steps) {
    let slowest = 0;
    for (const post of step.posts) {
      const c = comparableLimits(post.limit, item.committed_limit);
      if (!c) return null;
      slowest = Math.max(slowest, c[0]);
    }
    total += slowest;
  }
  const committed = comparableLimits(item.committed_limit, item.committed_limit);
  return committed ? total <= committed[0] : null;
}

/**
 * The rules of docs/catalog.md a form can check on its own, first problem per field. The
 * department's existence and anything the server adds later are left to the server.
 */
export function itemProblems(item: ServiceItem): ItemProblem[] {
  const out: ItemProblem[] = [];
  const add = (field: string, rule: string, values?: Record<string, unknown>) => {
    if (!out.some((p) => p.field === field)) out.push({ field, rule, values });
  };
  if (!ITEM_CODE_PATTERN.test(item.code)) add('code', 'code');
  if (!item.name.trim()) add('name', 'required');
  if (!item.department_code.trim()) add('department_code', 'required');
  if (!/^\d{6}$/.test(item.region_code)) add('region_code', 'region');
  for (const key of ['legal_limit', 'committed_limit'] as const) {
    if (!Number.isInteger(item[key].amount) || item[key].amount < 0) add(key, 'nonNegative');
  }
  const limits = comparableLimits(item.legal_limit, item.committed_limit);
  if (!limits) add('committed_limit', 'unitsMixed');
  else if (limits[1] > limits[0]) add('committed_limit', 'committedOverLegal');
  if (item.handling === 'commitment' && item.committed_limit.amount <= 0) add('committed_limit', 'commitmentPositive');
  if (item.handling === 'instant' && item.committed_limit.amount !== 0) add('committed_limit', 'instantZero');
  if (item.handling === 'commitment' && item.steps.length === 0) add('steps', 'stepsRequired');
  item.steps.forEach((step, s) => {
    if (!step.name.trim()) add(`steps[${s}].name`, 'required');
    if (step.posts.length === 0) add(`steps[${s}].posts`, 'postsRequired');
    step.posts.forEach((post, p) => {
      const at = `steps[${s}].posts[${p}]`;
      if (!post.name.trim()) add(`${at}.name`, 'required');
      if (!post.department_code.trim()) add(`${at}.department_code`, 'required');
      if (!(post.limit.amount > 0)) add(`${at}.limit.amount`, 'positive');
      else if (!comparableLimits(post.limit, item.committed_limit)) add(`${at}.limit.unit`, 'unitsMixed');
    });
  });
  if (item.handling === 'commitment' && !out.some((p) => p.field.startsWith('steps')) && processFits(item) === false) {
    add('steps', 'processTooLong');
  }
  if (!Number.isInteger(item.visits) || item.visits < 0 || item.visits > 10) add('visits', 'visitsRange');
  if (item.channels.length === 0) add('channels', 'channelsRequired');
  else if (item.visits === 0 && !item.channels.some((c) => REMOTE_CHANNELS.includes(c))) add('channels', 'zeroVisitChannel');
  const codes = new Set<string>();
  item.materials.forEach((m, i) => {
    const at = `materials[${i}]`;
    if (!m.code.trim()) add(`${at}.code`, 'required');
    else if (codes.has(m.code)) add(`${at}.code`, 'duplicateCode');
    codes.add(m.code);
    if (!m.name.trim()) add(`${at}.name`, 'required');
    if (!Number.isInteger(m.copies) || m.copies < 1 || m.copies > 99) add(`${at}.copies`, 'copiesRange');
    if (m.source === 'certificate' && !m.certificate_type.trim()) add(`${at}.certificate_type`, 'certificateType');
    if (m.tolerable && !m.required) add(`${at}.tolerable`, 'tolerableOptional');
  });
  const required = item.materials.filter((m) => m.required);
  if (required.length > 0 && required.every((m) => m.tolerable)) add('materials', 'allTolerable');
  return out;
}
