import { Money } from '../../../../core/money.js';
import type { ShopStats } from '../../../../core/admin/admin-service.js';
import type { BotContext } from '../../context.js';
import type { TelegramBotDeps } from '../../deps.js';
import { escapeHtml, formatMoney, html } from './format.js';

function renderPeriod(ctx: BotContext, currency: string, label: string, stats: ShopStats): string {
  // No margin without completed sales; otherwise null means costs in another currency.
  const margin = stats.margin ? formatMoney(stats.margin) : stats.completed === 0 ? formatMoney(Money.zero(currency)) : ctx.t('admin-stats-margin-unknown');
  const lines = [
    ctx.t('admin-stats-period', {
      period: label,
      orders: String(stats.orders),
      completed: String(stats.completed),
      failed: String(stats.failed),
      revenue: stats.revenue.length ? stats.revenue.map(formatMoney).join(', ') : formatMoney(Money.zero(currency)),
      margin,
    }),
  ];
  const failures = Object.entries(stats.failuresByReseller).sort(([, a], [, b]) => b - a);
  for (const [reseller, count] of failures) {
    lines.push(ctx.t('admin-stats-failure-line', { reseller: escapeHtml(reseller), count: String(count) }));
  }
  return lines.join('\n');
}

/** `/stats` — today (last 24 h) and the last 7 days. */
export async function statsCommand(ctx: BotContext, deps: TelegramBotDeps): Promise<void> {
  const currency = deps.shop.settings.currency;
  const [today, week] = await Promise.all([deps.shop.admin.stats(1), deps.shop.admin.stats(7)]);
  const text = [ctx.t('admin-stats-title'), renderPeriod(ctx, currency, ctx.t('admin-stats-today'), today), renderPeriod(ctx, currency, ctx.t('admin-stats-week'), week)].join('\n\n');
  await ctx.reply(text, html);
}
