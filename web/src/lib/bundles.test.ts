import { describe, expect, it } from 'vitest';
import {
  applicationPayload,
  combinedTimeline,
  documentsFor,
  documentsToHandIn,
  figureRows,
  fieldsFor,
  missingFields,
  optionalChosen,
  selectionPath,
  progressPercent,
  selectedItems,
  validLibraryEntry,
  collectStatus,
  prefillForm,
  reusedDocuments,
  toCollect,
  type BundleDetail,
  type LibraryDocument,
  type OnFileDocument,
} from './bundles';
import type { CaseDetail } from './cases';

const detail: BundleDetail = {
  code: 'business-start',
  name: '企业开办',
  category: '商事登记',
  description: '',
  committed_limit: { amount: 1, unit: 'working_days' },
  figures: {
    items: 3,
    documents: { separate: 8, bundle: 5 },
    visits: { separate: 0, bundle: 0 },
    limit_days: { separate: 3, bundle: 1 },
  },
  items: [
    { item_code: 'REG', name: '企业设立登记', department_code: 'A', region_code: '450100', handling: 'commitment', committed_limit: { amount: 1, unit: 'working_days' }, visits: 0, materials: 5, optional: false },
    { item_code: 'SEAL', name: '印章刻制备案', department_code: 'B', region_code: '450100', handling: 'commitment', committed_limit: { amount: 1, unit: 'working_days' }, visits: 0, materials: 3, optional: false },
    { item_code: 'BANK', name: '银行开户备案', department_code: 'C', region_code: '450100', handling: 'instant', committed_limit: { amount: 0, unit: 'working_days' }, visits: 0, materials: 1, optional: true },
  ],
  fields: [
    { key: 'company_name', label: '企业名称', required: true, targets: [{ item_code: 'REG', field: 'company_name' }, { item_code: 'BANK', field: 'account_name' }] },
    { key: 'account_bank', label: '开户银行', required: true, targets: [{ item_code: 'BANK', field: 'bank' }] },
  ],
  materials: {
    unified_form: true,
    covered: [{ item_code: 'REG', material_code: 'M01' }],
    documents: [
      { key: '公司章程', name: '公司章程', source: 'applicant_upload', certificate_type: '', required: true, uses: [{ item_code: 'REG', material_code: 'M02' }] },
      { key: '居民身份证', name: '申请人身份证明', source: 'certificate', certificate_type: '居民身份证', required: true, uses: [{ item_code: 'REG', material_code: 'M03' }, { item_code: 'SEAL', material_code: 'M02' }] },
      { key: '银行账户开立信息', name: '银行账户开立信息', source: 'shared_data', certificate_type: '', required: true, uses: [{ item_code: 'BANK', material_code: 'M01' }] },
    ],
  },
};

describe('figureRows', () => {
  it('shows each figure before and after with the share saved', () => {
    const rows = figureRows(detail.figures);
    expect(rows.map((r) => r.key)).toEqual(['documents', 'visits', 'limit_days']);
    expect(rows[0]).toEqual({ key: 'documents', separate: 8, bundle: 5, savedPercent: 38 });
    expect(rows[1].savedPercent).toBe(0); // nothing to save: no visits at all
    expect(rows[2].savedPercent).toBe(67);
  });
  it('never shows a negative saving', () => {
    const f = { ...detail.figures, visits: { separate: 1, bundle: 2 } };
    expect(figureRows(f)[1].savedPercent).toBe(0);
  });
});

describe('the wizard', () => {
  it('always keeps required items and adds ticked optional ones in bundle order', () => {
    expect(selectedItems(detail.items, [])).toEqual(['REG', 'SEAL']);
    expect(selectedItems(detail.items, ['BANK', 'REG'])).toEqual(['REG', 'SEAL', 'BANK']);
  });
  it('asks only for the fields and documents of the selection', () => {
    const sel = selectedItems(detail.items, []);
    expect(fieldsFor(detail, sel).map((f) => f.key)).toEqual(['company_name']);
    expect(documentsFor(detail, sel).map((d) => d.key)).toEqual(['公司章程', '居民身份证']);
    expect(documentsToHandIn(documentsFor(detail, sel)).map((d) => d.key)).toEqual(['公司章程']);
    const all = selectedItems(detail.items, ['BANK']);
    expect(missingFields(fieldsFor(detail, all), { company_name: ' x ' })).toEqual(['account_bank']);
  });
  it('builds the application: optional items chosen, trimmed values, uploaded documents', () => {
    const p = applicationPayload(
      detail,
      ['BANK'],
      { company_name: ' 南宁示例 ', account_bank: '', stray: 'x' },
      { 公司章程: 'f'.repeat(64), 其他: 'e'.repeat(64) },
      'together',
    );
    expect(p).toEqual({
      items: ['BANK'],
      form: { company_name: '南宁示例' },
      documents: [{ document_key: '公司章程', file_id: 'f'.repeat(64) }],
      delivery: 'together',
    });
  });
});

describe('the selection sent to the server', () => {
  it('lists the optional items ticked and always sends items=', () => {
    expect(optionalChosen(detail.items, ['REG', 'BANK'])).toEqual(['BANK']);
    expect(selectionPath('business-start', [])).toBe('/bundles/business-start?items=');
    expect(selectionPath('business-start', ['A', 'B'])).toBe('/bundles/business-start?items=A,B');
  });
});

describe('the parent case', () => {
  it('reports progress as the share of ended children', () => {
    expect(progressPercent({ state: 'in_progress', children: 4, decided: 1, delivered: 0, ended: 1 })).toBe(25);
    expect(progressPercent({ state: 'in_progress', children: 0, decided: 0, delivered: 0, ended: 0 })).toBe(0);
  });
  it('merges the children events oldest first', () => {
    const child = (id: number, name: string, events: [string, number][]) =>
      ({ id, item_name: name, events: events.map(([at, seq]) => ({ seq, type: 'x', actor: 'a', at, payload: null })) }) as unknown as CaseDetail;
    const t = combinedTimeline([
      child(2, '乙', [['2026-03-02T01:00:00.000Z', 1], ['2026-03-02T03:00:00.000Z', 2]]),
      child(1, '甲', [['2026-03-02T01:00:00.000Z', 1], ['2026-03-02T02:00:00.000Z', 2]]),
    ]);
    expect(t.map((e) => `${e.item_name}${e.seq}`)).toEqual(['甲1', '乙1', '甲2', '乙2']);
  });
});

describe('the material library', () => {
  const entry = (id: number, key: string, until: string | null): LibraryDocument => ({
    id, document_key: key, name: key, file_id: 'a'.repeat(64), valid_until: until, added_at: '',
  });
  it('offers the newest document still valid today', () => {
    const lib = [entry(1, '公司章程', null), entry(2, '公司章程', '2026-03-10'), entry(3, '公司章程', '2026-03-01'), entry(4, '其他', null)];
    expect(validLibraryEntry(lib, '公司章程', '2026-03-10')?.id).toBe(2);
    expect(validLibraryEntry(lib, '公司章程', '2026-03-11')?.id).toBe(1);
    expect(validLibraryEntry([entry(3, '公司章程', '2026-03-01')], '公司章程', '2026-03-02')).toBeNull();
  });
  it('reuses a library document unless a new file was uploaded', () => {
    const p = applicationPayload(detail, [], {}, {}, 'separately', { 公司章程: 7 });
    expect(p.documents).toEqual([{ document_key: '公司章程', library_id: 7 }]);
    const q = applicationPayload(detail, [], {}, { 公司章程: 'f'.repeat(64) }, 'separately', { 公司章程: 7 });
    expect(q.documents).toEqual([{ document_key: '公司章程', file_id: 'f'.repeat(64) }]);
  });
});

describe('hand it in once', () => {
  const entry = (origin: 'library' | 'case', id: number, until: string | null = null) => ({
    origin,
    ...(origin === 'library' ? { library_id: id } : { case_id: id }),
    file_id: `f${id}`,
    label: origin === 'library' ? '营业执照' : 'N-1',
    valid_until: until,
    handed_in_at: '2026-03-01T00:00:00Z',
  });
  const docs: OnFileDocument[] = [
    { key: '营业执照', name: '营业执照', source: 'applicant_upload', required: true, on_file: entry('library', 3, '2027-01-01'), expired: null },
    { key: '施工合同', name: '施工合同', source: 'applicant_upload', required: true, on_file: entry('case', 40), expired: null },
    { key: '户口簿', name: '户口簿', source: 'applicant_upload', required: false, on_file: null, expired: entry('library', 4, '2026-01-01') },
    { key: '申请书', name: '申请书', source: 'applicant_upload', required: true, on_file: null, expired: null },
    { key: '不动产权证书', name: '不动产权证书', source: 'certificate', required: true, on_file: null, expired: null },
  ];
  it('reuses library entries by id and earlier cases by file, unless unticked', () => {
    expect(reusedDocuments(docs, {})).toEqual({ library: { 营业执照: 3 }, files: { 施工合同: 'f40' } });
    expect(reusedDocuments(docs, { 营业执照: false })).toEqual({ library: {}, files: { 施工合同: 'f40' } });
  });
  it('asks the window only for the rest', () => {
    expect(docs.map(collectStatus)).toEqual(['onFile', 'onFile', 'expired', 'collect', 'system']);
    expect(toCollect(docs).map((d) => d.key)).toEqual(['户口簿', '申请书']);
  });
  it('pre-fills the form from the newest application of any bundle', () => {
    const fields = [{ key: 'company_name' }, { key: 'contact_phone' }, { key: 'address' }];
    const earlier = [{ company_name: '新公司', contact_phone: ' ' }, { company_name: '旧公司', contact_phone: '0771-1234567' }];
    expect(prefillForm(fields, earlier)).toEqual({ company_name: '新公司', contact_phone: '0771-1234567' });
    expect(prefillForm(fields, earlier, { company_name: '已填写' }).company_name).toBe('已填写');
  });
});
