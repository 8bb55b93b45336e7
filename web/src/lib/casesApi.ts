// The casework calls that the shared JSON client cannot make: a submission with an
// Idempotency-Key header, and file uploads with progress (raw body, X-File-Name). Both send
// the same Accept-Language and X-CSRF-Token as lib/api.ts and raise the same ApiError.
import { ApiError, CLIENT_CODES, api, parseError } from './api';
import type { CalendarInfo } from './calendar';
import type { CaseDetail, StoredFile, SubmissionPayload } from './cases';

export interface CallContext {
  locale: string;
  csrfToken: string | null;
}

/**
 * POST `path` (under /api/v1) with an Idempotency-Key: the same key with the same body answers
 * the first result again (a double click or a retry after a lost answer never creates twice).
 */
export async function postIdempotent<T>(
  path: string,
  payload: unknown,
  idempotencyKey: string,
  ctx: CallContext,
  doFetch: typeof fetch = (...a) => fetch(...a),
): Promise<{ body: T; replayed: boolean }> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': ctx.locale,
    'Content-Type': 'application/json',
    'Idempotency-Key': idempotencyKey,
  };
  if (ctx.csrfToken) headers['X-CSRF-Token'] = ctx.csrfToken;
  let response: Response;
  try {
    response = await doFetch(`/api/v1${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(payload),
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, CLIENT_CODES.network, e instanceof Error ? e.message : String(e));
  }
  if (!response.ok) throw await parseError(response, response.statusText || `HTTP ${response.status}`);
  return {
    body: (await response.json()) as T,
    replayed: response.headers.get('Idempotent-Replayed') === 'true',
  };
}

/** What a submission answers: the body, the case number and whether it was a replay. */
export interface Sent<T> {
  body: T;
  number: string;
  replayed: boolean;
}

/** POST /api/v1/cases (see postIdempotent). */
export async function submitCase(
  payload: SubmissionPayload,
  idempotencyKey: string,
  ctx: CallContext,
  doFetch: typeof fetch = (...a) => fetch(...a),
): Promise<{ detail: CaseDetail; replayed: boolean }> {
  const r = await postIdempotent<CaseDetail>('/cases', payload, idempotencyKey, ctx, doFetch);
  return { detail: r.body, replayed: r.replayed };
}

/** POST /api/v1/files with upload progress (0..100); resolves to the stored file. */
export function uploadFile(
  file: Blob,
  name: string,
  ctx: CallContext,
  onProgress: (percent: number) => void = () => undefined,
): Promise<StoredFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/files');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', ctx.locale);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(name));
    if (ctx.csrfToken) xhr.setRequestHeader('X-CSRF-Token', ctx.csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, CLIENT_CODES.network, 'upload failed'));
    xhr.onload = async () => {
      const response = new Response(xhr.responseText, {
        status: xhr.status,
        headers: { 'X-Request-Id': xhr.getResponseHeader('X-Request-Id') ?? '' },
      });
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(await parseError(response, xhr.statusText || `HTTP ${xhr.status}`));
        return;
      }
      onProgress(100);
      try {
        resolve(JSON.parse(xhr.responseText) as StoredFile);
      } catch {
        reject(new ApiError(xhr.status, CLIENT_CODES.badResponse, 'Invalid JSON in response'));
      }
    };
    xhr.send(file);
  });
}

const betweenCache = new Map<string, Promise<number | null>>();

/**
 * Working days left from `today` to `due` (both China dates) in the region's calendar:
 * 0 on the due date, negative once overdue; null when the calendar cannot tell.
 */
export function remainingWorkingDays(region: string, today: string, due: string): Promise<number | null> {
  const key = `${region}|${today}|${due}`;
  let p = betweenCache.get(key);
  if (!p) {
    const [from, to, sign] = due >= today ? [today, due, 1] : [due, today, -1];
    p = api()
      .get<{ working_days: number }>(`/calendars/${region}/between`, { from, to })
      .then((r) => sign * r.working_days)
      .catch(() => null);
    betweenCache.set(key, p);
  }
  return p;
}

let calendarsCache: Promise<CalendarInfo[]> | null = null;

/** The calendars in force (GET /calendars), fetched once per page load. */
export function calendarInfos(): Promise<CalendarInfo[]> {
  calendarsCache ??= api()
    .get<{ data: CalendarInfo[] }>('/calendars')
    .then((r) => r.data)
    .catch(() => {
      calendarsCache = null;
      return [];
    });
  return calendarsCache;
}

/** The N-th working day after `date` (the 容缺 commitment's due date shown before accepting). */
export async function addWorkingDays(region: string, date: string, n: number): Promise<string | null> {
  try {
    return (await api().get<{ result: string }>(`/calendars/${region}/add`, { date, n })).result;
  } catch {
    return null;
  }
}
