import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import LoginView from './LoginView.vue';
import { createAppI18n } from '@/i18n';
import { createApiClient, setApi } from '@/lib/api';
import { installElement } from '@/plugins/element';
import { useSessionStore } from '@/stores/session';

type Answer = { status: number; body: unknown };

/** `answer`: the server's answer to every call, or to each call in turn (the last repeats). */
function setup(answer: Answer | Answer[]) {
  const answers = Array.isArray(answer) ? [...answer] : [answer];
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchFn = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json' },
    });
  }) as unknown as typeof fetch;
  const pinia = createPinia();
  setActivePinia(pinia);
  const i18n = createAppI18n('zh-CN');
  setApi(createApiClient({ getLocale: () => 'zh-CN', getCsrfToken: () => null, fetch: fetchFn }));
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: LoginView },
      { path: '/', name: 'home', component: { template: '<div>home</div>' } },
      { path: '/register', component: { template: '<div>register</div>' } },
      { path: '/admin/users', component: { template: '<div>users</div>' } },
    ],
  });
  return { calls, pinia, i18n, router };
}

async function mountLogin(answer: Answer | Answer[], start = '/login') {
  const env = setup(answer);
  await env.router.push(start);
  await env.router.isReady();
  const wrapper = mount(LoginView, {
    attachTo: document.body,
    global: { plugins: [env.pinia, env.i18n, env.router, { install: installElement }] },
  });
  return { ...env, wrapper };
}

async function submit(wrapper: Awaited<ReturnType<typeof mountLogin>>['wrapper']) {
  await wrapper.find('form').trigger('submit');
  for (let i = 0; i < 5; i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 0));
  }
}

const USER = {
  id: 1,
  username: 'admin',
  display_name: '管理员',
  role: 'admin',
  department_id: null,
  region_code: null,
  kind: 'staff',
  disabled: false,
  created_at: '2026-01-01T00:00:00Z',
};

describe('LoginView', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('shows Chinese messages for empty fields and sends nothing', async () => {
    const { wrapper, calls } = await mountLogin({ status: 200, body: {} });
    await submit(wrapper);
    // Element Plus renders each field's error once its async validator settles.
    await vi.waitFor(() => {
      expect(wrapper.text()).toContain('请输入用户名');
      expect(wrapper.text()).toContain('请输入密码');
    });
    expect(calls).toHaveLength(0);
    wrapper.unmount();
  });

  it('asks only for the password when the username is given', async () => {
    const { wrapper, calls } = await mountLogin({ status: 200, body: {} });
    await wrapper.find('[data-testid="login-username"]').setValue('admin');
    await submit(wrapper);
    await vi.waitFor(() => expect(wrapper.text()).toContain('请输入密码'));
    expect(wrapper.text()).not.toContain('请输入用户名');
    expect(calls).toHaveLength(0);
    wrapper.unmount();
  });

  it('shows the server message on invalid credentials and stays on the page', async () => {
    const { wrapper, calls, router } = await mountLogin({
      status: 401,
      body: { code: 'invalid_credentials', message: '用户名或密码错误', request_id: 'r1' },
    });
    await wrapper.find('[data-testid="login-username"]').setValue('admin');
    await wrapper.find('[data-testid="login-password"]').setValue('wrong');
    await submit(wrapper);
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('/api/v1/auth/login');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ username: 'admin', password: 'wrong' });
    expect(wrapper.find('[data-testid="login-error"]').text()).toContain('用户名或密码错误');
    expect(router.currentRoute.value.name).toBe('login');
    wrapper.unmount();
  });

  it('stores the session and follows the redirect after a successful login', async () => {
    const { wrapper, router } = await mountLogin(
      { status: 200, body: { user: USER, csrf_token: 'csrf-123' } },
      '/login?redirect=/admin/users',
    );
    await wrapper.find('[data-testid="login-username"]').setValue(' admin ');
    await wrapper.find('[data-testid="login-password"]').setValue('Tongban@2026');
    await submit(wrapper);
    const session = useSessionStore();
    expect(session.user?.username).toBe('admin');
    expect(session.csrfToken).toBe('csrf-123');
    expect(router.currentRoute.value.fullPath).toBe('/admin/users');
    wrapper.unmount();
  });

  it('asks for a new password when the old one has expired, checks it, and sends it with the old', async () => {
    const { wrapper, calls, router } = await mountLogin([
      { status: 401, body: { code: 'password_expired', message: '密码已过期，请设置新密码', request_id: 'r1' } },
      { status: 200, body: { user: USER, csrf_token: 'c' } },
    ]);
    await wrapper.find('[data-testid="login-username"]').setValue('admin');
    await wrapper.find('[data-testid="login-password"]').setValue('Tongban@2026');
    await submit(wrapper);
    expect(wrapper.find('[data-testid="login-step"]').text()).toContain('密码已过期');
    // The same password again, and a confirmation that differs: refused here, nothing sent.
    await wrapper.find('[data-testid="login-new-password"]').setValue('Tongban@2026');
    await wrapper.find('[data-testid="login-confirm-password"]').setValue('Other@2027x');
    await submit(wrapper);
    await vi.waitFor(() => {
      expect(wrapper.text()).toContain('新密码不能与当前密码相同');
      expect(wrapper.text()).toContain('两次输入的新密码不一致');
    });
    expect(calls).toHaveLength(1);
    await wrapper.find('[data-testid="login-new-password"]').setValue('Fresh-Pass-2027');
    await wrapper.find('[data-testid="login-confirm-password"]').setValue('Fresh-Pass-2027');
    await submit(wrapper);
    expect(calls).toHaveLength(2);
    expect(JSON.parse(String(calls[1].init.body))).toEqual({
      username: 'admin',
      password: 'Tongban@2026',
      new_password: 'Fresh-Pass-2027',
    });
    expect(router.currentRoute.value.fullPath).toBe('/');
    wrapper.unmount();
  });

  it('refuses a redirect to another origin', async () => {
    const { wrapper, router } = await mountLogin(
      { status: 200, body: { user: USER, csrf_token: 'c' } },
      '/login?redirect=//evil.example/x',
    );
    await wrapper.find('[data-testid="login-username"]').setValue('admin');
    await wrapper.find('[data-testid="login-password"]').setValue('Tongban@2026');
    await submit(wrapper);
    expect(router.currentRoute.value.fullPath).toBe('/');
    wrapper.unmount();
  });
});
