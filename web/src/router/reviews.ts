// Routes of 三级联审 and 联审会 (docs/projects.md §8–9): filings (staff read every one, an
// organisation its own: the server scopes), a review post's inbox, a new filing from its
// project, the meetings and their decisions (staff), the self-check rules (public data,
// administrators edit them).
import type { RouteRecordRaw } from 'vue-router';
import type { RoleName } from '@/lib/roles';

const FILING_READERS: RoleName[] = ['applicant_org', 'front_clerk', 'reviewer', 'dept_head', 'supervisor', 'admin'];
const MEETING_READERS: RoleName[] = ['front_clerk', 'reviewer', 'dept_head', 'supervisor', 'admin'];

export const reviewRoutes: RouteRecordRaw[] = [
  {
    path: 'filings',
    name: 'filings',
    component: () => import('@/views/reviews/FilingsView.vue'),
    meta: { roles: FILING_READERS },
  },
  {
    path: 'filings/inbox',
    name: 'review-inbox',
    component: () => import('@/views/reviews/ReviewInboxView.vue'),
    meta: { roles: ['reviewer', 'dept_head'] },
  },
  {
    path: 'filings/:id(\\d+)',
    name: 'filing',
    component: () => import('@/views/reviews/FilingView.vue'),
    meta: { roles: FILING_READERS },
  },
  {
    path: 'projects/:code/filings/new',
    name: 'filing-create',
    component: () => import('@/views/reviews/FilingCreateView.vue'),
    meta: { roles: ['applicant_org', 'front_clerk', 'admin'] },
  },
  {
    path: 'meetings',
    name: 'meetings',
    component: () => import('@/views/reviews/MeetingsView.vue'),
    meta: { roles: MEETING_READERS },
  },
  {
    path: 'meetings/:id(\\d+)',
    name: 'meeting',
    component: () => import('@/views/reviews/MeetingView.vue'),
    meta: { roles: MEETING_READERS },
  },
  {
    path: 'meeting-decisions',
    name: 'meeting-decisions',
    component: () => import('@/views/reviews/DecisionsView.vue'),
    meta: { roles: MEETING_READERS },
  },
  {
    path: 'admin/rule-sets',
    name: 'rule-sets',
    component: () => import('@/views/reviews/RuleSetsView.vue'),
    meta: { roles: ['admin'] },
  },
];
