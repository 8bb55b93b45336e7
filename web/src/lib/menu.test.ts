import { describe, expect, it } from 'vitest';
import { MENU, menuFor } from './menu';
import { ROLE_NAMES } from './roles';

const BUILT = new Set(['/', '/admin/users', '/admin/departments', '/admin/audit']);
const built = (p: string) => BUILT.has(p);
const keys = (role: Parameters<typeof menuFor>[0]) => menuFor(role, built).map((e) => e.key);

describe('menuFor', () => {
  it('gives admin the home page and every admin page', () => {
    expect(keys('admin')).toEqual(['home', 'users', 'departments', 'audit']);
  });

  it('gives the supervisor the audit log but not user or department management', () => {
    expect(keys('supervisor')).toEqual(['home', 'audit']);
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

  it('never shows admin-only entries to other roles, even if every route exists', () => {
    for (const role of ROLE_NAMES.filter((r) => r !== 'admin')) {
      const k = menuFor(role, () => true).map((e) => e.key);
      expect(k).not.toContain('users');
      expect(k).not.toContain('departments');
    }
  });

  it('has unique keys and paths', () => {
    expect(new Set(MENU.map((e) => e.key)).size).toBe(MENU.length);
    expect(new Set(MENU.map((e) => e.path)).size).toBe(MENU.length);
  });
});
