import type { BotContext } from '../../context.js';
import type { TelegramBotDeps } from '../../deps.js';
import { commandArgs, escapeHtml, failureText, html } from './format.js';
import { userArgument } from './user-argument.js';

/** `/ban <user>` and `/unban <user>` (Telegram buyers, by @username or id). */
export async function banCommand(ctx: BotContext, deps: TelegramBotDeps, banned: boolean): Promise<void> {
  const parsed = userArgument.safeParse(commandArgs(ctx));
  if (!parsed.success) {
    await ctx.reply(ctx.t(banned ? 'admin-usage-ban' : 'admin-usage-unban'), html);
    return;
  }
  const result = await deps.shop.admin.setBanned('telegram', parsed.data, banned);
  if (!result.ok) {
    await ctx.reply(failureText(ctx, result), html);
    return;
  }
  deps.logger.info({ admin: ctx.from?.id, user: result.value.userId, banned }, 'admin changed a ban');
  await ctx.reply(ctx.t(banned ? 'admin-ban-done' : 'admin-unban-done', { user: escapeHtml(parsed.data) }), html);
}
