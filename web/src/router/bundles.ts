// Routes of the bundle pages (一件事, docs/bundles.md): the catalogue is public data; applying
// is for applicants; the parent case for applicants and staff (the server checks scope).
import type { RouteRecordRaw } from 'vue-router';
import type { RoleName } from '@/lib/roles';

const APPLICANTS: RoleName[] = ['applicant_person', 'applicant_org'];

export const bundleRoutes: RouteRecordRaw[] = [
  {
    path: 'bundles',
    name: 'bundles',
    component: () => import('@/views/bundles/BundlesView.vue'),
    meta: { public: true },
  },
  {
    path: 'bundles/:code/apply',
    name: 'bundle-apply',
    component: () => import('@/views/bundles/BundleApplyView.vue'),
    meta: { roles: APPLICANTS },
  },
  {
    path: 'bundle-cases/:id(\\d+)',
    name: 'bundle-case',
    component: () => import('@/views/bundles/BundleCaseView.vue'),
    meta: { roles: [...APPLICANTS, 'front_clerk', 'reviewer', 'dept_head', 'supervisor', 'admin'] },
  },
  {
    path: 'desk',
    name: 'desk',
    component: () => import('@/views/bundles/DeskView.vue'),
    meta: { roles: ['front_clerk', 'supervisor', 'admin'] },
  },
  {
    path: 'admin/desk-categories',
    name: 'desk-categories',
    component: () => import('@/views/bundles/DeskCategoriesView.vue'),
    meta: { roles: ['admin'] },
  },
  {
    path: 'admin/bundles/new',
    name: 'bundle-new',
    component: () => import('@/views/bundles/BundleEditorView.vue'),
    meta: { roles: ['admin'] },
  },
  {
    path: 'admin/bundles/:code/edit',
    name: 'bundle-edit',
    component: () => import('@/views/bundles/BundleEditorView.vue'),
    meta: { roles: ['admin'] },
  },
];
