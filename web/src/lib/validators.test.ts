import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, usccCheckChar, validateIdNumber, validateUscc } from './validators';

const TODAY = new Date(2026, 10, 26);

describe('validateIdNumber (GB 11643)', () => {
  it.each(['11010519491231002X', '34052419800101001X'])('accepts %s from REFERENCE §1', (id) => {
    expect(validateIdNumber(id, TODAY)).toEqual({ ok: true, value: id });
  });

  it('accepts a lower-case x and returns it upper-cased', () => {
    expect(validateIdNumber('11010519491231002x', TODAY)).toEqual({
      ok: true,
      value: '11010519491231002X',
    });
  });

  it('computes the check character', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
  });

  it.each([
    ['110105194912310021', 'check_digit'],
    ['340524198001010010', 'check_digit'],
    ['1101051949123100', 'length'],
    ['11010519491231002XX', 'length'],
    ['1101051949123100AX', 'characters'],
    ['99010519491231002X', 'region'],
    ['110105194902300020', 'birth_date'],
    ['110105203001010020', 'birth_date'],
  ] as const)('rejects %s with reason %s', (id, reason) => {
    expect(validateIdNumber(id, TODAY)).toEqual({ ok: false, reason });
  });

  it('rejects every wrong check character of a valid number', () => {
    for (const c of '0123456789') {
      expect(validateIdNumber(`11010519491231002${c}`, TODAY)).toEqual({
        ok: false,
        reason: 'check_digit',
      });
    }
  });
});

describe('validateUscc (GB 32100)', () => {
  it.each([
    '91350100M000100Y43',
    '91512081MA62K0260E',
    '913502000728319549',
    '123502001549897397',
    '11100000000013338W',
  ])('accepts %s from REFERENCE §1', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true, value: code });
  });

  it('accepts lower case', () => {
    expect(validateUscc('91512081ma62k0260e')).toEqual({ ok: true, value: '91512081MA62K0260E' });
  });

  it('computes the check character', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });

  it.each([
    ['91350100M000100Y44', 'check_digit'],
    ['91512081MA62K0260F', 'check_digit'],
    ['91350100M000100Y4', 'length'],
    ['91350100M000100I43', 'characters'],
    ['9135O100M000100Y43', 'characters'],
    ['91AB0100M000100Y43', 'region'],
  ] as const)('rejects %s with reason %s', (code, reason) => {
    expect(validateUscc(code)).toEqual({ ok: false, reason });
  });
});
