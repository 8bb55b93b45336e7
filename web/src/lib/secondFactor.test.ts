import { describe, expect, it } from 'vitest';
import { enrolmentOf, groupSecret, isCodeLike, normaliseCode, recoveryCodesText } from './secondFactor';

describe('second factor', () => {
  it('reads the enrolment of a 401 body and refuses a malformed one', () => {
    expect(enrolmentOf({ enrolment: { secret: 'ABCD', otpauth_uri: 'otpauth://totp/x' } })).toEqual({
      secret: 'ABCD',
      otpauth_uri: 'otpauth://totp/x',
    });
    expect(enrolmentOf({ enrolment: { secret: 1 } })).toBeNull();
    expect(enrolmentOf({})).toBeNull();
  });

  it('groups a secret in fours', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDE')).toBe('ABCD E');
    expect(groupSecret('')).toBe('');
  });

  it('tells six digits and recovery codes from anything else', () => {
    expect(isCodeLike('123456', false)).toBe(true);
    expect(isCodeLike('123 456', false)).toBe(true);
    expect(isCodeLike('12345', false)).toBe(false);
    expect(isCodeLike('abcde-fgh23', false)).toBe(false);
    expect(isCodeLike('abcde-fgh23', true)).toBe(true);
    expect(isCodeLike('abcdefgh23', true)).toBe(true);
    expect(isCodeLike('abcde-fgh1', true)).toBe(false);
  });

  it('sends digits without spaces and recovery codes as typed', () => {
    expect(normaliseCode(' 123 456 ')).toBe('123456');
    expect(normaliseCode(' abcde-fghij ')).toBe('abcde-fghij');
  });

  it('writes the recovery codes one a line under a heading', () => {
    expect(recoveryCodesText('admin', ['aaaaa-bbbbb', 'ccccc-ddddd'], '恢复码')).toBe(
      '恢复码\nadmin\n\naaaaa-bbbbb\nccccc-ddddd\n',
    );
  });
});
