import { z } from 'zod';

/** A buyer as an admin names them: `@username` or a Telegram user id. */
export const userArgument = z
  .string()
  .trim()
  .regex(/^(@[A-Za-z0-9_]{3,32}|\d{1,20})$/);
