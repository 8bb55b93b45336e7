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
] as const;

export type RoleName = (typeof ROLE_NAMES)[number];

export function isRoleName(value: unknown): value is RoleName {
  return typeof value === 'string' && (ROLE_NAMES as readonly string[]).includes(value);
}

/** Applicants see public data only (no department or user lists). */
export function isApplicantRole(role: RoleName): boolean {
  return role === 'applicant_person' || role === 'applicant_org';
}
