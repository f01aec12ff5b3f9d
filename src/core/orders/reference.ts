import { randomInt } from 'node:crypto';

/** Crockford base32 without I, L, O, U: nothing a buyer can misread when typing it to support. */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short, human-friendly order reference such as `K7F3-92QX` (40 bits of randomness). */
export function newOrderReference(): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += alphabet[randomInt(alphabet.length)];
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/** Accepts what a person types (`k7f3 92qx`, `K7F392QX`, `#K7F3-92QX`) and returns the canonical form. */
export function normalizeReference(input: string): string | undefined {
  const cleaned = input
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== 8 || [...cleaned].some((c) => !alphabet.includes(c))) return undefined;
  return `${cleaned.slice(0, 4)}-${cleaned.slice(4)}`;
}
