import { describe, expect, it } from 'vitest';
import { isValidUsername, passwordProblem } from './fields';

describe('passwordProblem', () => {
  it('accepts the demo password', () => expect(passwordProblem('Tongban@2026')).toBeNull());
  it('rejects short passwords', () => expect(passwordProblem('Ab1')).toBe('passwordLength'));
  it('requires three classes of four, as GB/T 22239 level 3 does', () => {
    expect(passwordProblem('abcdefgh')).toBe('passwordStrength');
    expect(passwordProblem('12345678')).toBe('passwordStrength');
    expect(passwordProblem('password1')).toBe('passwordStrength');
    expect(passwordProblem('Password1')).toBeNull();
    expect(passwordProblem('通办政务服务密码x9')).toBeNull();
  });
  it('refuses a password containing the username', () => {
    expect(passwordProblem('Zhang.San2026', 'zhang.san')).toBe('passwordUsername');
    expect(passwordProblem('Zhang.San2026', 'li')).toBeNull();
  });
});

describe('isValidUsername', () => {
  it.each(['admin', 'zhang.san', 'user_01', 'a-b'])('accepts %s', (u) => expect(isValidUsername(u)).toBe(true));
  it.each(['ab', '张三', 'a b', 'x'.repeat(33)])('rejects %s', (u) => expect(isValidUsername(u)).toBe(false));
});
