// The window's keyboard flow: Enter accepts (with the ticked and tolerated materials), Alt+S
// opens the one supplement notice, and an expected failure is explained in Chinese.
import { afterEach, describe, expect, it } from 'vitest';
import { mountWithApi, settle, type Answer } from '@/test/mountWithApi';
import type { CaseDetail, ItemMaterial } from '@/lib/cases';
import WindowPanel from './WindowPanel.vue';

const MATERIALS: ItemMaterial[] = [
  { code: 'M01', name: '申请表', required: true },
  { code: 'M02', name: '营业执照', required: true },
  { code: 'M05', name: '审查合格书', required: true, tolerable: true },
];

function detail(): CaseDetail {
  return {
    id: 7,
    number: 'N1',
    item_code: 'X',
    item_version: 1,
    item_name: '事项',
    department_code: 'NN-ZJJ',
    region_code: '450100',
    handling: 'commitment',
    applicant_id: 8,
    state: 'submitted',
    submitted_at: '2026-03-02T01:00:00Z',
    accepted_at: null,
    decided_at: null,
    closed_at: null,
    clock: { budget: { amount: 3, unit: 'working_days' }, started_at: null, stopped_at: null, state: null, due_date: null, deadline: null, warning_at: null, first_overdue_at: null },
    form: {},
    decision: { decision: null, reason: '', legal_basis: '', number: null },
    delivery: { method: null, tracking_number: null },
    refusal_reason: '',
    rating: null,
    rating_comment: '',
    materials: [{ material_code: 'M01', file_id: 'a'.repeat(64), status: 'provided' }],
    events: [],
    tasks: [],
    suspensions: [],
    supplements: [],
    commitment: null,
  };
}

function mountPanel(answer: (url: string) => Answer) {
  return mountWithApi(WindowPanel, { detail: detail(), materials: MATERIALS }, answer);
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('WindowPanel', () => {
  it('accepts on Enter with the ticked and tolerated materials and the commitment period', async () => {
    const { wrapper, calls } = await mountPanel((url) =>
      url.includes('/calendars/') ? { status: 200, body: { result: '2026-03-09' } } : { status: 200, body: { ...detail(), state: 'under_review' } },
    );
    await wrapper.find('[data-testid="tick-M02"] input').setValue(true);
    await wrapper.find('[data-testid="tolerate-M05"] input').setValue(true);
    await settle();
    expect(wrapper.find('[data-testid="commitment-due"]').text()).toContain('2026-03-09');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await settle();
    const accept = calls.find((c) => c.url.endsWith('/cases/7/accept'));
    expect(accept?.body).toEqual({ materials: [{ material_code: 'M02' }], tolerate: ['M05'], commitment_days: 5 });
    expect(wrapper.emitted('updated')?.[0]?.[0]).toMatchObject({ state: 'under_review' });
  });

  it('explains materials_missing in Chinese and stays on the case', async () => {
    const { wrapper, calls } = await mountPanel(() => ({
      status: 422,
      body: { code: 'materials_missing', message: '缺少必需的申请材料', request_id: 'r1' },
    }));
    await wrapper.find('[data-testid="window-accept"]').trigger('click');
    await settle();
    expect(calls.some((c) => c.url.endsWith('/accept'))).toBe(true);
    expect(document.body.textContent).toContain('请勾选已收取的材料');
    expect(wrapper.emitted('updated')).toBeUndefined();
  });

  it('opens the supplement notice on Alt+S with the missing material preselected', async () => {
    const { calls } = await mountPanel(() => ({ status: 200, body: detail() }));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', altKey: true }));
    await settle();
    const gap = document.querySelector<HTMLInputElement>('input[data-testid="gap-M02"]');
    expect(gap?.value).toBe('请提交营业执照');
    expect(calls.some((c) => c.url.includes('/accept'))).toBe(false);
  });
});
