import { describe, expect, it, vi } from 'vitest';
import type { RouteLocationNormalized } from 'vue-router';
import { ApiError } from '@/lib/api';
import type { RoleName } from '@/lib/roles';
import { decideNavigation, safeRedirect, type SessionView } from './guard';

function to(fullPath: string, meta: RouteLocationNormalized['meta'] = {}, query = {}): RouteLocationNormalized {
  return { fullPath, meta, query } as unknown as RouteLocationNormalized;
}

function session(role: RoleName | null, checked = true, fetchMe?: () => Promise<boolean>): SessionView {
  return { checked, user: role ? { role } : null, fetchMe: fetchMe ?? (async () => role !== null) };
}

describe('decideNavigation', () => {
  it('sends visitors without a session to /login with the redirect', async () => {
    expect(await decideNavigation(to('/admin/users?page=2'), session(null))).toEqual({
      name: 'login',
      query: { redirect: '/admin/users?page=2' },
    });
  });

  it('lets visitors open public pages', async () => {
    expect(await decideNavigation(to('/register', { public: true }), session(null))).toBe(true);
  });

  it('sends a wrong role to 403', async () => {
    const admin = { roles: ['admin'] as RoleName[] };
    expect(await decideNavigation(to('/admin/users', admin), session('supervisor'))).toEqual({ name: 'forbidden' });
    expect(await decideNavigation(to('/admin/users', admin), session('admin'))).toBe(true);
  });

  it('asks the server once when the session is unknown', async () => {
    const fetchMe = vi.fn(async () => false);
    const s = session(null, false, fetchMe);
    await decideNavigation(to('/'), s);
    expect(fetchMe).toHaveBeenCalledTimes(1);
  });

  it('goes to the service error page with the request id when the probe fails', async () => {
    const s = session(null, false, async () => {
      throw new ApiError(503, 'unavailable', 'x', 'req-77');
    });
    expect(await decideNavigation(to('/'), s)).toEqual({ name: 'server-error', query: { request_id: 'req-77' } });
  });

  it('sends signed-in users away from the login page, to a safe redirect', async () => {
    const login = { public: true, guestOnly: true };
    expect(await decideNavigation(to('/login', login, { redirect: '/admin/audit' }), session('admin'))).toBe('/admin/audit');
    expect(await decideNavigation(to('/login', login, { redirect: 'https://evil.example' }), session('admin'))).toBe('/');
  });
});

describe('safeRedirect', () => {
  it.each([
    ['/admin', '/admin'],
    ['//evil.example', '/'],
    ['https://evil.example', '/'],
    ['', '/'],
  ])('%s → %s', (input, out) => expect(safeRedirect(input)).toBe(out));
});
