import { describe, expect, it } from 'vitest';
import { countBy } from './stats';

describe('countBy', () => {
  it('counts per key, most frequent first, ties by name', () => {
    const entries = ['login', 'user.create', 'login', 'logout', 'login', 'user.create'].map((action) => ({ action }));
    expect(countBy(entries, (e) => e.action)).toEqual([
      { name: 'login', value: 3 },
      { name: 'user.create', value: 2 },
      { name: 'logout', value: 1 },
    ]);
  });

  it('is empty for no items', () => {
    expect(countBy([], String)).toEqual([]);
  });
});
