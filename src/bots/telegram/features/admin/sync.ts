import type { BotContext } from '../../context.js';
import type { TelegramBotDeps } from '../../deps.js';
import { clip, escapeHtml, html } from './format.js';

/** `/sync` — refreshes the catalog now and reports what each reseller returned. */
export async function syncCommand(ctx: BotContext, deps: TelegramBotDeps): Promise<void> {
  const progress = await ctx.reply(ctx.t('admin-sync-started'), html);
  const reports = await deps.shop.catalog.refresh();
  const lines = [ctx.t('admin-sync-done', { listings: String(deps.shop.catalog.size) })];
  for (const report of reports) {
    lines.push(
      report.ok
        ? ctx.t('admin-sync-line', { reseller: escapeHtml(report.reseller), products: String(report.products) })
        : ctx.t('admin-sync-line-failed', { reseller: escapeHtml(report.reseller), error: escapeHtml(clip(report.error ?? '?', 200)) }),
    );
  }
  deps.logger.info({ admin: ctx.from?.id, reports }, 'admin refreshed the catalog');
  await ctx.api.editMessageText(progress.chat.id, progress.message_id, lines.join('\n'), html);
}
