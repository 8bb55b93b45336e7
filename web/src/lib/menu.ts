// The side menu as data: which roles see which entry. An entry is shown only when its route
// exists, so capabilities still being built can be listed here without dead links.
import type { RoleName } from './roles';

export interface MenuEntry {
  /** Stable id; also the i18n key suffix (menu.<key>) and the e2e test id (menu-<key>). */
  key: string;
  path: string;
  roles: readonly RoleName[] | 'all';
}

const STAFF: readonly RoleName[] = ['front_clerk', 'reviewer', 'dept_head', 'supervisor', 'admin'];
const APPLICANTS: readonly RoleName[] = ['applicant_person', 'applicant_org'];

export const MENU: readonly MenuEntry[] = [
  { key: 'home', path: '/', roles: 'all' },
  // The catalog is public data: every role (and signed-out visitors, by URL) may read it.
  { key: 'catalog', path: '/items', roles: 'all' },
  { key: 'catalogLists', path: '/catalog/lists', roles: 'all' },
  { key: 'indicators', path: '/catalog/indicators', roles: ['supervisor', 'admin', 'dept_head'] },
  { key: 'cases', path: '/cases', roles: ['front_clerk', 'reviewer', 'dept_head', ...APPLICANTS] },
  { key: 'services', path: '/cases/services', roles: APPLICANTS },
  { key: 'accessLog', path: '/me/access-log', roles: APPLICANTS },
  { key: 'department', path: '/cases/department', roles: ['dept_head'] },
  { key: 'bundles', path: '/bundles', roles: ['front_clerk', ...APPLICANTS, 'admin'] },
  { key: 'desk', path: '/desk', roles: ['front_clerk', 'supervisor'] },
  // 工程建设项目: the registry, the lead department's stage desk, a co-department's joint
  // tasks, and the stage templates (public data; administrators edit them).
  { key: 'projects', path: '/projects', roles: ['front_clerk', 'reviewer', 'dept_head', 'supervisor', 'admin', 'applicant_org'] },
  { key: 'projectDesk', path: '/project-desk', roles: ['reviewer', 'dept_head'] },
  { key: 'jointTasks', path: '/joint-tasks', roles: ['reviewer', 'dept_head'] },
  { key: 'projectTemplates', path: '/project-templates', roles: [...STAFF, 'applicant_org'] },
  // 三级联审 and 联审会 (docs/projects.md §8–9): the filings, a review post's inbox, the weekly
  // meetings and their decisions; administrators maintain the self-check rules.
  { key: 'filings', path: '/filings', roles: [...STAFF, 'applicant_org'] },
  { key: 'reviewInbox', path: '/filings/inbox', roles: ['reviewer', 'dept_head'] },
  { key: 'meetings', path: '/meetings', roles: ['reviewer', 'dept_head', 'supervisor', 'admin'] },
  { key: 'meetingDecisions', path: '/meeting-decisions', roles: ['reviewer', 'dept_head', 'supervisor', 'admin'] },
  { key: 'ruleSets', path: '/admin/rule-sets', roles: ['admin'] },
  { key: 'market', path: '/market', roles: ['agency', 'applicant_org', 'supervisor'] },
  { key: 'certificates', path: '/certificates', roles: [...APPLICANTS, 'front_clerk', 'reviewer'] },
  { key: 'tickets', path: '/tickets', roles: ['hotline_operator', 'dept_head', 'supervisor'] },
  // Administrators maintain exceptions; other staff read the calendar their time limits use.
  { key: 'calendar', path: '/calendar', roles: [...STAFF, 'hotline_operator'] },
  { key: 'supervision', path: '/supervision', roles: ['supervisor', 'dept_head'] },
  // 三员分立: the system administrator edits accounts; the security administrator clears a
  // lost second factor; the audit administrator alone reads the audit log.
  { key: 'users', path: '/admin/users', roles: ['admin', 'security_admin'] },
  { key: 'departments', path: '/admin/departments', roles: ['admin'] },
  { key: 'deskCategories', path: '/admin/desk-categories', roles: ['admin'] },
  { key: 'audit', path: '/admin/audit', roles: ['audit_admin'] },
];

export function roleMayUse(entry: MenuEntry, role: RoleName): boolean {
  return entry.roles === 'all' || entry.roles.includes(role);
}

/** The entries a role sees, in menu order, limited to paths the router knows. */
export function menuFor(
  role: RoleName,
  routeExists: (path: string) => boolean,
  menu: readonly MenuEntry[] = MENU,
): MenuEntry[] {
  return menu.filter((entry) => roleMayUse(entry, role) && routeExists(entry.path));
}
