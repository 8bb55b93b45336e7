import { describe, expect, it } from 'vitest';
import zh from '@/i18n/cases.zh-CN';
import en from '@/i18n/cases.en';
import {
  CASE_STATES,
  accessTargetCase,
  accessTargetLabel,
  EXPLAINED_CODES,
  SUSPENSION_REASONS,
  buildAcceptance,
  buildGaps,
  buildSubmission,
  chinaDate,
  formatInstant,
  missingRequired,
  newIdempotencyKey,
  openSupplement,
  servesApplicant,
  sortByUrgency,
  stateTag,
  urgencyTag,
  type CaseClock,
  type Supplement,
} from './cases';

function clock(state: CaseClock['state'], deadline: string | null = null): CaseClock {
  return {
    budget: { amount: 3, unit: 'working_days' },
    started_at: null,
    stopped_at: null,
    state,
    due_date: deadline ? deadline.slice(0, 10) : null,
    deadline,
    warning_at: null,
    first_overdue_at: null,
  };
}

function lookup(obj: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

describe('stateTag', () => {
  it('colours each state and names its label key', () => {
    expect(stateTag('submitted')).toEqual({ type: 'primary', key: 'cases.state.submitted' });
    expect(stateTag('supplement_requested').type).toBe('warning');
    expect(stateTag('suspended').type).toBe('warning');
    expect(stateTag('delivered')).toEqual({ type: 'success', key: 'cases.state.delivered' });
    expect(stateTag('refused').type).toBe('danger');
    expect(stateTag('denied').type).toBe('danger');
    expect(stateTag('withdrawn').type).toBe('info');
  });

  it('falls back for a state it does not know', () => {
    expect(stateTag('teleported')).toEqual({ type: 'info', key: 'cases.state.unknown' });
  });

  it('has a Chinese and an English label for every state; 已办结 for delivered', () => {
    for (const s of CASE_STATES) {
      const key = stateTag(s).key.replace(/^cases\./, '');
      expect(typeof lookup(zh, key), s).toBe('string');
      expect(typeof lookup(en, key), s).toBe('string');
    }
    expect(zh.state.delivered).toBe('已办结');
  });
});

describe('urgencyTag', () => {
  it('is orange for warning, red for overdue, neutral without a clock', () => {
    expect(urgencyTag('warning')).toEqual({ type: 'warning', key: 'cases.urgency.warning' });
    expect(urgencyTag('overdue')).toEqual({ type: 'danger', key: 'cases.urgency.overdue' });
    expect(urgencyTag('running').type).toBe('success');
    expect(urgencyTag(null)).toEqual({ type: 'info', key: 'cases.urgency.none' });
  });
});

describe('sortByUrgency', () => {
  it('puts overdue first, then warning, running, paused, stopped, no clock', () => {
    const rows = [
      { id: 1, clock: clock(null) },
      { id: 2, clock: clock('stopped') },
      { id: 3, clock: clock('running', '2026-03-10T16:00:00Z') },
      { id: 4, clock: clock('overdue', '2026-03-01T16:00:00Z') },
      { id: 5, clock: clock('paused') },
      { id: 6, clock: clock('warning', '2026-03-05T16:00:00Z') },
    ];
    expect(sortByUrgency(rows).map((r) => r.id)).toEqual([4, 6, 3, 5, 2, 1]);
  });

  it('orders by the earliest deadline within a rank, then by id, without mutating', () => {
    const rows = [
      { id: 9, clock: clock('running', '2026-03-20T16:00:00Z') },
      { id: 7, clock: clock('running', null) },
      { id: 8, clock: clock('running', '2026-03-12T16:00:00Z') },
      { id: 3, clock: clock('running', '2026-03-12T16:00:00Z') },
    ];
    expect(sortByUrgency(rows).map((r) => r.id)).toEqual([3, 8, 9, 7]);
    expect(rows.map((r) => r.id)).toEqual([9, 7, 8, 3]);
  });
});

describe('buildSubmission', () => {
  const item = {
    code: 'X1',
    materials: [
      { code: 'M01', name: 'a', required: true },
      { code: 'M02', name: 'b', required: true },
      { code: 'M03', name: 'c', required: false },
      { code: 'M04', name: 'd', required: true },
    ],
  };

  it('references uploads by file id, on-file materials without one, and leaves the rest out', () => {
    const p = buildSubmission(
      item,
      { contact_name: ' 张三 ', contact_phone: '13800000000', remark: '  ', address: null },
      { M01: { fileId: 'abc' }, M02: { onFile: true }, M03: {}, M04: { fileId: 'def', onFile: true } },
    );
    expect(p).toEqual({
      item_code: 'X1',
      form: { contact_name: '张三', contact_phone: '13800000000' },
      materials: [
        { material_code: 'M01', file_id: 'abc' },
        { material_code: 'M02', file_id: null },
        { material_code: 'M04', file_id: 'def' },
      ],
    });
  });

  it('names the required materials still missing', () => {
    expect(missingRequired(item, { M01: { fileId: 'abc' }, M03: { onFile: true } })).toEqual(['M02', 'M04']);
  });
});

describe('newIdempotencyKey', () => {
  it('is a v4 UUID and differs per form', () => {
    const k = newIdempotencyKey();
    expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(k);
  });

  it('uses the injected randomness', () => {
    expect(newIdempotencyKey((n) => new Uint8Array(n).fill(0xff))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });
});

describe('buildAcceptance', () => {
  it('sends ticked materials not uploaded, and tolerated ones with the commitment period', () => {
    expect(buildAcceptance(['M01', 'M02', 'M02'], ['M01'], ['M05', 'M02'], 7)).toEqual({
      materials: [{ material_code: 'M02' }],
      tolerate: ['M05'],
      commitment_days: 7,
    });
  });

  it('omits the commitment period when nothing is tolerated', () => {
    expect(buildAcceptance([], ['M01'], [], 5)).toEqual({ materials: [], tolerate: [] });
  });
});

describe('buildGaps and openSupplement', () => {
  it('lists every gap with a reason at once, material gaps first', () => {
    expect(buildGaps({ M01: ' 缺少盖章 ', M02: '', M03: undefined }, ['', '补充说明'])).toEqual([
      { material_code: 'M01', reason: '缺少盖章' },
      { reason: '补充说明' },
    ]);
  });

  it('finds the round neither answered nor returned', () => {
    const s = (round: number, answered: string | null): Supplement => ({
      round,
      stage: 'window',
      gaps: [],
      requested_by: 'clerk',
      requested_at: '',
      due_date: '',
      expires_at: '',
      answered_at: answered,
      returned_at: null,
    });
    expect(openSupplement({ supplements: [s(1, 'x'), s(2, null)] })?.round).toBe(2);
    expect(openSupplement({ supplements: [s(1, 'x')] })).toBeNull();
  });
});

describe('dates', () => {
  it('uses China time for today and for instants', () => {
    expect(chinaDate(new Date('2026-03-02T16:30:00Z'))).toBe('2026-03-03');
    expect(formatInstant('2026-03-02T01:05:00Z')).toBe('2026-03-02 09:05');
    expect(formatInstant(null)).toBe('');
  });
});

describe('messages', () => {
  it('explain every listed error code and suspension reason in both languages', () => {
    for (const c of EXPLAINED_CODES) {
      expect(typeof lookup(zh, `error.${c}`), c).toBe('string');
      expect(typeof lookup(en, `error.${c}`), c).toBe('string');
    }
    for (const r of SUSPENSION_REASONS) expect(typeof lookup(zh, `suspension.${r}`), r).toBe('string');
  });

  it('label the five 好差评 grades', () => {
    expect(Object.values(zh.rating)).toEqual(['非常不满意', '不满意', '基本满意', '满意', '非常满意']);
  });
});

describe('servesApplicant', () => {
  it('lets persons apply for person items and organisations for organisation items', () => {
    expect(servesApplicant('person', 'applicant_person')).toBe(true);
    expect(servesApplicant('person', 'applicant_org')).toBe(false);
    expect(servesApplicant('organisation', 'applicant_org')).toBe(true);
    expect(servesApplicant('organisation', 'applicant_person')).toBe(false);
    expect(servesApplicant('both', 'applicant_person')).toBe(true);
    expect(servesApplicant(undefined, 'applicant_org')).toBe(true);
  });
  it('does not restrict staff or visitors (the server checks the named applicant)', () => {
    expect(servesApplicant('organisation', 'front_clerk')).toBe(true);
    expect(servesApplicant('person', null)).toBe(true);
  });
});

describe('accessTargetLabel', () => {
  const t = (key: string) => key;
  it('names each kind of target in words, never the raw key', () => {
    expect(accessTargetLabel('case:42', t)).toBe('cases.accessLog.targetCase');
    expect(accessTargetCase('case:42')).toBe(42);
    expect(accessTargetCase('library')).toBeNull();
    expect(accessTargetCase('case:4x')).toBeNull();
    expect(accessTargetLabel(`file:${'a'.repeat(64)}`, t)).toBe('cases.accessLog.targetFile');
    expect(accessTargetLabel('library', t)).toBe('cases.accessLog.targetLibrary');
    expect(accessTargetLabel('credit', t)).toBe('cases.accessLog.targetCredit');
  });
  it('has a label in both languages for every action the server records', () => {
    for (const action of ['view_case', 'download_file', 'view_library', 'view_credit', 'reveal']) {
      expect(lookup(zh, `accessLog.actions.${action}`), action).toBeTruthy();
      expect(lookup(en, `accessLog.actions.${action}`), action).toBeTruthy();
    }
  });
});
