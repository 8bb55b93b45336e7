// Navigation rules: public pages open to all; others need a session (else /login?redirect=…);
// pages that list roles need one of them (else /403). A failing session probe goes to /error.
import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router';
import { ApiError } from '@/lib/api';
import type { RoleName } from '@/lib/roles';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session. */
    public?: boolean;
    /** Only for visitors without a session (login); signed-in users go home. */
    guestOnly?: boolean;
    /** Roles allowed; absent means every signed-in role. */
    roles?: readonly RoleName[];
  }
}

export interface SessionView {
  checked: boolean;
  user: { role: RoleName } | null;
  fetchMe(): Promise<boolean>;
}

export async function decideNavigation(
  to: RouteLocationNormalized,
  session: SessionView,
): Promise<true | RouteLocationRaw> {
  if (!session.checked) {
    try {
      await session.fetchMe();
    } catch (e) {
      if (to.meta.public) return true;
      const requestId = e instanceof ApiError ? e.requestId : null;
      return { name: 'server-error', query: requestId ? { request_id: requestId } : {} };
    }
  }
  if (to.meta.guestOnly && session.user) {
    const redirect = typeof to.query.redirect === 'string' ? to.query.redirect : '/';
    return safeRedirect(redirect);
  }
  if (to.meta.public) return true;
  if (!session.user) return { name: 'login', query: { redirect: to.fullPath } };
  const roles = to.meta.roles;
  if (roles && !roles.includes(session.user.role)) return { name: 'forbidden' };
  return true;
}

/** Only same-site paths: an open redirect to another origin must not be possible. */
export function safeRedirect(target: string): string {
  return target.startsWith('/') && !target.startsWith('//') ? target : '/';
}
