import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api';
import { submitCase } from './casesApi';

const PAYLOAD = { item_code: 'X1', form: { contact_name: '张三' }, materials: [{ material_code: 'M01', file_id: null }] };

function stub(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
  }) as unknown as typeof fetch;
  return { fn, calls };
}

describe('submitCase', () => {
  it('sends the body with the Idempotency-Key, CSRF token and language', async () => {
    const { fn, calls } = stub(201, { id: 5, number: 'N' });
    const r = await submitCase(PAYLOAD, 'key-1', { locale: 'zh-CN', csrfToken: 'csrf' }, fn);
    expect(r).toEqual({ detail: { id: 5, number: 'N' }, replayed: false });
    expect(calls[0].url).toBe('/api/v1/cases');
    const h = calls[0].init.headers as Record<string, string>;
    expect(h['Idempotency-Key']).toBe('key-1');
    expect(h['X-CSRF-Token']).toBe('csrf');
    expect(h['Accept-Language']).toBe('zh-CN');
    expect(JSON.parse(String(calls[0].init.body))).toEqual(PAYLOAD);
  });

  it('reports a replayed submission (the first case answered again)', async () => {
    const { fn } = stub(201, { id: 5 }, { 'Idempotent-Replayed': 'true' });
    expect((await submitCase(PAYLOAD, 'key-1', { locale: 'en', csrfToken: null }, fn)).replayed).toBe(true);
  });

  it('turns the error shape into an ApiError with the stable code', async () => {
    const { fn } = stub(409, { code: 'idempotency_conflict', message: '重复提交的内容与首次不一致', request_id: 'r' });
    await expect(submitCase(PAYLOAD, 'key-1', { locale: 'zh-CN', csrfToken: null }, fn)).rejects.toMatchObject({
      status: 409,
      code: 'idempotency_conflict',
    });
    await expect(submitCase(PAYLOAD, 'k', { locale: 'zh-CN', csrfToken: null }, fn)).rejects.toBeInstanceOf(ApiError);
  });
});
