// Routes of the case pages (children of the signed-in layout). Roles follow docs/casework.md.
import type { RouteRecordRaw } from 'vue-router';
import type { RoleName } from '@/lib/roles';

const APPLICANTS: RoleName[] = ['applicant_person', 'applicant_org'];
const CASE_ROLES: RoleName[] = [...APPLICANTS, 'front_clerk', 'reviewer', 'dept_head', 'supervisor', 'admin'];

export const caseRoutes: RouteRecordRaw[] = [
  {
    path: 'cases',
    name: 'cases',
    component: () => import('@/views/cases/CasesHome.vue'),
    meta: { roles: [...APPLICANTS, 'front_clerk', 'reviewer', 'dept_head'] },
  },
  {
    path: 'cases/services',
    name: 'case-services',
    component: () => import('@/views/cases/ServicesView.vue'),
    meta: { roles: [...APPLICANTS] },
  },
  {
    path: 'cases/apply/:code',
    name: 'case-apply',
    component: () => import('@/views/cases/ApplyView.vue'),
    meta: { roles: [...APPLICANTS] },
  },
  {
    path: 'me/access-log',
    name: 'access-log',
    component: () => import('@/views/cases/AccessLogView.vue'),
    meta: { roles: [...APPLICANTS] },
  },
  {
    path: 'cases/department',
    name: 'case-department',
    component: () => import('@/views/cases/DepartmentView.vue'),
    meta: { roles: ['dept_head'] },
  },
  {
    path: 'cases/:id(\\d+)',
    name: 'case',
    component: () => import('@/views/cases/CaseView.vue'),
    meta: { roles: CASE_ROLES },
  },
  {
    path: 'cases/:id(\\d+)/notice',
    name: 'case-notice',
    component: () => import('@/views/cases/NoticeView.vue'),
    meta: { roles: CASE_ROLES },
  },
];
