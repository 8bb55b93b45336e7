import { describe, expect, it } from 'vitest';
import { isValidUsername, passwordProblem } from './fields';

describe('passwordProblem', () => {
  it('accepts the demo password', () => expect(passwordProblem('Tongban@2026')).toBeNull());
  it('rejects short passwords', () => expect(passwordProblem('Ab1')).toBe('passwordLength'));
  it('requires letters and digits', () => {
    expect(passwordProblem('abcdefgh')).toBe('passwordStrength');
    expect(passwordProblem('12345678')).toBe('passwordStrength');
  });
});

describe('isValidUsername', () => {
  it.each(['admin', 'zhang.san', 'user_01', 'a-b'])('accepts %s', (u) => expect(isValidUsername(u)).toBe(true));
  it.each(['ab', '张三', 'a b', 'x'.repeat(33)])('rejects %s', (u) => expect(isValidUsername(u)).toBe(false));
});
