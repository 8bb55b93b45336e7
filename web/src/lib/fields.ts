// Field rules shared by the forms. They mirror what the server is expected to enforce; the
// server's validation_failed (with details.field) remains the authority.

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;
export const PASSWORD_MIN_LENGTH = 8;

export type PasswordProblem = 'passwordLength' | 'passwordStrength' | 'passwordUsername';

/** GB/T 22239 level 3, as the server checks it (core/identity/account_policy.hpp): at least
 * 8 characters from three of lower case, upper case, digits and anything else, not containing
 * the username. The server also refuses the most common such passwords. */
export function passwordProblem(password: string, username = ''): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'passwordLength';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return 'passwordStrength';
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return 'passwordUsername';
  return null;
}

/** Why `next` cannot replace the password `current` of `username`, as an i18n key; null: it can. */
export function replacementProblem(next: string, current: string, username: string): string | null {
  if (next === current) return 'password.sameAsOld';
  const problem = passwordProblem(next, username);
  return problem ? `validation.${problem}` : null;
}

export function isValidUsername(username: string): boolean {
  return USERNAME_PATTERN.test(username);
}
