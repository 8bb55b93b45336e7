// 三级联审 (multi-level review of filings) and 联审会 (joint review meetings), docs/projects.md
// §8–9: the wire shapes of /api/v1/filings, /rule-sets, /meetings and /meeting-decisions, and the
// pure logic of their pages — the filing form read from the kind's rule set, the self-check
// findings, the three levels side by side, a post's inbox ordered by due date, the answer and
// minutes rules checked before sending, the agenda grouped by kind, the meeting calendar and
// the spreadsheets. The server stays the judge; these mirror it so the pages answer at once.
import { daysInMonth, isoDate } from './calendar';
import { sheetColumns, tableXlsx } from './xlsx';

// ---- rule sets and self-checks (docs/rules.md) ----

export type Severity = 'blocking' | 'advisory';

export interface Rule {
  code: string;
  name: string;
  severity: Severity;
  logic: unknown;
  message: { zh: string; en: string };
}

export interface RuleSet {
  kind: string;
  name: string;
  rules: Rule[];
}

export interface Finding {
  code: string;
  name: string;
  severity: Severity;
  message: { zh: string; en: string };
  error?: string;
}

export interface CheckReport {
  ok: boolean;
  passed: number;
  blocking: Finding[];
  advisory: Finding[];
}

/** A form field the rules read: `form.<key>`; numeric when the rules compute or compare with it. */
export interface FormField {
  key: string;
  numeric: boolean;
  /** The values the rules accept (a `{"in": [var, [..]]}` list), when there is one. */
  options: string[];
  /** Named in a `missing` rule. */
  required: boolean;
}

export interface FilingFormSchema {
  fields: FormField[];
  /** Attachment codes the rules look for (`{"in": ["code", {"var": "attachments"}]}`). */
  attachments: string[];
}

const NUMERIC_OPS = new Set(['+', '-', '*', '/', '%', '<', '<=', '>', '>=', 'min', 'max']);

function varPath(node: unknown): string | null {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return null;
  const v = (node as Record<string, unknown>).var;
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return null;
}

/**
 * The filing form a rule set asks for, in rule order: every `form.*` variable (numeric when
 * an arithmetic or comparison operator reads it, with the accepted values of an `in` list,
 * required when a `missing` rule names it) and the attachment codes the rules test. Rules are
 * data: a new kind gets its form without a release.
 */
export function formSchema(set: Pick<RuleSet, 'rules'>): FilingFormSchema {
  const fields = new Map<string, FormField>();
  const attachments: string[] = [];
  const field = (path: string): FormField | null => {
    if (!path.startsWith('form.') || path.length <= 5) return null;
    const key = path.slice(5);
    let f = fields.get(key);
    if (!f) {
      f = { key, numeric: false, options: [], required: false };
      fields.set(key, f);
    }
    return f;
  };
  const walk = (node: unknown, op: string | null): void => {
    if (Array.isArray(node)) {
      node.forEach((x) => walk(x, op));
      return;
    }
    if (!node || typeof node !== 'object') return;
    const entries = Object.entries(node as Record<string, unknown>);
    if (entries.length !== 1) return;
    const [name, args] = entries[0];
    if (name === 'var') {
      const path = varPath(node);
      const f = path ? field(path) : null;
      if (f && op && NUMERIC_OPS.has(op)) f.numeric = true;
      return;
    }
    const list = Array.isArray(args) ? args : [args];
    if (name === 'missing' || name === 'missing_some') {
      const names = (name === 'missing_some' ? list[1] : list) as unknown;
      for (const p of Array.isArray(names) ? names : [])
        if (typeof p === 'string') {
          const f = field(p);
          if (f) f.required = true;
        }
      return;
    }
    if (name === 'in' && list.length === 2) {
      const [needle, hay] = list;
      if (typeof needle === 'string' && varPath(hay) === 'attachments') {
        if (!attachments.includes(needle)) attachments.push(needle);
        return;
      }
      const path = varPath(needle);
      if (path && Array.isArray(hay) && hay.every((x) => typeof x === 'string')) {
        const f = field(path);
        if (f) for (const x of hay as string[]) if (!f.options.includes(x)) f.options.push(x);
        return;
      }
    }
    list.forEach((x) => walk(x, name));
  };
  for (const r of set.rules) walk(r.logic, null);
  return { fields: [...fields.values()], attachments };
}

/** The project as the rules read it (`project.*`). */
export interface CheckProject {
  code: string;
  name: string;
  owner_uscc: string;
  region_code: string;
  investment_yuan: number;
  type: string;
  approval_kind: string;
  fast_lane: boolean;
}

export type FormValues = Record<string, string | number | null>;

/**
 * The form as sent: empty fields left out (so `missing` sees them), numeric fields as numbers
 * (a number typed as text stays text: the rules then fail, as on the server).
 */
export function formPayload(schema: FilingFormSchema, values: FormValues): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  const numeric = new Set(schema.fields.filter((f) => f.numeric).map((f) => f.key));
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === undefined || v === '') continue;
    if (numeric.has(k) && typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) out[k] = Number(v);
    else out[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

/** What the rules read: `{project, form, attachments}` (the server builds the same). */
export function checkData(project: CheckProject, form: Record<string, unknown>, attachments: readonly string[]) {
  const p = project;
  return {
    project: { code: p.code, name: p.name, owner_uscc: p.owner_uscc, region_code: p.region_code, investment_yuan: p.investment_yuan, type: p.type, approval_kind: p.approval_kind, fast_lane: p.fast_lane },
    form,
    attachments: [...attachments],
  };
}

/** The findings a refused send carries (`self_check_failed`: details.blocking / advisory). */
export function refusedFindings(details: unknown): { blocking: Finding[]; advisory: Finding[] } {
  const d = (details ?? {}) as { blocking?: unknown; advisory?: unknown };
  return { blocking: Array.isArray(d.blocking) ? (d.blocking as Finding[]) : [], advisory: Array.isArray(d.advisory) ? (d.advisory as Finding[]) : [] };
}

/** A finding's message in the page's language (zh when there is no English). */
export function findingText(f: Pick<Finding, 'message'>, locale: string): string {
  return locale.startsWith('en') && f.message.en ? f.message.en : f.message.zh;
}

// ---- filings ----

export const LEVELS = ['county', 'city', 'province'] as const;
export type Level = (typeof LEVELS)[number];
export const FILING_STATES = ['draft', 'in_review', 'supplement_requested', 'approved'] as const;
export type FilingState = (typeof FILING_STATES)[number];
export type Decision = 'approve' | 'supplement';

export interface FilingAttachment {
  code: string;
  name: string;
  file_id: string | null;
}

export interface Post {
  level: Level;
  region_code: string;
  department_code: string;
  department_name: string;
}

export interface Review extends Post {
  round: number;
  sent_on: string;
  due_on: string;
  decision: Decision | null;
  answered_on: string | null;
  opinion: string;
  points: string[];
  reviewer: string;
  late: boolean;
  overdue: boolean;
}

export interface CurrentReview {
  level: Level;
  department_code: string;
  due_on: string;
  decision: Decision | null;
  late: boolean;
  overdue: boolean;
}

export interface NoticeGroup extends Post {
  points: { text: string; also_by: Level[] }[];
}

export interface Notice {
  round: number;
  groups: NoticeGroup[];
}

export interface FilingRound {
  round: number;
  sent_on: string;
  sent_by: string;
  checks: CheckReport;
  notice: Notice | null;
  notice_on: string | null;
}

export interface FilingSummary {
  id: number;
  project_code: string;
  project_name: string;
  kind: string;
  title: string;
  state: FilingState;
  round: number;
  pending_posts: string[];
  overdue: boolean;
  current_reviews: CurrentReview[];
  decided_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface FilingDetail extends FilingSummary {
  owner_uscc: string;
  form: Record<string, unknown>;
  attachments: FilingAttachment[];
  created_by: number;
  posts: Post[];
  reviews: Review[];
  rounds: FilingRound[];
}

export interface SendOutcome {
  filing: FilingDetail;
  checks: CheckReport;
  warnings: Finding[];
}

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info';

/** The tag of a filing's state; overdue wins while in review. */
export function filingTag(f: Pick<FilingSummary, 'state' | 'overdue'>): { type: TagType; key: string } {
  if (f.overdue && f.state === 'in_review') return { type: 'danger', key: 'reviews.filingState.overdue' };
  const type: Record<FilingState, TagType> = { draft: 'info', in_review: 'primary', supplement_requested: 'warning', approved: 'success' };
  return { type: type[f.state], key: `reviews.filingState.${f.state}` };
}

/** What a post's column shows for the current round. */
export type PostLook = 'waiting' | 'overdue' | 'approved' | 'supplement' | 'notSent' | 'standing';

export interface LevelColumn {
  post: Post;
  /** The post's latest review (the current round's, or its earlier approval that stands). */
  latest: Review | null;
  look: PostLook;
  /** Every review of the post, newest round first. */
  history: Review[];
}

/**
 * The three levels side by side: per post (county, city, province) its latest review and what
 * it means now — waiting (or overdue) in the current round, approved, asked for supplements,
 * an approval of an earlier round that stands (the post is not asked again), or not sent yet.
 */
export function levelColumns(f: Pick<FilingDetail, 'posts' | 'reviews' | 'round' | 'state'>): LevelColumn[] {
  return f.posts.map((post) => {
    const history = f.reviews.filter((r) => r.department_code === post.department_code).sort((a, b) => b.round - a.round);
    const latest = history[0] ?? null;
    let look: PostLook = 'notSent';
    if (latest) {
      if (!latest.decision) look = latest.overdue ? 'overdue' : 'waiting';
      else if (latest.round < f.round && latest.decision === 'approve') look = 'standing';
      else look = latest.decision === 'approve' ? 'approved' : 'supplement';
    }
    return { post, latest, look, history };
  });
}

/** The current-round review a department still has to answer, or null (it sees no form). */
export function myOpenReview(f: Pick<FilingDetail, 'reviews' | 'round' | 'state'>, department: string | null): Review | null {
  if (!department || f.state !== 'in_review') return null;
  return f.reviews.find((r) => r.round === f.round && r.department_code === department && !r.decision) ?? null;
}

/** Supplement points typed one per line: trimmed, blank lines and repeats dropped. */
export function parsePoints(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const p = line.replace(/^\s*(\d+[.、)]|[-*•])\s*/, '').trim();
    const key = p.replace(/\s+/g, ' ');
    if (!p || seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

export const MAX_POINTS = 50;
export const MAX_OPINION = 2000;
export const MAX_POINT = 500;

/** The answer rules (validate_answer): i18n reviews.answer.rule.<rule>. */
export type AnswerRule = 'pointsNeeded' | 'tooManyPoints' | 'pointTooLong' | 'opinionTooLong' | 'noPointsOnApprove';

export function answerProblems(decision: Decision, opinion: string, points: readonly string[]): AnswerRule[] {
  const out: AnswerRule[] = [];
  if (decision === 'supplement' && points.length === 0) out.push('pointsNeeded');
  if (points.length > MAX_POINTS) out.push('tooManyPoints');
  if (points.some((p) => new TextEncoder().encode(p).length > MAX_POINT)) out.push('pointTooLong');
  if (decision === 'approve' && points.length > 0) out.push('noPointsOnApprove');
  if (new TextEncoder().encode(opinion).length > MAX_OPINION) out.push('opinionTooLong');
  return out;
}

/** The consolidated notice numbered through, each point with the levels that also raised it. */
export function noticeLines(n: Notice): { n: number; text: string; level: Level; department: string; alsoBy: Level[] }[] {
  let i = 0;
  return n.groups.flatMap((g) => g.points.map((p) => ({ n: ++i, text: p.text, level: g.level, department: g.department_name || g.department_code, alsoBy: p.also_by })));
}

/** The latest round's notice, while the owner has to answer it. */
export function openNotice(f: Pick<FilingDetail, 'state' | 'rounds'>): Notice | null {
  if (f.state !== 'supplement_requested') return null;
  return f.rounds[f.rounds.length - 1]?.notice ?? null;
}

/** An inbox row: the filing and the post's own current review. */
export interface InboxRow {
  filing: FilingSummary;
  review: CurrentReview;
}

/**
 * A post's inbox: the filings whose current round waits for its answer, overdue first, then by
 * due date, then oldest filing first.
 */
export function inboxRows(filings: readonly FilingSummary[], department: string): InboxRow[] {
  const rows: InboxRow[] = [];
  for (const f of filings) {
    if (f.state !== 'in_review') continue;
    const review = f.current_reviews.find((r) => r.department_code === department && !r.decision);
    if (review) rows.push({ filing: f, review });
  }
  return rows.sort((a, b) => Number(b.review.overdue) - Number(a.review.overdue) || a.review.due_on.localeCompare(b.review.due_on) || a.filing.id - b.filing.id);
}

/** The earliest due date among the current round's unanswered posts (lists show it). */
export function nextDue(f: Pick<FilingSummary, 'current_reviews'>): string | null {
  const open = f.current_reviews.filter((r) => !r.decision).map((r) => r.due_on);
  return open.length ? open.sort()[0] : null;
}

export function filingsXlsx(
  rows: readonly FilingSummary[],
  headers: Record<'id' | 'project' | 'projectName' | 'title' | 'state' | 'round' | 'pending' | 'due' | 'overdue' | 'decided', string>,
  label: (kind: 'state' | 'overdue', value: string) => string,
  deptName: (code: string) => string,
  sheetName: string,
): Promise<ArrayBuffer> {
  return tableXlsx(
    sheetColumns(headers, { id: 8, project: 28, projectName: 28, title: 30, state: 12, round: 8, pending: 36, due: 12, overdue: 8, decided: 12 }),
    rows.map((f) => ({
      id: f.id,
      project: f.project_code,
      projectName: f.project_name,
      title: f.title,
      state: label('state', f.state),
      round: f.round,
      pending: f.pending_posts.map(deptName).join('、'),
      due: nextDue(f) ?? '',
      overdue: label('overdue', String(f.overdue)),
      decided: f.decided_on ?? '',
    })),
    sheetName,
    (row) => row.overdue === label('overdue', 'true'),
  );
}

// ---- meetings (联审会) ----

export const AGENDA_KINDS = ['overdue_stage', 'behind_plan', 'late_review', 'open_decision'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];

export interface AgendaItem {
  kind: AgendaKind;
  project_code: string;
  project_name: string;
  subject: string;
  detail: string;
  department: string;
  department_name: string;
  due_on: string;
  days_late: number;
}

export interface MeetingDecision {
  id: number;
  meeting_id: number;
  project_code: string;
  text: string;
  owner_department: string;
  due_on: string;
  state: 'open' | 'closed';
  overdue: boolean;
  closed_on: string | null;
  closed_by: string | null;
  close_note: string;
}

export interface MeetingSummary {
  id: number;
  date: string;
  chair_department: string;
  title: string;
  state: 'scheduled' | 'held';
  created_by: string;
  held_at: string | null;
}

export interface MeetingDetail extends MeetingSummary {
  chair_department_name: string;
  summary: string;
  agenda: AgendaItem[];
  decisions: MeetingDecision[];
  series?: { id: number; date: string }[];
}

/** The agenda by kind in AGENDA_KINDS order, each group most late first (as the server sends). */
export function agendaGroups(agenda: readonly AgendaItem[]): { kind: AgendaKind; items: AgendaItem[] }[] {
  return AGENDA_KINDS.map((kind) => ({ kind, items: agenda.filter((a) => a.kind === kind) })).filter((g) => g.items.length > 0);
}

/**
 * Where an agenda line leads: a late review to its filing (subject `filing:<id>/<post>`), an
 * overdue decision to the decisions of its project, a stage to its project.
 */
export function agendaTarget(a: Pick<AgendaItem, 'kind' | 'subject' | 'project_code'>): string {
  const filing = a.kind === 'late_review' ? /^filing:(\d+)\//.exec(a.subject) : null;
  if (filing) return `/filings/${filing[1]}`;
  if (a.kind === 'open_decision') return `/meeting-decisions?project=${encodeURIComponent(a.project_code)}`;
  return `/projects/${encodeURIComponent(a.project_code)}`;
}

/** Meetings split around today: upcoming soonest first, past newest first. */
export function splitMeetings<T extends Pick<MeetingSummary, 'date' | 'id'>>(meetings: readonly T[], today: string): { upcoming: T[]; past: T[] } {
  const upcoming = meetings.filter((m) => m.date >= today).sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
  const past = meetings.filter((m) => m.date < today).sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
  return { upcoming, past };
}

/** Meetings by date (YYYY-MM-DD), for the calendar's cells. */
export function meetingsByDate<T extends Pick<MeetingSummary, 'date'>>(meetings: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const m of meetings) out.set(m.date, [...(out.get(m.date) ?? []), m]);
  return out;
}

/** The first and last day of a month (1..12), for the list query (from, to). */
export function monthRange(year: number, month: number): { from: string; to: string } {
  return { from: isoDate(year, month, 1), to: isoDate(year, month, daysInMonth(year, month)) };
}

export const MAX_WEEKS = 12;

/** The schedule form's rules (i18n reviews.meeting.rule.<rule>); the calendar is the server's. */
export type ScheduleRule = 'dateRequired' | 'datePast' | 'weekend' | 'chairRequired' | 'weeks';

export function scheduleProblems(m: { date: string; chair_department: string; weeks: number }, today: string): { field: string; rule: ScheduleRule }[] {
  const out: { field: string; rule: ScheduleRule }[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(m.date)) out.push({ field: 'date', rule: 'dateRequired' });
  else if (m.date < today) out.push({ field: 'date', rule: 'datePast' });
  else {
    const day = new Date(`${m.date}T00:00:00Z`).getUTCDay();
    if (day === 0 || day === 6) out.push({ field: 'date', rule: 'weekend' });
  }
  if (!m.chair_department) out.push({ field: 'chair_department', rule: 'chairRequired' });
  if (!Number.isInteger(m.weeks) || m.weeks < 1 || m.weeks > MAX_WEEKS) out.push({ field: 'weeks', rule: 'weeks' });
  return out;
}

export interface DecisionDraft {
  project_code: string;
  text: string;
  owner_department: string;
  due_on: string;
}

export const MAX_DECISIONS = 50;
export const MAX_DECISION_TEXT = 1000;

/** The minutes rules (validate_minutes): i18n reviews.minutes.rule.<rule>, field as the server's. */
export type MinutesRule = 'noDecisions' | 'tooMany' | 'project' | 'text' | 'textLong' | 'owner' | 'due' | 'dueBefore' | 'summaryLong';

export function minutesProblems(summary: string, decisions: readonly DecisionDraft[], meetingDate: string): { field: string; rule: MinutesRule }[] {
  const out: { field: string; rule: MinutesRule }[] = [];
  const bytes = (s: string) => new TextEncoder().encode(s).length;
  if (bytes(summary) > 10000) out.push({ field: 'summary', rule: 'summaryLong' });
  if (decisions.length === 0) out.push({ field: 'decisions', rule: 'noDecisions' });
  if (decisions.length > MAX_DECISIONS) out.push({ field: 'decisions', rule: 'tooMany' });
  decisions.forEach((d, i) => {
    const at = `decisions[${i}]`;
    if (!d.project_code.trim()) out.push({ field: `${at}.project_code`, rule: 'project' });
    if (!d.text.trim()) out.push({ field: `${at}.text`, rule: 'text' });
    else if (bytes(d.text) > MAX_DECISION_TEXT) out.push({ field: `${at}.text`, rule: 'textLong' });
    if (!d.owner_department) out.push({ field: `${at}.owner_department`, rule: 'owner' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d.due_on)) out.push({ field: `${at}.due_on`, rule: 'due' });
    else if (d.due_on < meetingDate) out.push({ field: `${at}.due_on`, rule: 'dueBefore' });
  });
  return out;
}

/** A decision's tag: closed, overdue (open past due) or open. */
export function decisionTag(d: Pick<MeetingDecision, 'state' | 'overdue'>): { type: TagType; key: string } {
  if (d.state === 'closed') return { type: 'success', key: 'reviews.decisionState.closed' };
  return d.overdue ? { type: 'danger', key: 'reviews.decisionState.overdue' } : { type: 'primary', key: 'reviews.decisionState.open' };
}

export function decisionsXlsx(
  rows: readonly MeetingDecision[],
  headers: Record<'id' | 'meeting' | 'project' | 'text' | 'owner' | 'due' | 'state' | 'closed' | 'note', string>,
  stateLabel: (d: MeetingDecision) => string,
  deptName: (code: string) => string,
  sheetName: string,
): Promise<ArrayBuffer> {
  return tableXlsx(
    sheetColumns(headers, { id: 8, meeting: 10, project: 28, text: 48, owner: 24, due: 12, state: 10, closed: 12, note: 32 }),
    rows.map((d) => ({
      id: d.id,
      meeting: d.meeting_id,
      project: d.project_code,
      text: d.text,
      owner: deptName(d.owner_department),
      due: d.due_on,
      state: stateLabel(d),
      closed: d.closed_on ?? '',
      note: d.close_note,
      overdue: d.overdue,
    })),
    sheetName,
    (row) => row.overdue === true,
  );
}
