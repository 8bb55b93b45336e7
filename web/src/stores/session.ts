// The signed-in user and the CSRF token. The session cookie itself is HttpOnly: only the
// server sees it; this store learns who we are from /auth/me and /auth/login.
import { defineStore } from 'pinia';
import { ApiError, api } from '@/lib/api';
import type { User } from '@/lib/model';

interface SessionAnswer {
  user: User;
  csrf_token: string;
}

export const useSessionStore = defineStore('session', {
  state: () => ({
    user: null as User | null,
    csrfToken: null as string | null,
    /** True once /auth/me has answered (either way) in this page load. */
    checked: false,
  }),
  getters: {
    loggedIn: (s) => s.user !== null,
    role: (s) => s.user?.role ?? null,
  },
  actions: {
    accept(answer: SessionAnswer) {
      this.user = answer.user;
      this.csrfToken = answer.csrf_token;
      this.checked = true;
    },
    clear() {
      this.user = null;
      this.csrfToken = null;
      this.checked = true;
    },
    /** Asks the server who we are; resolves false when not signed in. Other errors throw. */
    async fetchMe(): Promise<boolean> {
      try {
        this.accept(await api().get<SessionAnswer>('/auth/me', undefined, { redirectOn401: false }));
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          this.clear();
          return false;
        }
        throw e;
      }
    },
    /**
     * Signs in. `secondFactor`: the authenticator's code (or a recovery code) when the server
     * asked for one (ApiError second_factor_required / second_factor_enrolment_required).
     * `newPassword`: replaces an expired password (ApiError password_expired).
     * Answers the recovery codes issued when this sign-in confirmed an enrolment (shown once).
     */
    async login(username: string, password: string, secondFactor = '', newPassword = ''): Promise<string[]> {
      const body: Record<string, string> = { username, password };
      if (secondFactor) body.second_factor = secondFactor;
      if (newPassword) body.new_password = newPassword;
      const answer = await api().post<SessionAnswer & { recovery_codes?: string[] }>('/auth/login', body, {
        redirectOn401: false,
      });
      this.accept(answer);
      return answer.recovery_codes ?? [];
    },
    async logout(): Promise<void> {
      try {
        await api().post('/auth/logout', undefined, { redirectOn401: false });
      } finally {
        this.clear();
      }
    },
  },
});
