import { describe, expect, it, vi } from 'vitest';
import { ApiError, CLIENT_CODES, allPages, buildUrl, createApiClient, setApi } from './api';

/** The ApiError a call rejects with (fails the test if it resolves or throws anything else). */
async function rejection(call: Promise<unknown>): Promise<ApiError> {
  const outcome = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(ApiError);
  return outcome as ApiError;
}

type Call = { url: string; init: RequestInit };

function fakeFetch(response: () => Response) {
  const calls: Call[] = [];
  const fn = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return response();
  });
  return { fn: fn as unknown as typeof fetch, calls };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function client(fetchFn: typeof fetch, onUnauthenticated = vi.fn(), token: string | null = 'tok-1') {
  return createApiClient({
    getLocale: () => 'en',
    getCsrfToken: () => token,
    onUnauthenticated,
    fetch: fetchFn,
  });
}

describe('api client headers', () => {
  it('sends X-CSRF-Token on every unsafe method and Accept-Language always', async () => {
    const f = fakeFetch(() => json(200, {}));
    const c = client(f.fn);
    await c.post('/users', { a: 1 });
    await c.patch('/users/1', {});
    await c.del('/x');
    await c.request('PUT', '/y');
    for (const call of f.calls) {
      const h = call.init.headers as Record<string, string>;
      expect(h['X-CSRF-Token']).toBe('tok-1');
      expect(h['Accept-Language']).toBe('en');
    }
    expect(f.calls.map((c) => c.init.method)).toEqual(['POST', 'PATCH', 'DELETE', 'PUT']);
  });

  it('does not send the CSRF token on GET', async () => {
    const f = fakeFetch(() => json(200, { data: [], total: 0 }));
    await client(f.fn).get('/users', { page: 1, page_size: 20, q: '', role: undefined });
    const h = f.calls[0].init.headers as Record<string, string>;
    expect(h['X-CSRF-Token']).toBeUndefined();
    expect(h['Accept-Language']).toBe('en');
    expect(f.calls[0].url).toBe('/api/v1/users?page=1&page_size=20');
  });

  it('sends JSON bodies', async () => {
    const f = fakeFetch(() => json(201, { id: 7 }));
    const out = await client(f.fn).post<{ id: number }>('/users', { username: 'a' });
    expect(out).toEqual({ id: 7 });
    expect(f.calls[0].init.body).toBe('{"username":"a"}');
    expect((f.calls[0].init.headers as Record<string, string>)['Content-Type']).toBe(
      'application/json',
    );
  });

  it('returns undefined for 204', async () => {
    const f = fakeFetch(() => new Response(null, { status: 204 }));
    await expect(client(f.fn).post('/auth/logout')).resolves.toBeUndefined();
  });
});

describe('api client errors', () => {
  it('parses the error shape into ApiError', async () => {
    const f = fakeFetch(() =>
      json(400, {
        code: 'validation_failed',
        message: '提交的数据不符合要求',
        request_id: 'req-9',
        details: { field: 'username', reason: 'length' },
      }),
    );
    const err = await rejection(client(f.fn).post('/users', {}));
    expect(err.status).toBe(400);
    expect(err.code).toBe('validation_failed');
    expect(err.message).toBe('提交的数据不符合要求');
    expect(err.requestId).toBe('req-9');
    expect(err.details).toEqual({ field: 'username', reason: 'length' });
  });

  it('reports a non-JSON error body as bad_response with the header request id', async () => {
    const f = fakeFetch(
      () => new Response('<html>502</html>', { status: 502, headers: { 'X-Request-Id': 'r-2' } }),
    );
    const err = await rejection(client(f.fn).get('/x'));
    expect(err.code).toBe(CLIENT_CODES.badResponse);
    expect(err.status).toBe(502);
    expect(err.requestId).toBe('r-2');
  });

  it('reports a failed fetch as network_error', async () => {
    const fn = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const err = await rejection(client(fn).get('/x'));
    expect(err.code).toBe(CLIENT_CODES.network);
    expect(err.status).toBe(0);
  });

  it('calls onUnauthenticated on 401', async () => {
    const on401 = vi.fn();
    const f = fakeFetch(() => json(401, { code: 'unauthenticated', message: 'x', request_id: 'r' }));
    await client(f.fn, on401).get('/users').catch(() => undefined);
    expect(on401).toHaveBeenCalledTimes(1);
    expect(on401.mock.calls[0][0].code).toBe('unauthenticated');
  });

  it('does not redirect when the request opts out (login, session probe)', async () => {
    const on401 = vi.fn();
    const f = fakeFetch(() => json(401, { code: 'invalid_credentials', message: 'x' }));
    const err = await rejection(client(f.fn, on401)
      .post('/auth/login', {}, { redirectOn401: false })
      );
    expect(err.code).toBe('invalid_credentials');
    expect(on401).not.toHaveBeenCalled();
  });

  it('does not call onUnauthenticated for 403', async () => {
    const on401 = vi.fn();
    const f = fakeFetch(() => json(403, { code: 'csrf_invalid', message: 'x' }));
    const err = await rejection(client(f.fn, on401).post('/users', {}));
    expect(err.code).toBe('csrf_invalid');
    expect(on401).not.toHaveBeenCalled();
  });
});

describe('buildUrl', () => {
  it('encodes query values', () => {
    expect(buildUrl('/api/v1', '/users', { q: '张 三&', page: 2 })).toBe(
      '/api/v1/users?q=%E5%BC%A0+%E4%B8%89%26&page=2',
    );
  });
});

describe('allPages', () => {
  it('reads page after page until the total, with the query on every page', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ id: i + 1 }));
    const { fn, calls } = fakeFetch(() => json(200, {}));
    let call = 0;
    const paged = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      await fn(url, init);
      const page = ++call;
      return json(200, { data: rows.slice((page - 1) * 2, page * 2), total: rows.length });
    });
    setApi(client(paged as unknown as typeof fetch));
    expect(await allPages<{ id: number }>('/things', { q: 'x' }, 2)).toEqual(rows);
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/things?q=x&page=1&page_size=2',
      '/api/v1/things?q=x&page=2&page_size=2',
      '/api/v1/things?q=x&page=3&page_size=2',
    ]);
  });

  it('stops at the page limit', async () => {
    setApi(client((async () => json(200, { data: [{ id: 1 }], total: 100 })) as unknown as typeof fetch));
    expect(await allPages('/things', {}, 1, 3)).toHaveLength(3);
  });
});
