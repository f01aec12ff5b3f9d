import { z } from 'zod';

/**
 * Callback data of admin buttons: `<action>:<order reference>`, e.g. `ao:K7F3-92QX` (at most
 * 11 bytes, far below Telegram's 64). `ao:` is also what operator alerts carry.
 */
export const adminActions = {
  /** Opens the order card as a new message (alerts carry this). */
  open: 'ao',
  /** Redraws the card in place. */
  refresh: 'aq',
  retry: 'ar',
  /** Asks to confirm a refund. */
  refund: 'af',
  refundConfirmed: 'ay',
  /** Asks for the code(s) to mark the order completed with. */
  complete: 'am',
} as const;

export type AdminAction = keyof typeof adminActions;

const prefixes = Object.values(adminActions);
const actionByPrefix = new Map<string, AdminAction>(Object.entries(adminActions).map(([action, prefix]) => [prefix, action as AdminAction]));

/** Matches every admin button, valid or not, so a stale or forged one is answered here. */
export const adminCallbackPattern = new RegExp(`^(?:${prefixes.join('|')}):`);

const callbackSchema = z.object({
  prefix: z.enum(prefixes as [string, ...string[]]),
  reference: z.string().regex(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/),
});

export function encodeAdminCallback(action: AdminAction, reference: string): string {
  return `${adminActions[action]}:${reference}`;
}

export function decodeAdminCallback(data: string): { action: AdminAction; reference: string } | undefined {
  const colon = data.indexOf(':');
  const parsed = callbackSchema.safeParse({ prefix: data.slice(0, colon), reference: data.slice(colon + 1) });
  if (colon < 0 || !parsed.success) return undefined;
  const action = actionByPrefix.get(parsed.data.prefix);
  return action ? { action, reference: parsed.data.reference } : undefined;
}
