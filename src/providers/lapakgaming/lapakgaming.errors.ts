import type { Money } from '../../core/money.js';
import { ResellerError, type ResellerErrorKind } from '../../core/ports/reseller.js';
import { idr } from './lapakgaming.catalog.js';
import { codeMeaning } from './lapakgaming.status.js';
import type { Enveloped, WireAmount } from './lapakgaming.wire.js';

export const RESELLER_ID = 'lapakgaming';

/** A typed failure of this reseller. */
export function lapakError(kind: ResellerErrorKind, message: string): ResellerError {
  return new ResellerError(RESELLER_ID, kind, message);
}

/** The error for a code where only SUCCESS was expected (reads). */
export function unexpectedCode(code: string, what: string): ResellerError {
  const meaning = codeMeaning(code).kind;
  if (meaning === 'auth') return lapakError('auth', `${what}: ${code}`);
  if (meaning === 'service_error') return lapakError('unavailable', `${what}: ${code}`);
  return lapakError('bad_response', `${what}: unexpected code ${code}`);
}

/** The data of a success; any other code on a read is a typed error. */
export function readData<T>(answer: Enveloped<T>, what: string): T {
  if (answer.ok) return answer.data;
  throw unexpectedCode(answer.code, what);
}

/** Rupiah from the wire, or a `bad_response` naming the field. */
export function rupiah(value: WireAmount, what: string): Money {
  try {
    return idr(value);
  } catch (error) {
    throw lapakError('bad_response', `${what}: ${(error as Error).message}`);
  }
}
