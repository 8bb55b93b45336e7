// The one way the web shell talks to /api/v1: adds Accept-Language and the CSRF token, turns
// the server's error shape into ApiError, and reports lost sessions so the app can go to /login.

export interface ErrorDetails {
  field?: string;
  reason?: string;
}

/** A failed request: `code` is the server's stable code, `message` is already localized. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null = null,
    readonly details: ErrorDetails = {},
    /** The whole error body, for the few errors that carry more (a second-factor enrolment). */
    readonly payload: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Codes produced by the client itself (no server answer to read). */
export const CLIENT_CODES = { network: 'network_error', badResponse: 'bad_response' } as const;

export interface ListPage<T> {
  data: T[];
  total: number;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** false for calls where 401 is an expected answer (login, session probe). */
  redirectOn401?: boolean;
}

export interface ApiClientConfig {
  baseUrl?: string;
  getLocale: () => string;
  getCsrfToken: () => string | null;
  /** Called once per 401 (unless the request opted out); typically navigates to /login. */
  onUnauthenticated?: (error: ApiError) => void;
  fetch?: typeof fetch;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const qs = params.toString();
  return `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
}

/** Reads the error body; falls back to a client code when the body is not the error shape. */
export async function parseError(response: Response, fallbackMessage: string): Promise<ApiError> {
  const headerId = response.headers.get('X-Request-Id');
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (body && typeof body === 'object' && typeof (body as { code?: unknown }).code === 'string') {
    const b = body as { code: string; message?: unknown; request_id?: unknown; details?: unknown };
    const details = b.details && typeof b.details === 'object' ? (b.details as ErrorDetails) : {};
    return new ApiError(
      response.status,
      b.code,
      typeof b.message === 'string' ? b.message : fallbackMessage,
      typeof b.request_id === 'string' ? b.request_id : headerId,
      details,
      body as Record<string, unknown>,
    );
  }
  return new ApiError(response.status, CLIENT_CODES.badResponse, fallbackMessage, headerId);
}

export function createApiClient(config: ApiClientConfig) {
  const baseUrl = config.baseUrl ?? '/api/v1';
  const doFetch = config.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));

  async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': config.getLocale(),
    };
    if (UNSAFE_METHODS.has(method)) {
      const token = config.getCsrfToken();
      if (token) headers['X-CSRF-Token'] = token;
    }
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await doFetch(buildUrl(baseUrl, path, options.query), {
        method,
        headers,
        body,
        credentials: 'same-origin',
      });
    } catch (e) {
      throw new ApiError(0, CLIENT_CODES.network, e instanceof Error ? e.message : String(e));
    }
    if (!response.ok) {
      const error = await parseError(response, response.statusText || `HTTP ${response.status}`);
      if (response.status === 401 && options.redirectOn401 !== false) {
        config.onUnauthenticated?.(error);
      }
      throw error;
    }
    if (response.status === 204) return undefined as T;
    try {
      return (await response.json()) as T;
    } catch {
      throw new ApiError(
        response.status,
        CLIENT_CODES.badResponse,
        'Invalid JSON in response',
        response.headers.get('X-Request-Id'),
      );
    }
  }

  return {
    request,
    get: <T>(path: string, query?: Query, options: RequestOptions = {}) =>
      request<T>('GET', path, { ...options, query }),
    post: <T>(path: string, body?: unknown, options: RequestOptions = {}) =>
      request<T>('POST', path, { ...options, body }),
    patch: <T>(path: string, body?: unknown, options: RequestOptions = {}) =>
      request<T>('PATCH', path, { ...options, body }),
    del: <T>(path: string, options: RequestOptions = {}) => request<T>('DELETE', path, options),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

let current: ApiClient | null = null;

/** Installs the app-wide client (done once in main.ts; tests install their own). */
export function setApi(client: ApiClient): void {
  current = client;
}

export function api(): ApiClient {
  if (!current) throw new Error('API client not configured: call setApi() first');
  return current;
}

/**
 * Every row of a paged list, page by page (`pageSize` rows a page, at most `maxPages` pages):
 * for pickers and exports that need the whole list. Throws the first failure.
 */
export async function allPages<T>(path: string, query: Query = {}, pageSize = 200, maxPages = 20): Promise<T[]> {
  const out: T[] = [];
  for (let p = 1; p <= maxPages; p++) {
    const res = await api().get<ListPage<T>>(path, { ...query, page: p, page_size: pageSize });
    out.push(...res.data);
    if (res.data.length < pageSize || out.length >= res.total) break;
  }
  return out;
}
