// Field rules shared by the forms. They mirror what the server is expected to enforce; the
// server's validation_failed (with details.field) remains the authority.

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;
export const PASSWORD_MIN_LENGTH = 8;

export type PasswordProblem = 'passwordLength' | 'passwordStrength';

export function passwordProblem(password: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'passwordLength';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'passwordStrength';
  return null;
}

export function isValidUsername(username: string): boolean {
  return USERNAME_PATTERN.test(username);
}
