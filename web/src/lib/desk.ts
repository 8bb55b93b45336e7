// The integrated front desk (综合窗口): wire shapes of /api/v1/desk and /api/v1/desk-categories
// and the pure logic of the desk and the category admin page. The rules live on the server
// (core/bundles/desk.hpp, docs/bundles.md §8); these checks mirror them for the form.
import type { BundleCase } from './bundles';
import type { CaseSummary } from './cases';

export interface DeskCategory {
  id: number;
  name: string;
  position: number;
  items: string[];
  clerks: number[];
}

export type DeskCase = CaseSummary & { desk_category: string };

export interface Desk {
  /** '' = every category of `categories`. */
  category: string;
  categories: string[];
  /** A clerk without categories (全科受理): works every category. */
  general: boolean;
  items: string[];
  to_accept: DeskCase[];
  to_hand_out: DeskCase[];
  ready_together: BundleCase[];
}

export interface CategoryDraft {
  name: string;
  position: number;
  items: string[];
  clerks: number[];
}

export const CATEGORY_NAME_MAX = 32;

export type CategoryProblem =
  | { field: 'name'; key: 'required' | 'tooLong' | 'taken' }
  | { field: 'position'; key: 'range' }
  | { field: 'items' | 'clerks'; key: 'twice'; index: number };

/** What the server would refuse (desk_category_invalid), first problem per field. */
export function categoryProblems(draft: CategoryDraft, others: readonly DeskCategory[], id?: number): CategoryProblem[] {
  const out: CategoryProblem[] = [];
  const name = draft.name.trim();
  if (!name) out.push({ field: 'name', key: 'required' });
  else if ([...name].length > CATEGORY_NAME_MAX) out.push({ field: 'name', key: 'tooLong' });
  else if (others.some((c) => c.id !== id && c.name === name)) out.push({ field: 'name', key: 'taken' });
  if (!Number.isInteger(draft.position) || draft.position < 0 || draft.position > 999)
    out.push({ field: 'position', key: 'range' });
  for (const field of ['items', 'clerks'] as const) {
    const list: readonly (string | number)[] = draft[field];
    const index = list.findIndex((v, i) => list.indexOf(v) !== i);
    if (index >= 0) out.push({ field, key: 'twice', index });
  }
  return out;
}

/** The body of POST / PUT /desk-categories. */
export function categoryPayload(draft: CategoryDraft): CategoryDraft {
  return { name: draft.name.trim(), position: draft.position, items: [...draft.items], clerks: [...draft.clerks] };
}

/** The desk's tabs: '' (all of them) first, when the actor works more than one category. */
export function deskTabs(desk: Pick<Desk, 'categories'>): string[] {
  return desk.categories.length > 1 ? ['', ...desk.categories] : [...desk.categories];
}

/** case id → its window's category, for the case cards. */
export function categoryLabels(cases: readonly DeskCase[]): Record<number, string> {
  return Object.fromEntries(cases.map((c) => [c.id, c.desk_category]));
}

/** The names of a clerk's categories (a clerk in none works the general window). */
export function categoriesOfClerk(categories: readonly DeskCategory[], clerk: number): string[] {
  return categories.filter((c) => c.clerks.includes(clerk)).map((c) => c.name);
}
