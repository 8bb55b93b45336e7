// Role names are the server's stable identifiers; labels live in the i18n files (role.<name>).

export const ROLE_NAMES = [
  'applicant_person',
  'applicant_org',
  'front_clerk',
  'reviewer',
  'dept_head',
  'supervisor',
  'agency',
  'hotline_operator',
  'admin',
  'security_admin',
  'audit_admin',
] as const;

export type RoleName = (typeof ROLE_NAMES)[number];

export function isRoleName(value: unknown): value is RoleName {
  return typeof value === 'string' && (ROLE_NAMES as readonly string[]).includes(value);
}

/** Applicants see public data only (no department or user lists). */
export function isApplicantRole(role: RoleName): boolean {
  return role === 'applicant_person' || role === 'applicant_org';
}

/**
 * 三员分立: the system, security and audit administrators. Their accounts are made and changed
 * by the operator (`tongban user`), never in the users page.
 */
export function isPrivilegedAdministrator(role: string): boolean {
  return role === 'admin' || role === 'security_admin' || role === 'audit_admin';
}
