// The bundle editor (admins): the draft a form edits, the checks the server makes
// (core/bundles validate_bundle; docs/bundles.md §2) mirrored for Chinese messages on the
// page, and where a server error's field path points ("items[2].item_code" → 第 3 个事项 · 事项编码).
import type { BundleDetail, BundleField } from './bundles';

export interface DraftItem {
  item_code: string;
  optional: boolean;
  covered: { material_code: string; by: string }[];
  form_fields: string[];
}

export interface BundleDraft {
  code: string;
  name: string;
  category: string;
  description: string;
  committed_limit: { amount: number; unit: 'working_days' | 'working_hours' };
  items: DraftItem[];
  fields: BundleField[];
}

/** What the editor knows of a catalog item (GET /items/{code}). */
export interface ItemFacts {
  name: string;
  committed_limit: { amount: number; unit: string };
  materials: { code: string; name: string }[];
}

export interface DraftProblem {
  path: string;
  key: string;
  values?: Record<string, string | number>;
}

export const CODE_PATTERN = /^[a-z0-9-]{1,64}$/;
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

export function blankDraft(): BundleDraft {
  return {
    code: '',
    name: '',
    category: '',
    description: '',
    committed_limit: { amount: 1, unit: 'working_days' },
    items: [],
    fields: [],
  };
}

/** The editable definition of a bundle as GET /bundles/{code} returns it. */
export function draftFromDetail(d: BundleDetail): BundleDraft {
  return {
    code: d.code,
    name: d.name,
    category: d.category,
    description: d.description,
    committed_limit: { amount: d.committed_limit.amount, unit: d.committed_limit.unit === 'working_hours' ? 'working_hours' : 'working_days' },
    items: d.items.map((i) => ({
      item_code: i.item_code,
      optional: i.optional,
      covered: (i.covered ?? []).map((c) => ({ ...c })),
      form_fields: [...(i.form_fields ?? [])],
    })),
    fields: d.fields.map((f) => ({ ...f, targets: f.targets.map((t) => ({ ...t })) })),
  };
}

/** Working days of a limit (hours count 8 to the day); null for natural days. */
export function limitDays(limit: { amount: number; unit: string }): number | null {
  if (limit.unit === 'working_days') return limit.amount;
  if (limit.unit === 'working_hours') return limit.amount / 8;
  return null;
}

/** The server's rules, first problem first (the server stops at its first one too). */
export function draftProblems(d: BundleDraft, facts: Record<string, ItemFacts>, categories: readonly string[]): DraftProblem[] {
  const out: DraftProblem[] = [];
  if (!CODE_PATTERN.test(d.code)) out.push({ path: 'code', key: 'code' });
  if (!d.name.trim()) out.push({ path: 'name', key: 'required' });
  if (!d.category) out.push({ path: 'category', key: 'required' });
  else if (!categories.includes(d.category)) out.push({ path: 'category', key: 'unknownCategory' });
  if (d.items.length === 0) out.push({ path: 'items', key: 'noItems' });
  const codes = new Set<string>();
  let slowest = 0;
  let total = 0;
  d.items.forEach((e, i) => {
    const at = `items[${i}]`;
    if (codes.has(e.item_code)) out.push({ path: `${at}.item_code`, key: 'itemTwice' });
    codes.add(e.item_code);
    const f = facts[e.item_code];
    if (!e.item_code || !f) {
      out.push({ path: `${at}.item_code`, key: 'unknownItem' });
      return;
    }
    const days = limitDays(f.committed_limit);
    if (days === null) out.push({ path: `${at}.item_code`, key: 'naturalDays' });
    else {
      slowest = Math.max(slowest, days);
      total += days;
    }
    e.form_fields.forEach((n, j) => {
      if (!n.trim() || e.form_fields.indexOf(n) !== j) out.push({ path: `${at}.form_fields[${j}]`, key: 'fieldTwice' });
    });
    e.covered.forEach((c, j) => {
      if (!f.materials.some((m) => m.code === c.material_code)) out.push({ path: `${at}.covered[${j}].material_code`, key: 'noMaterial' });
      if (c.by !== 'form' && (c.by === e.item_code || !d.items.some((x) => x.item_code === c.by)))
        out.push({ path: `${at}.covered[${j}].by`, key: 'coveredBy' });
    });
  });
  if (d.items.length > 0 && d.items.every((e) => e.optional)) out.push({ path: 'items', key: 'allOptional' });
  const keys = new Set<string>();
  const landed = new Set<string>();
  d.fields.forEach((f, i) => {
    const at = `fields[${i}]`;
    if (!KEY_PATTERN.test(f.key)) out.push({ path: `${at}.key`, key: 'key' });
    else if (keys.has(f.key)) out.push({ path: `${at}.key`, key: 'keyTwice' });
    keys.add(f.key);
    if (!f.label.trim()) out.push({ path: `${at}.label`, key: 'required' });
    if (f.targets.length === 0) out.push({ path: `${at}.targets`, key: 'noTargets' });
    f.targets.forEach((t, j) => {
      const tat = `${at}.targets[${j}]`;
      const entry = d.items.find((e) => e.item_code === t.item_code);
      if (!entry) out.push({ path: `${tat}.item_code`, key: 'targetOutside' });
      else if (entry.form_fields.length > 0 && !entry.form_fields.includes(t.field))
        out.push({ path: `${tat}.field`, key: 'noSuchField', values: { field: t.field } });
      else if (landed.has(`${t.item_code}.${t.field}`)) out.push({ path: `${tat}.field`, key: 'landedTwice' });
      landed.add(`${t.item_code}.${t.field}`);
    });
  });
  const limit = limitDays(d.committed_limit);
  if (limit === null || !(d.committed_limit.amount > 0)) out.push({ path: 'committed_limit', key: 'limitPositive' });
  else if (codes.size > 0 && limit < slowest) out.push({ path: 'committed_limit', key: 'limitBelowSlowest', values: { n: slowest } });
  else if (codes.size > 0 && limit > total) out.push({ path: 'committed_limit', key: 'limitAboveSum', values: { n: total } });
  return out;
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * Where a field path points, in words: "fields[0].targets[1].field" → 第 1 个表单字段 · 第 2 个落点 ·
 * 事项字段 (keys under bundles.editor.where).
 */
export function pathLabel(path: string, t: Translate): string {
  const parts: string[] = [];
  for (const seg of path.split('.')) {
    const m = /^([a-z_]+)(?:\[(\d+)\])?$/.exec(seg);
    if (!m) {
      parts.push(seg);
      continue;
    }
    const [, name, index] = m;
    parts.push(index === undefined ? t(`bundles.editor.where.${name}`) : t(`bundles.editor.where.nth.${name}`, { n: Number(index) + 1 }));
  }
  return parts.join(' · ');
}

/** The body of POST /bundles and PUT /bundles/{code} (with the version the edit started from). */
export function draftPayload(d: BundleDraft, baseVersion?: number): Record<string, unknown> {
  const body: Record<string, unknown> = {
    code: d.code.trim(),
    name: d.name.trim(),
    category: d.category,
    description: d.description.trim(),
    committed_limit: { ...d.committed_limit },
    items: d.items.map((i) => ({ item_code: i.item_code, optional: i.optional, covered: i.covered, form_fields: i.form_fields })),
    fields: d.fields.map((f) => ({ key: f.key.trim(), label: f.label.trim(), required: f.required, targets: f.targets })),
  };
  if (baseVersion !== undefined) body.base_version = baseVersion;
  return body;
}

/** A material of item `i` another item of the bundle produces: value "material|provider". */
export interface CoveredOption {
  value: string;
  label: string;
}

/** The choices "this material comes from that item" for item `i` (every other item). */
export function coveredByItemOptions(d: BundleDraft, i: number, facts: Record<string, ItemFacts>): CoveredOption[] {
  const own = d.items[i];
  const out: CoveredOption[] = [];
  for (const m of facts[own.item_code]?.materials ?? []) {
    for (const other of d.items) {
      if (!other.item_code || other.item_code === own.item_code) continue;
      out.push({ value: `${m.code}|${other.item_code}`, label: `${m.code} ${m.name} ← ${facts[other.item_code]?.name ?? other.item_code}` });
    }
  }
  return out;
}

/** The "by another item" choices of an item as select values. */
export function coveredByItems(item: DraftItem): string[] {
  return item.covered.filter((c) => c.by !== 'form').map((c) => `${c.material_code}|${c.by}`);
}

/** Replaces an item's "by another item" coverage, keeping what the unified form covers. */
export function withCoveredByItems(item: DraftItem, values: readonly string[]): DraftItem['covered'] {
  return [
    ...item.covered.filter((c) => c.by === 'form'),
    ...values.map((v) => {
      const [material_code, by] = v.split('|');
      return { material_code, by };
    }),
  ];
}
