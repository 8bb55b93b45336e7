import { createRouter, createWebHistory, type RouteRecordRaw, type Router } from 'vue-router';
import AppLayout from '@/layouts/AppLayout.vue';
import HomeView from '@/views/HomeView.vue';
import LoginView from '@/views/LoginView.vue';
import ErrorView from '@/views/ErrorView.vue';
import { decideNavigation, type SessionView } from './guard';
import { caseRoutes } from './cases';
import { bundleRoutes } from './bundles';
import { projectRoutes } from './projects';
import { reviewRoutes } from './reviews';

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginView, meta: { public: true, guestOnly: true } },
  {
    path: '/register',
    name: 'register',
    component: () => import('@/views/RegisterView.vue'),
    meta: { public: true },
  },
  { path: '/error', name: 'server-error', component: ErrorView, props: { kind: 'server' }, meta: { public: true } },
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', name: 'home', component: HomeView },
      { path: 'account/security', name: 'security', component: () => import('@/views/account/SecurityView.vue') },
      {
        path: 'admin/users',
        name: 'users',
        component: () => import('@/views/admin/UsersView.vue'),
        meta: { roles: ['admin', 'security_admin'] },
      },
      {
        path: 'admin/departments',
        name: 'departments',
        component: () => import('@/views/admin/DepartmentsView.vue'),
        meta: { roles: ['admin'] },
      },
      {
        path: 'admin/audit',
        name: 'audit',
        component: () => import('@/views/admin/AuditView.vue'),
        meta: { roles: ['audit_admin'] },
      },
      {
        path: 'items',
        name: 'items',
        component: () => import('@/views/catalog/ItemsView.vue'),
        meta: { public: true },
      },
      {
        path: 'items/:code',
        name: 'item',
        component: () => import('@/views/catalog/ItemDetailView.vue'),
        meta: { public: true },
      },
      {
        path: 'catalog/lists',
        name: 'catalog-lists',
        component: () => import('@/views/catalog/CatalogListsView.vue'),
        meta: { public: true },
      },
      {
        path: 'catalog/indicators',
        name: 'catalog-indicators',
        component: () => import('@/views/catalog/IndicatorsView.vue'),
        meta: { roles: ['supervisor', 'admin', 'dept_head'] },
      },
      {
        path: 'admin/items/new',
        name: 'item-create',
        component: () => import('@/views/catalog/ItemEditorView.vue'),
        meta: { roles: ['admin'] },
      },
      {
        path: 'admin/items/:code/edit',
        name: 'item-edit',
        component: () => import('@/views/catalog/ItemEditorView.vue'),
        meta: { roles: ['admin'] },
      },
      {
        path: 'supervision',
        name: 'supervision',
        component: () => import('@/views/supervision/SupervisionView.vue'),
        meta: { roles: ['supervisor', 'dept_head'] },
      },
      {
        path: 'calendar',
        name: 'calendar',
        component: () => import('@/views/calendar/CalendarView.vue'),
        meta: { roles: ['front_clerk', 'reviewer', 'dept_head', 'supervisor', 'admin', 'hotline_operator'] },
      },
      ...caseRoutes,
      ...bundleRoutes,
      ...projectRoutes,
      ...reviewRoutes,
      { path: '403', name: 'forbidden', component: ErrorView, props: { kind: 'forbidden' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: ErrorView, props: { kind: 'not_found' } },
    ],
  },
];

/** True when a menu path leads to a real page (not the catch-all 404). */
export function routeExists(router: Router, path: string): boolean {
  const resolved = router.resolve(path);
  return resolved.matched.length > 0 && resolved.name !== 'not-found';
}

export function createAppRouter(session: () => SessionView): Router {
  const router = createRouter({ history: createWebHistory(), routes });
  router.beforeEach((to) => decideNavigation(to, session()));
  return router;
}
