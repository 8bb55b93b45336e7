// Mounts a component for a test the way the app runs it (Pinia, a router, zh-CN messages,
// Element Plus) against a fake server: `answer(url, method)` gives each request's status and
// JSON body; every request is recorded in `calls` with its parsed body.
import { vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { Component } from 'vue';
import { createAppI18n } from '@/i18n';
import { createApiClient, setApi } from '@/lib/api';
import { installElement } from '@/plugins/element';

export type Answer = { status: number; body: unknown };
export type Call = { url: string; method: string; body: unknown };

/** Lets pending requests, promise chains and zero-delay timers run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 0));
  }
}

export async function mountWithApi(component: Component, props: Record<string, unknown>, answer: (url: string, method: string) => Answer) {
  const calls: Call[] = [];
  const fetchFn = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push({ url: String(url), method, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const a = answer(String(url), method);
    return new Response(JSON.stringify(a.body), { status: a.status, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch;
  setActivePinia(createPinia());
  setApi(createApiClient({ getLocale: () => 'zh-CN', getCsrfToken: () => null, fetch: fetchFn }));
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div/>' } }] });
  const wrapper = mount(component, {
    attachTo: document.body,
    props,
    global: { plugins: [createAppI18n('zh-CN'), router, { install: installElement }] },
  });
  await settle();
  return { wrapper, calls };
}
