import { describe, expect, it } from 'vitest';
import zh from './zh-CN';
import en from './en';

function leaves(obj: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj)) {
      for (const [lk, lv] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(lk, lv);
    }
  } else {
    out.set(prefix, obj);
  }
  return out;
}

describe('message files', () => {
  it('define the same keys in zh-CN and en', () => {
    expect([...leaves(en).keys()].sort()).toEqual([...leaves(zh).keys()].sort());
  });

  it('keep placeholders the same in both languages', () => {
    const enLeaves = leaves(en);
    for (const [key, value] of leaves(zh)) {
      if (typeof value !== 'string') continue;
      const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(ph(enLeaves.get(key) as string), key).toEqual(ph(value));
    }
  });

  it('have a duty list of the same length for each role', () => {
    for (const role of Object.keys(zh.home.duty) as (keyof typeof zh.home.duty)[]) {
      expect(en.home.duty[role].length, role).toBe(zh.home.duty[role].length);
    }
  });
});
