// Bundles (一件事): the wire shapes of /api/v1/bundles and /api/v1/bundle-cases, and the pure
// logic of the pages (before/after rows, the wizard's selection, documents and payload, the
// parent's combined timeline). The rules themselves live on the server (docs/bundles.md).
import type { CaseDetail, CaseEvent } from './cases';

export interface Pair {
  separate: number;
  bundle: number;
}

export interface BundleFigures {
  items: number;
  documents: Pair;
  visits: Pair;
  limit_days: Pair;
}

export interface BundleItemRef {
  item_code: string;
  optional: boolean;
  covered: { material_code: string; by: string }[];
}

export interface BundleSummary {
  code: string;
  /** The latest version (an edit adds the next one; applications keep theirs). */
  version?: number;
  name: string;
  category: string;
  description: string;
  committed_limit: { amount: number; unit: string };
  items: BundleItemRef[];
  figures: BundleFigures;
}

export interface BundleField {
  key: string;
  label: string;
  required: boolean;
  targets: { item_code: string; field: string }[];
}

export interface BundleItemInfo {
  item_code: string;
  name: string;
  department_code: string;
  region_code: string;
  handling: 'instant' | 'commitment';
  committed_limit: { amount: number; unit: string };
  visits: number;
  materials: number;
  optional: boolean;
  /** The definition's: materials not asked for inside the bundle, the item's form fields. */
  covered?: { material_code: string; by: string }[];
  form_fields?: string[];
}

export interface MaterialUse {
  item_code: string;
  material_code: string;
}

export interface UnifiedDocument {
  key: string;
  name: string;
  source: 'applicant_upload' | 'certificate' | 'shared_data';
  certificate_type: string;
  required: boolean;
  uses: MaterialUse[];
}

export interface BundleDetail extends Omit<BundleSummary, 'items'> {
  items: BundleItemInfo[];
  fields: BundleField[];
  materials: { documents: UnifiedDocument[]; covered: MaterialUse[]; unified_form: boolean };
}

export type ChildDelivery = 'delivered' | 'held' | 'ready' | 'open' | 'closed';

export interface BundleProgress {
  state: 'in_progress' | 'completed' | 'delivered';
  children: number;
  decided: number;
  delivered: number;
  ended: number;
  /** Per child, in the bundle's order: where its result is. */
  items?: { item_code: string; case_id: number; state: string; delivery: ChildDelivery }[];
}

export interface BundleCaseSummary {
  id: number;
  number: string;
  bundle_code: string;
  /** The bundle version the application was made under. */
  bundle_version?: number;
  applicant_id: number;
  delivery: 'together' | 'separately';
  items: string[];
  created_at: string;
  delivered_at: string | null;
}

export interface BundleCase extends BundleCaseSummary {
  bundle_name: string;
  form: { form: Record<string, string>; items: Record<string, Record<string, string>> } | null;
  progress: BundleProgress;
  children: CaseDetail[];
}

/** GET /api/v1/documents: the applicant's material library. */
export interface LibraryDocument {
  id: number;
  document_key: string;
  name: string;
  file_id: string;
  valid_until: string | null;
  added_at: string;
}

/** The newest library entry for the document still valid on `today` (the day counts). */
export function validLibraryEntry(
  entries: readonly LibraryDocument[],
  key: string,
  today: string,
): LibraryDocument | null {
  const valid = entries.filter((e) => e.document_key === key && (!e.valid_until || e.valid_until >= today));
  return valid.reduce<LibraryDocument | null>((best, e) => (!best || e.id > best.id ? e : best), null);
}

export interface DocumentRefPayload {
  document_key: string;
  file_id?: string;
  library_id?: number;
  valid_until?: string;
}

export interface ApplicationPayload {
  items: string[];
  form: Record<string, string>;
  documents: DocumentRefPayload[];
  delivery: 'together' | 'separately';
}

/** One row of the before/after card: item by item vs as a bundle, and the share saved. */
export interface FigureRow {
  key: 'documents' | 'visits' | 'limit_days';
  separate: number;
  bundle: number;
  /** 0..100, rounded; 0 when nothing is saved (or nothing to save). */
  savedPercent: number;
}

export function figureRows(f: BundleFigures): FigureRow[] {
  return (['documents', 'visits', 'limit_days'] as const).map((key) => {
    const { separate, bundle } = f[key];
    const saved = separate > 0 ? Math.round(((separate - bundle) / separate) * 100) : 0;
    return { key, separate, bundle, savedPercent: Math.max(0, saved) };
  });
}

/** The optional items ticked, in the bundle's order (what `items` of an application lists). */
export function optionalChosen(items: readonly BundleItemInfo[], ticked: readonly string[]): string[] {
  return items.filter((i) => i.optional && ticked.includes(i.item_code)).map((i) => i.item_code);
}

/** GET path of a bundle with materials and figures over a selection (`items=` even when empty). */
export function selectionPath(code: string, chosen: readonly string[]): string {
  return `/bundles/${encodeURIComponent(code)}?items=${chosen.map(encodeURIComponent).join(',')}`;
}

/** Every required item plus the optional ones ticked, in the bundle's order. */
export function selectedItems(items: readonly BundleItemInfo[], ticked: readonly string[]): string[] {
  return items.filter((i) => !i.optional || ticked.includes(i.item_code)).map((i) => i.item_code);
}

/**
 * The unified documents the selection needs. A document some selected item needs appears
 * once. (Documents that a selected item produces for another are already left out by the
 * server's list for the whole bundle; the server checks the final selection again.)
 */
export function documentsFor(detail: BundleDetail, selection: readonly string[]): UnifiedDocument[] {
  return detail.materials.documents.filter((d) => d.uses.some((u) => selection.includes(u.item_code)));
}

/** Only documents the applicant hands in: certificates and shared data come from the system. */
export function documentsToHandIn(docs: readonly UnifiedDocument[]): UnifiedDocument[] {
  return docs.filter((d) => d.source === 'applicant_upload');
}

/** The unified form's fields that land on a selected item (the others are not asked). */
export function fieldsFor(detail: BundleDetail, selection: readonly string[]): BundleField[] {
  return detail.fields.filter((f) => f.targets.some((t) => selection.includes(t.item_code)));
}

/** Required fields of the selection still empty, by key. */
export function missingFields(fields: readonly BundleField[], values: Record<string, string>): string[] {
  return fields.filter((f) => f.required && !(values[f.key] ?? '').trim()).map((f) => f.key);
}

export function applicationPayload(
  detail: BundleDetail,
  ticked: readonly string[],
  values: Record<string, string>,
  files: Record<string, string>,
  delivery: 'together' | 'separately',
  library: Record<string, number> = {},
): ApplicationPayload {
  const selection = selectedItems(detail.items, ticked);
  const form: Record<string, string> = {};
  for (const f of fieldsFor(detail, selection)) {
    const v = (values[f.key] ?? '').trim();
    if (v) form[f.key] = v;
  }
  // A new upload wins over a library document for the same key.
  const documents: DocumentRefPayload[] = [];
  for (const d of documentsFor(detail, selection)) {
    if (files[d.key]) documents.push({ document_key: d.key, file_id: files[d.key] });
    else if (library[d.key] !== undefined) documents.push({ document_key: d.key, library_id: library[d.key] });
  }
  return {
    items: optionalChosen(detail.items, ticked),
    form,
    documents,
    delivery,
  };
}

/** 0..100: the share of children that have ended (decided or closed). */
export function progressPercent(p: BundleProgress): number {
  return p.children > 0 ? Math.round((p.ended / p.children) * 100) : 0;
}

export interface TimelineEntry extends CaseEvent {
  case_id: number;
  item_name: string;
}

/** Every child's events in one list, oldest first (ties: by case, then by sequence). */
export function combinedTimeline(children: readonly CaseDetail[]): TimelineEntry[] {
  const all: TimelineEntry[] = [];
  for (const c of children) {
    for (const e of c.events) all.push({ ...e, case_id: c.id, item_name: c.item_name });
  }
  return all.sort((a, b) => a.at.localeCompare(b.at) || a.case_id - b.case_id || a.seq - b.seq);
}

/** GET /api/v1/bundles/{code}/on-file: what the applicant already handed in, per document. */
export interface OnFileEntry {
  origin: 'library' | 'case';
  library_id?: number;
  case_id?: number;
  file_id: string;
  /** The document's name (library) or the earlier case's number. */
  label: string;
  valid_until: string | null;
  handed_in_at: string;
}

export interface OnFileDocument {
  key: string;
  name: string;
  source: UnifiedDocument['source'];
  required: boolean;
  /** The newest one still valid today, from the library or any earlier application. */
  on_file: OnFileEntry | null;
  /** The newest expired one, when nothing valid is on file. */
  expired: OnFileEntry | null;
}

/**
 * The documents reused from what is on file (unless unticked): library entries by id, files of
 * earlier cases by file id. A new upload for the same key still wins in applicationPayload.
 */
export function reusedDocuments(
  onFile: readonly OnFileDocument[],
  untick: Record<string, boolean>,
): { library: Record<string, number>; files: Record<string, string> } {
  const library: Record<string, number> = {};
  const files: Record<string, string> = {};
  for (const d of onFile) {
    if (!d.on_file || untick[d.key] === false) continue;
    if (d.on_file.origin === 'library' && d.on_file.library_id !== undefined) library[d.key] = d.on_file.library_id;
    else files[d.key] = d.on_file.file_id;
  }
  return { library, files };
}

export type CollectStatus = 'onFile' | 'expired' | 'collect' | 'system';

/** The window's checklist: what is on file, what expired, what to collect now (only the rest). */
export function collectStatus(d: OnFileDocument): CollectStatus {
  if (d.source !== 'applicant_upload') return 'system';
  if (d.on_file) return 'onFile';
  return d.expired ? 'expired' : 'collect';
}

/** Documents the window still has to collect (required or not), in list order. */
export function toCollect(docs: readonly OnFileDocument[]): OnFileDocument[] {
  return docs.filter((d) => ['expired', 'collect'].includes(collectStatus(d)));
}

/**
 * Pre-fills the unified form from earlier applications of any bundle, newest first: each field
 * takes the newest non-empty value given under its key. Values already typed stay.
 */
export function prefillForm(
  fields: readonly Pick<BundleField, 'key'>[],
  earlier: readonly Record<string, string>[],
  current: Record<string, string> = {},
): Record<string, string> {
  const out: Record<string, string> = { ...current };
  for (const f of fields) {
    if ((out[f.key] ?? '').trim()) continue;
    const found = earlier.find((form) => (form[f.key] ?? '').trim());
    if (found) out[f.key] = found[f.key];
  }
  return out;
}
