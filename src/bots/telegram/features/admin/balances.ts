import type { BotContext } from '../../context.js';
import type { TelegramBotDeps } from '../../deps.js';
import { clip, escapeHtml, formatMoney, html } from './format.js';

/** `/balances` — every reseller's balance, or why it could not be read. */
export async function balancesCommand(ctx: BotContext, deps: TelegramBotDeps): Promise<void> {
  const balances = await deps.shop.admin.balances();
  const lines = [ctx.t('admin-balances-title')];
  if (balances.length === 0) lines.push(ctx.t('admin-balances-none'));
  for (const entry of balances) {
    lines.push(
      entry.balance
        ? ctx.t('admin-balances-line', { reseller: escapeHtml(entry.reseller), balance: formatMoney(entry.balance) })
        : ctx.t('admin-balances-error-line', { reseller: escapeHtml(entry.reseller), error: escapeHtml(clip(entry.error ?? '?', 200)) }),
    );
  }
  await ctx.reply(lines.join('\n'), html);
}
