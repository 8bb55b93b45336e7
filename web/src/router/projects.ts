// Routes of the 工程建设项目 pages (docs/projects.md): stage templates are public data and
// administrators edit them; the registry, registration and the project page (the server
// checks scope: an owner sees its own projects); the lead department's stage desk and a
// co-department's joint tasks.
import type { RouteRecordRaw } from 'vue-router';
import type { RoleName } from '@/lib/roles';

const PROJECT_READERS: RoleName[] = ['applicant_org', 'front_clerk', 'reviewer', 'dept_head', 'supervisor', 'admin'];
const LEADS: RoleName[] = ['reviewer', 'dept_head'];

export const projectRoutes: RouteRecordRaw[] = [
  {
    path: 'project-templates',
    name: 'project-templates',
    component: () => import('@/views/projects/TemplatesView.vue'),
    meta: { public: true },
  },
  {
    path: 'project-templates/:code',
    name: 'project-template',
    component: () => import('@/views/projects/TemplateDetailView.vue'),
    meta: { public: true },
  },
  {
    path: 'admin/project-templates/new',
    name: 'project-template-create',
    component: () => import('@/views/projects/TemplateEditorView.vue'),
    meta: { roles: ['admin'] },
  },
  {
    path: 'admin/project-templates/:code/edit',
    name: 'project-template-edit',
    component: () => import('@/views/projects/TemplateEditorView.vue'),
    meta: { roles: ['admin'] },
  },
  {
    path: 'projects',
    name: 'projects',
    component: () => import('@/views/projects/ProjectsView.vue'),
    meta: { roles: PROJECT_READERS },
  },
  {
    path: 'projects/new',
    name: 'project-register',
    component: () => import('@/views/projects/ProjectRegisterView.vue'),
    meta: { roles: ['applicant_org', 'front_clerk', 'admin'] },
  },
  {
    path: 'projects/:code',
    name: 'project',
    component: () => import('@/views/projects/ProjectView.vue'),
    meta: { roles: PROJECT_READERS },
  },
  {
    path: 'project-desk',
    name: 'project-desk',
    component: () => import('@/views/projects/StageDeskView.vue'),
    meta: { roles: LEADS },
  },
  {
    path: 'joint-tasks',
    name: 'joint-tasks',
    component: () => import('@/views/projects/JointTasksView.vue'),
    meta: { roles: LEADS },
  },
];
