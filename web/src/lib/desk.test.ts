import { describe, expect, it } from 'vitest';
import { categoriesOfClerk, categoryLabels, categoryPayload, categoryProblems, deskTabs, type DeskCase, type DeskCategory } from './desk';

const cats: DeskCategory[] = [
  { id: 1, name: '投资建设', position: 10, items: [], clerks: [7] },
  { id: 2, name: '商事登记', position: 20, items: ['A'], clerks: [7, 8] },
];

describe('categoryProblems', () => {
  it('accepts a good draft and its own name when editing', () => {
    expect(categoryProblems({ name: '社会事务', position: 30, items: ['A'], clerks: [7] }, cats)).toEqual([]);
    expect(categoryProblems({ name: '商事登记', position: 20, items: [], clerks: [] }, cats, 2)).toEqual([]);
  });
  it('names each problem like the server', () => {
    expect(categoryProblems({ name: '  ', position: 0, items: [], clerks: [] }, cats)).toEqual([{ field: 'name', key: 'required' }]);
    expect(categoryProblems({ name: '商事登记', position: 0, items: [], clerks: [] }, cats)).toEqual([{ field: 'name', key: 'taken' }]);
    expect(categoryProblems({ name: '窗'.repeat(33), position: 0, items: [], clerks: [] }, cats)[0]).toEqual({ field: 'name', key: 'tooLong' });
    expect(categoryProblems({ name: '窗'.repeat(32), position: 0, items: [], clerks: [] }, cats)).toEqual([]);
    expect(categoryProblems({ name: 'x', position: 1000, items: ['A', 'B', 'A'], clerks: [3, 3] }, cats)).toEqual([
      { field: 'position', key: 'range' },
      { field: 'items', key: 'twice', index: 2 },
      { field: 'clerks', key: 'twice', index: 1 },
    ]);
  });
});

describe('desk helpers', () => {
  it('trims the payload', () => {
    expect(categoryPayload({ name: ' 不动产 ', position: 4, items: ['X'], clerks: [] })).toEqual({ name: '不动产', position: 4, items: ['X'], clerks: [] });
  });
  it('offers an "all" tab only for several categories', () => {
    expect(deskTabs({ categories: ['商事登记'] })).toEqual(['商事登记']);
    expect(deskTabs({ categories: ['投资建设', '商事登记'] })).toEqual(['', '投资建设', '商事登记']);
  });
  it('labels cases and finds a clerk\'s categories', () => {
    expect(categoryLabels([{ id: 5, desk_category: '投资建设' } as DeskCase])).toEqual({ 5: '投资建设' });
    expect(categoriesOfClerk(cats, 8)).toEqual(['商事登记']);
    expect(categoriesOfClerk(cats, 9)).toEqual([]);
  });
});
