// The owner's filing form: the fields come from the rule set, the self-check runs as one types
// (a blocking failure disables 报送), and a refusal by the server shows its message and rules.
import { afterEach, describe, expect, it } from 'vitest';
import { mountWithApi, settle, type Answer } from '@/test/mountWithApi';
import type { CheckReport, FilingDetail, Finding } from '@/lib/reviews';
import shipped from '../../../../data/projects/rules/land-use-approval.json';
import FilingForm from './FilingForm.vue';

const PROJECT = { code: '2026-450502-47-01-3A81FK', name: '厂房', owner_uscc: '91450500MA5N8BH00M', region_code: '450502', investment_yuan: 120000000, type: 'industry', approval_kind: 'filing', fast_lane: false };
const LU03: Finding = { code: 'LU-03', name: '容积率与面积一致', severity: 'blocking', message: { zh: '容积率应等于总建筑面积除以用地面积', en: 'ratio' } };
const report = (blocking: Finding[]): CheckReport => ({ ok: blocking.length === 0, passed: 12 - blocking.length, blocking, advisory: [] });

function mountForm(mode: 'create' | 'draft', answer: (url: string, method: string) => Answer, filing: FilingDetail | null = null) {
  return mountWithApi(FilingForm, { project: PROJECT, mode, filing, checkDelayMs: 0 }, (url, method) =>
    url.includes('/rule-sets?') ? { status: 200, body: { data: [shipped], total: 1 } } : answer(url, method),
  );
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('FilingForm', () => {
  it('builds the form from the rule set and checks what is typed, blocking the sending', async () => {
    const { wrapper, calls } = await mountForm('create', () => ({ status: 200, body: report([LU03]) }));
    expect(wrapper.findAll('[data-testid^="filing-attachment-"]').length).toBe(4);
    await wrapper.find('input[data-testid="filing-field-land_area_m2"]').setValue('40000');
    await wrapper.find('input[data-testid="filing-field-plot_ratio"]').setValue('2');
    await settle();
    const check = calls.filter((c) => c.url.endsWith('/rule-sets/land-use-approval/check')).pop();
    expect(check?.body).toMatchObject({ data: { project: { code: PROJECT.code, investment_yuan: 120000000 }, form: { land_area_m2: 40000, plot_ratio: 2 }, attachments: [] } });
    expect(wrapper.find('[data-testid="filing-check"]').text()).toContain('容积率应等于总建筑面积除以用地面积');
    expect(wrapper.find('[data-testid="filing-send"]').attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-testid="filing-send-blocked"]').exists()).toBe(true);
  });

  it('shows the server refusal with the failed rules and keeps the draft', async () => {
    const draft = { id: 5, kind: 'land-use-approval', title: '报批', form: { land_area_m2: 40000 }, attachments: [{ code: 'survey-map', name: '图', file_id: null }] } as unknown as FilingDetail;
    const { wrapper, calls } = await mountForm(
      'draft',
      (url) =>
        url.endsWith('/send')
          ? { status: 422, body: { code: 'self_check_failed', message: '报件自检未通过：有强制性规则不满足', request_id: 'r', details: { reason: 'LU-03', blocking: [LU03], advisory: [] } } }
          : { status: 200, body: report([]) },
      draft,
    );
    await settle();
    expect((wrapper.find('input[data-testid="filing-field-land_area_m2"]').element as HTMLInputElement).value).toBe('40000');
    await wrapper.find('[data-testid="filing-send"]').trigger('click');
    await settle();
    const send = calls.find((c) => c.url.endsWith('/filings/5/send'));
    expect(send?.body).toEqual({ form: { land_area_m2: 40000 }, attachments: [{ code: 'survey-map', name: '图', file_id: null }] });
    expect(wrapper.find('[data-testid="filing-refused"]').text()).toContain('报件自检未通过');
    expect(wrapper.find('[data-testid="filing-refused-report"]').text()).toContain('LU-03');
    expect(wrapper.emitted('done')).toBeUndefined();
  });
});
