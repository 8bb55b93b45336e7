// Casework (办件) on the web: the /api/v1/cases and /api/v1/tasks shapes (docs/casework.md,
// OpenAPI CaseDetail) and the pure rules the case pages share — state and urgency tags, the
// urgency order of queues, and the payload builders of the applicant and window forms.

export const CASE_STATES = [
  'submitted',
  'accepted',
  'refused',
  'supplement_requested',
  'under_review',
  'suspended',
  'approved',
  'denied',
  'delivered',
  'withdrawn',
  'returned',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** Final states: nothing more happens to the case (docs/casework.md §1). */
export const FINAL_STATES: readonly CaseState[] = ['refused', 'delivered', 'withdrawn', 'returned'];

export type Urgency = 'running' | 'warning' | 'overdue' | 'paused' | 'stopped';

export interface Budget {
  amount: number;
  unit: string;
}

export interface CaseClock {
  budget: Budget;
  started_at: string | null;
  stopped_at: string | null;
  state: Urgency | null;
  due_date: string | null;
  deadline: string | null;
  warning_at: string | null;
  first_overdue_at: string | null;
}

export interface CaseSummary {
  id: number;
  number: string;
  item_code: string;
  item_version: number;
  item_name: string;
  department_code: string;
  region_code: string;
  handling: 'instant' | 'commitment';
  applicant_id: number;
  state: CaseState;
  submitted_at: string;
  accepted_at: string | null;
  decided_at: string | null;
  closed_at: string | null;
  clock: CaseClock;
}

export interface CaseTask {
  id: number;
  case_id: number;
  step_index: number;
  post_index: number;
  step_name: string;
  post_name: string;
  department_code: string;
  state: 'pending' | 'active' | 'done' | 'cancelled';
  assignee_id: number | null;
  result: 'pass' | 'fail' | null;
  opinion: string;
  urge_count: number;
  last_urged_at: string | null;
  urge_note: string;
  clock: CaseClock;
  /** Queue entries only. */
  case_number?: string;
  item_name?: string;
  case_state?: CaseState;
}

export interface Gap {
  material_code?: string;
  reason: string;
}

export interface CaseEvent {
  seq: number;
  type: string;
  actor: string;
  at: string;
  payload: Record<string, unknown> | null;
}

export interface CaseMaterial {
  material_code: string;
  file_id: string | null;
  status: 'provided' | 'tolerated' | 'fulfilled';
}

export interface Supplement {
  round: number;
  stage: 'window' | 'review';
  gaps: Gap[];
  requested_by: string;
  requested_at: string;
  due_date: string;
  expires_at: string;
  answered_at: string | null;
  returned_at: string | null;
}

export interface Suspension {
  seq: number;
  start: string;
  end: string | null;
  reason: string;
  note: string;
}

export interface Commitment {
  materials: string[];
  due_date: string;
  signed_at: string;
  state: 'open' | 'fulfilled' | 'breached';
  closed_at: string | null;
}

export interface CaseDetail extends CaseSummary {
  form: Record<string, unknown> | null;
  decision: { decision: 'approve' | 'deny' | null; reason: string; legal_basis: string; number: string | null };
  delivery: { method: 'window' | 'post' | 'download' | null; tracking_number: string | null };
  refusal_reason: string;
  rating: number | null;
  rating_comment: string;
  materials: CaseMaterial[];
  events: CaseEvent[];
  tasks: CaseTask[];
  suspensions: Suspension[];
  supplements: Supplement[];
  commitment: Commitment | null;
  /** true for staff: the applicant's 身份证 and the form's phone and address are masked. */
  personal_data_masked?: boolean;
  applicant?: CaseApplicant;
}

/** The applicant as the viewer may see them (masked for staff until revealed). */
export interface CaseApplicant {
  id: number;
  display_name: string;
  kind: 'person' | 'org' | string;
  id_number: string | null;
  uscc: string | null;
}

/** POST /api/v1/cases/{id}/reveal: the unmasked identity and form. */
export interface RevealedPersonalData {
  applicant: CaseApplicant;
  form: Record<string, unknown> | null;
}

/** GET /api/v1/me/personal-data-access: one look at the person's information. */
export interface PersonalDataAccess {
  at: string;
  viewer_name: string;
  viewer_role: string;
  viewer_department: string;
  action: 'view_case' | 'download_file' | 'view_library' | 'view_credit' | 'reveal' | string;
  target: string;
  reason: string;
}

/** The case an access record names, if it names one. */
export function accessTargetCase(target: string): number | null {
  const m = /^case:(\d+)$/.exec(target);
  return m ? Number(m[1]) : null;
}

/** What an access record looked at, in words (no raw keys on screen). */
export function accessTargetLabel(target: string, t: (key: string) => string): string {
  if (target.startsWith('case:')) return t('cases.accessLog.targetCase');
  if (target.startsWith('file:')) return t('cases.accessLog.targetFile');
  if (target === 'library') return t('cases.accessLog.targetLibrary');
  if (target === 'credit') return t('cases.accessLog.targetCredit');
  return target;
}

export interface ItemMaterial {
  code: string;
  name: string;
  required?: boolean;
  form?: string;
  copies?: number;
  source?: string;
  certificate_type?: string;
  tolerable?: boolean;
  notes?: string;
}

export interface ServiceItem {
  code: string;
  version?: number;
  name: string;
  type: string;
  department_code: string;
  region_code?: string;
  service_object?: 'person' | 'organisation' | 'both';
  legal_basis?: string;
  acceptance_conditions?: string;
  materials?: ItemMaterial[];
  committed_limit: Budget;
  legal_limit: Budget;
  handling: 'instant' | 'commitment';
  visits: number;
  channels?: string[];
}

export interface StoredFile {
  id: string;
  size: number;
  content_type: string;
  original_name: string;
}

/** GET /api/v1/messages: in-app notifications (accepted, supplement_requested, decided …). */
export interface CaseMessage {
  id: number;
  kind: string;
  title: string;
  body: string;
  case_id: number | null;
  created_at: string;
  read: boolean;
  read_at: string | null;
}

// ---- tags ------------------------------------------------------------------------------

/** Element Plus tag types. */
export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

const STATE_TAGS: Record<CaseState, TagType> = {
  submitted: 'primary',
  accepted: 'primary',
  under_review: 'primary',
  supplement_requested: 'warning',
  suspended: 'warning',
  approved: 'success',
  delivered: 'success',
  denied: 'danger',
  refused: 'danger',
  withdrawn: 'info',
  returned: 'info',
};

/** The tag of a case state: its colour and the i18n key of its label (cases.state.<state>). */
export function stateTag(state: string): { type: TagType; key: string } {
  const known = (CASE_STATES as readonly string[]).includes(state);
  return {
    type: known ? STATE_TAGS[state as CaseState] : 'info',
    key: known ? `cases.state.${state}` : 'cases.state.unknown',
  };
}

/** Orange for warning, red for overdue: the colours every queue uses. */
export const URGENCY_COLOURS: Record<Urgency, string> = {
  running: '#67c23a',
  warning: '#e6a23c',
  overdue: '#f56c6c',
  paused: '#909399',
  stopped: '#909399',
};

const URGENCY_TAGS: Record<Urgency, TagType> = {
  running: 'success',
  warning: 'warning',
  overdue: 'danger',
  paused: 'info',
  stopped: 'info',
};

/** The tag of a clock state; null (no clock yet) reads as "not started". */
export function urgencyTag(urgency: string | null | undefined): { type: TagType; key: string } {
  if (urgency && urgency in URGENCY_TAGS) {
    return { type: URGENCY_TAGS[urgency as Urgency], key: `cases.urgency.${urgency}` };
  }
  return { type: 'info', key: 'cases.urgency.none' };
}

// ---- queue order -----------------------------------------------------------------------

const URGENCY_RANK: Record<string, number> = { overdue: 0, warning: 1, running: 2, paused: 3, stopped: 4 };

function rank(u: string | null | undefined): number {
  return u != null && u in URGENCY_RANK ? URGENCY_RANK[u] : 5;
}

/**
 * Most urgent first: overdue, warning, running, paused, stopped, no clock; within a rank the
 * earliest deadline first (none last), then the oldest (smallest id). Does not mutate.
 */
export function sortByUrgency<T extends { id: number; clock: CaseClock }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => {
    const r = rank(a.clock.state) - rank(b.clock.state);
    if (r !== 0) return r;
    const da = a.clock.deadline ?? a.clock.due_date;
    const db = b.clock.deadline ?? b.clock.due_date;
    if (da !== db) {
      if (da == null) return 1;
      if (db == null) return -1;
      return Date.parse(da) - Date.parse(db) || (da < db ? -1 : 1);
    }
    return a.id - b.id;
  });
}

/** Counts per key, in first-seen order (for the department chart). */
export function countByState<T>(rows: readonly T[], key: (row: T) => string): { name: string; value: number }[] {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return [...m].map(([name, value]) => ({ name, value }));
}

// ---- dates -----------------------------------------------------------------------------

/** Today's date in China Standard Time as YYYY-MM-DD (due dates are China dates). */
export function chinaDate(now: Date): string {
  const shifted = new Date(now.getTime() + 8 * 3600_000);
  return shifted.toISOString().slice(0, 10);
}

/** A server instant shown in China time: YYYY-MM-DD HH:mm. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

// ---- forms -----------------------------------------------------------------------------

/** What the applicant did for one material of the checklist. */
export interface MaterialChoice {
  /** The uploaded file's id (sha256), once the upload finished. */
  fileId?: string | null;
  /** Already on file / the paper original is brought to the window: no upload. */
  onFile?: boolean;
}

export interface SubmissionPayload {
  item_code: string;
  form: Record<string, string>;
  materials: { material_code: string; file_id: string | null }[];
}

/**
 * The body of POST /api/v1/cases: trimmed non-empty form fields, and one reference per
 * material in checklist order — an upload wins over "on file"; untouched materials are left
 * out (the window asks for them with a supplement notice).
 */
export function buildSubmission(
  item: Pick<ServiceItem, 'code' | 'materials'>,
  form: Record<string, string | null | undefined>,
  choices: Record<string, MaterialChoice | undefined>,
): SubmissionPayload {
  const cleanForm: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) {
    const s = (v ?? '').trim();
    if (s) cleanForm[k] = s;
  }
  const materials: SubmissionPayload['materials'] = [];
  for (const m of item.materials ?? []) {
    const c = choices[m.code];
    if (c?.fileId) materials.push({ material_code: m.code, file_id: c.fileId });
    else if (c?.onFile) materials.push({ material_code: m.code, file_id: null });
  }
  return { item_code: item.code, form: cleanForm, materials };
}

/** Required materials the applicant neither uploaded nor marked as on file. */
export function missingRequired(
  item: Pick<ServiceItem, 'materials'>,
  choices: Record<string, MaterialChoice | undefined>,
): string[] {
  return (item.materials ?? [])
    .filter((m) => m.required !== false)
    .filter((m) => !choices[m.code]?.fileId && !choices[m.code]?.onFile)
    .map((m) => m.code);
}

/** A fresh Idempotency-Key (a v4 UUID): one per filled-in form, reused by every retry. */
export function newIdempotencyKey(
  random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n)),
): string {
  const b = random(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface AcceptancePayload {
  materials: { material_code: string }[];
  tolerate: string[];
  commitment_days?: number;
}

/**
 * The body of POST /cases/{id}/accept: materials ticked at the window that were not uploaded,
 * and the tolerated (容缺) ones with the commitment period when any is tolerated.
 */
export function buildAcceptance(
  ticked: readonly string[],
  alreadyProvided: readonly string[],
  tolerate: readonly string[],
  commitmentDays: number,
): AcceptancePayload {
  const provided = new Set(alreadyProvided);
  const tol = [...new Set(tolerate)].filter((c) => !provided.has(c) && !ticked.includes(c));
  const out: AcceptancePayload = {
    materials: [...new Set(ticked)].filter((c) => !provided.has(c)).map((material_code) => ({ material_code })),
    tolerate: tol,
  };
  if (tol.length > 0) out.commitment_days = commitmentDays;
  return out;
}

/** The one supplement notice: every gap at once; gaps without a reason are dropped. */
export function buildGaps(
  materialGaps: Record<string, string | undefined>,
  freeGaps: readonly string[],
): Gap[] {
  const gaps: Gap[] = [];
  for (const [code, reason] of Object.entries(materialGaps)) {
    const r = (reason ?? '').trim();
    if (r) gaps.push({ material_code: code, reason: r });
  }
  for (const f of freeGaps) if (f.trim()) gaps.push({ reason: f.trim() });
  return gaps;
}

/** The open supplement round, if any (one at a time). */
export function openSupplement(c: Pick<CaseDetail, 'supplements'>): Supplement | null {
  return c.supplements.find((s) => !s.answered_at && !s.returned_at) ?? null;
}

/** Error codes the case pages explain in their own words (cases.error.<code>). */
export const EXPLAINED_CODES = [
  'materials_missing',
  'supplement_unchanged',
  'supplement_repeated',
  'not_tolerable',
  'commitment_ineligible',
  'invalid_transition',
  'case_not_in_scope',
  'idempotency_conflict',
  'file_type_forbidden',
  'file_type_mismatch',
  'file_rejected',
  'payload_too_large',
  'forbidden',
] as const;

export function explainedCodeKey(code: string): string | null {
  return (EXPLAINED_CODES as readonly string[]).includes(code) ? `cases.error.${code}` : null;
}

/** The five 好差评 grades, 1..5 (labels cases.rating.r1..r5). */
export const RATING_KEYS = ['r1', 'r2', 'r3', 'r4', 'r5'] as const;

/** Suspension reasons a reviewer may open (the server's default list minus supplement). */
export const SUSPENSION_REASONS = [
  'expert_review',
  'public_notice',
  'hearing',
  'site_inspection',
  'testing',
  'payment',
] as const;

/**
 * Whether an applicant of this role may apply for an item (服务对象): persons for `person`
 * items, organisations for `organisation` items, both for `both`. Staff (a clerk applying
 * for someone) are not restricted here: the server checks the named applicant.
 */
export function servesApplicant(serviceObject: ServiceItem['service_object'], role: string | null): boolean {
  if (!serviceObject || serviceObject === 'both') return true;
  if (role === 'applicant_person') return serviceObject === 'person';
  if (role === 'applicant_org') return serviceObject === 'organisation';
  return true;
}
