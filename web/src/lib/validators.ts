// Client-side checks of Chinese identity numbers (REFERENCE §1). They let forms explain a
// typo before submitting; the server repeats every check and stays the authority.

/** Which rule an identifier broke; the same words the server sends in details.reason. */
export type IdRule = 'length' | 'characters' | 'region' | 'birth_date' | 'check_digit';

export type IdCheck = { ok: true; value: string } | { ok: false; reason: IdRule };

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

// GB/T 2260 province-level prefixes (first two digits of a region code).
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64',
  '65', '71', '81', '82',
]);

/** GB 11643 check character (ISO 7064 MOD 11-2) for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

function isValidBirthDate(yyyymmdd: string, today: Date): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return date.getTime() <= todayUtc;
}

/**
 * Validates an 18-character resident ID number (GB 11643-1999). Accepts a lower-case x and
 * returns the number upper-cased. `today` bounds the birth date (injected for tests).
 */
export function validateIdNumber(raw: string, today: Date = new Date()): IdCheck {
  const value = raw.trim().toUpperCase();
  if (value.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: 'characters' };
  if (!PROVINCE_PREFIXES.has(value.slice(0, 2))) return { ok: false, reason: 'region' };
  if (!isValidBirthDate(value.slice(6, 14), today)) return { ok: false, reason: 'birth_date' };
  if (idNumberCheckChar(value) !== value[17]) return { ok: false, reason: 'check_digit' };
  return { ok: true, value };
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100 check character (MOD 31) for the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/**
 * Validates an 18-character unified social credit code (GB 32100-2015). Accepts lower case
 * and returns the code upper-cased.
 */
export function validateUscc(raw: string): IdCheck {
  const value = raw.trim().toUpperCase();
  if (value.length !== 18) return { ok: false, reason: 'length' };
  for (const c of value) {
    if (!USCC_ALPHABET.includes(c)) return { ok: false, reason: 'characters' };
  }
  // Positions 3..8 are a GB/T 2260 region code; "100000" marks national-level registrations.
  const region = value.slice(2, 8);
  if (!/^\d{6}$/.test(region) || !(region === '100000' || PROVINCE_PREFIXES.has(region.slice(0, 2)))) {
    return { ok: false, reason: 'region' };
  }
  if (usccCheckChar(value) !== value[17]) return { ok: false, reason: 'check_digit' };
  return { ok: true, value };
}
