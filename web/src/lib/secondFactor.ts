// The second factor (TOTP) as the login page and the account-security page show it: the
// enrolment the server hands out, the code the user types, the recovery codes to keep.

/** What an authenticator app is set up with (POST /me/second-factor, or a login's 401). */
export interface Enrolment {
  secret: string;
  otpauth_uri: string;
}

export interface SecondFactorStatus {
  enrolled: boolean;
  required: boolean;
  recovery_codes_left: number;
}

/** The server's codes that move the login dialogue to its next step. */
export const SECOND_FACTOR_REQUIRED = 'second_factor_required';
/** The password is past the configured maximum age: sign in again with a new one. */
export const PASSWORD_EXPIRED = 'password_expired';
export const ENROLMENT_REQUIRED = 'second_factor_enrolment_required';

/** The enrolment carried by a 401 second_factor_enrolment_required body, if well-formed. */
export function enrolmentOf(payload: Record<string, unknown>): Enrolment | null {
  const e = payload.enrolment as Partial<Enrolment> | undefined;
  if (!e || typeof e.secret !== 'string' || typeof e.otpauth_uri !== 'string') return null;
  return { secret: e.secret, otpauth_uri: e.otpauth_uri };
}

/** The secret in groups of four, as people copy it into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').match(/.{1,4}/g)?.join(' ') ?? '';
}

/** Six digits from an authenticator (spaces allowed), or a recovery code (xxxxx-xxxxx). */
export function isCodeLike(text: string, allowRecovery: boolean): boolean {
  const t = text.replace(/\s+/g, '');
  if (/^\d{6}$/.test(t)) return true;
  return allowRecovery && /^[a-z2-7]{5}-?[a-z2-7]{5}$/i.test(t);
}

/** What is sent: digits without spaces; a recovery code as typed (the server normalises). */
export function normaliseCode(text: string): string {
  const t = text.trim();
  return /^[\d\s]+$/.test(t) ? t.replace(/\s+/g, '') : t;
}

/** The text file of recovery codes a user downloads and keeps. */
export function recoveryCodesText(username: string, codes: string[], heading: string): string {
  return [`${heading}`, `${username}`, '', ...codes, ''].join('\n');
}
