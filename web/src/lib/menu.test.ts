import { describe, expect, it } from 'vitest';
import { MENU, menuFor } from './menu';
import { ROLE_NAMES } from './roles';

const BUILT = new Set(['/', '/admin/users', '/admin/departments', '/admin/audit']);
const built = (p: string) => BUILT.has(p);
const keys = (role: Parameters<typeof menuFor>[0]) => menuFor(role, built).map((e) => e.key);

describe('menuFor', () => {
  // 三员分立: the system administrator manages users and departments, the security
  // administrator reads users (to reset a second factor), the audit administrator alone reads
  // the audit log.
  it('gives admin the home page and the user and department pages, not the audit log', () => {
    expect(keys('admin')).toEqual(['home', 'users', 'departments']);
  });

  it('gives the security administrator the users page only, the auditor the audit log only', () => {
    expect(keys('security_admin')).toEqual(['home', 'users']);
    expect(keys('audit_admin')).toEqual(['home', 'audit']);
  });

  it('gives the supervisor neither the audit log nor user or department management', () => {
    expect(keys('supervisor')).toEqual(['home']);
  });

  it.each(['applicant_person', 'applicant_org', 'front_clerk', 'reviewer', 'dept_head', 'agency', 'hotline_operator'] as const)(
    'gives %s only the home page while other capabilities are unbuilt',
    (role) => {
      expect(keys(role)).toEqual(['home']);
    },
  );

  it('opens the catalog and its lists to every role, the indicators to supervision roles', () => {
    const withCatalog = (p: string) => built(p) || ['/items', '/catalog/lists', '/catalog/indicators', '/calendar'].includes(p);
    const k = (role: Parameters<typeof menuFor>[0]) => menuFor(role, withCatalog).map((e) => e.key);
    for (const role of ROLE_NAMES) {
      expect(k(role), role).toContain('catalog');
      expect(k(role), role).toContain('catalogLists');
    }
    expect(k('supervisor')).toContain('indicators');
    expect(k('admin')).toContain('indicators');
    expect(k('applicant_person')).not.toContain('indicators');
    expect(k('front_clerk')).not.toContain('indicators');
    expect(k('admin')).toContain('calendar');
    expect(k('reviewer')).toContain('calendar');
    expect(k('applicant_org')).not.toContain('calendar');
    expect(k('agency')).not.toContain('calendar');
  });

  it('hides entries whose route does not exist and shows them once it does', () => {
    expect(keys('front_clerk')).not.toContain('cases');
    const withCases = menuFor('front_clerk', (p) => built(p) || p === '/cases').map((e) => e.key);
    expect(withCases).toContain('cases');
    const citizen = menuFor('applicant_person', (p) => built(p) || p === '/cases').map((e) => e.key);
    expect(citizen).toContain('cases');
    expect(menuFor('agency', () => true).map((e) => e.key)).not.toContain('cases');
  });

  it("never shows administrators' entries to other roles, even if every route exists", () => {
    for (const role of ROLE_NAMES) {
      const k = menuFor(role, () => true).map((e) => e.key);
      if (role !== 'admin' && role !== 'security_admin') expect(k, role).not.toContain('users');
      if (role !== 'admin') expect(k, role).not.toContain('departments');
      if (role !== 'audit_admin') expect(k, role).not.toContain('audit');
    }
  });

  it('has unique keys and paths', () => {
    expect(new Set(MENU.map((e) => e.key)).size).toBe(MENU.length);
    expect(new Set(MENU.map((e) => e.path)).size).toBe(MENU.length);
  });
});
