import { z } from 'zod';
import { markupPrecedence } from '../../../../core/pricing/pricing.js';
import type { BotContext } from '../../context.js';
import type { TelegramBotDeps } from '../../deps.js';
import { commandArgs, escapeHtml, failureText, html, splitArgs } from './format.js';

const percent = z.string().regex(/^\d{1,4}(\.\d{1,4})?$/);
const target = z.string().trim().min(1).max(200);

/** The forms `/markup` takes, as token tuples. */
const markupArguments = z.union([
  z.tuple([]).transform(() => ({ action: 'show' as const })),
  z.tuple([z.literal('global'), percent]).transform(([scope, value]) => ({ action: 'set' as const, scope, target: '', percent: value })),
  z.tuple([z.enum(['reseller', 'game', 'listing']), target, percent]).transform(([scope, name, value]) => ({ action: 'set' as const, scope, target: name, percent: value })),
  z.tuple([z.literal('remove'), z.literal('global')]).transform(([, scope]) => ({ action: 'remove' as const, scope, target: '' })),
  z.tuple([z.literal('remove'), z.enum(['reseller', 'game', 'listing']), target]).transform(([, scope, name]) => ({ action: 'remove' as const, scope, target: name })),
]);

/** `game PUBG Mobile`, `reseller sandbox`, or just `global`. */
function describe(scope: string, target: string): string {
  return scope === 'global' ? scope : `${scope} ${escapeHtml(target)}`;
}

async function showRules(ctx: BotContext, deps: TelegramBotDeps): Promise<void> {
  const policy = await deps.shop.pricing.policy();
  const rank = (scope: string) => markupPrecedence.indexOf(scope as (typeof markupPrecedence)[number]);
  const rules = policy.markupRules().sort((a, b) => rank(a.scope) - rank(b.scope) || a.target.localeCompare(b.target));
  const lines = [
    ctx.t('admin-markup-title'),
    ctx.t('admin-markup-default', { percent: policy.defaultMarkupPercent.toString(), minimum: policy.minMarginPercent.toString() }),
  ];
  if (rules.length === 0) lines.push(ctx.t('admin-markup-none'));
  for (const rule of rules) {
    lines.push(ctx.t('admin-markup-rule', { what: describe(rule.scope, rule.target), percent: rule.percent.toString() }));
  }
  lines.push('', ctx.t('admin-usage-markup'));
  await ctx.reply(lines.join('\n'), html);
}

/** `/markup …` — show the rules, set one, or remove one (through the pricing service). */
export async function markupCommand(ctx: BotContext, deps: TelegramBotDeps): Promise<void> {
  const parsed = markupArguments.safeParse(splitArgs(commandArgs(ctx)));
  if (!parsed.success) {
    await ctx.reply(ctx.t('admin-usage-markup'), html);
    return;
  }
  const command = parsed.data;
  if (command.action === 'show') {
    await showRules(ctx, deps);
    return;
  }
  const what = describe(command.scope, command.target);
  if (command.action === 'set') {
    const result = await deps.shop.pricing.setMarkup(command.scope, command.target, command.percent);
    if (!result.ok) {
      await ctx.reply(failureText(ctx, result), html);
      return;
    }
    deps.logger.info({ admin: ctx.from?.id, scope: command.scope, target: command.target, percent: command.percent }, 'admin set a markup');
    await ctx.reply(ctx.t('admin-markup-set', { what, percent: result.value.percent.toString() }), html);
    return;
  }
  const result = await deps.shop.pricing.removeMarkup(command.scope, command.target);
  if (!result.ok) {
    await ctx.reply(failureText(ctx, result), html);
    return;
  }
  deps.logger.info({ admin: ctx.from?.id, scope: command.scope, target: command.target, removed: result.value }, 'admin removed a markup');
  await ctx.reply(ctx.t(result.value ? 'admin-markup-removed' : 'admin-markup-missing', { what }), html);
}
