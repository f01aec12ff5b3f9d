# Admin commands, operator alerts and the support relay.
# Variables arrive already escaped for HTML; amounts arrive formatted ("12.50 USD").

## Guard and common

admin-refused = Sorry, this command is only for shop admins.
admin-refused-chat = Sorry, admin commands work only in a private chat with the bot or in the operator group.
admin-button-expired = This button has expired. Open the order again with /order.
admin-action-failed = Something went wrong; nothing was changed. Try again.
admin-failed = ⚠️ { $message }
admin-failed-detail =
    ⚠️ { $message }
    <i>{ $detail }</i>

## Usage

admin-usage-order = Usage: <code>/order K7F3-92QX</code>
admin-usage-refund = Usage: <code>/refund K7F3-92QX [note]</code> — refunds an order that is stuck, needs review, or failed without a refund.
admin-usage-complete =
    Usage: <code>/complete K7F3-92QX CODE</code>
    More codes go on the following lines, one per line.
admin-usage-credit =
    Usage: <code>/credit @username 5.00 note</code> or <code>/credit 123456789 -2.50 note</code>
    The amount is in { $currency }; a negative amount debits the wallet. A note is required.
admin-usage-markup =
    Usage:
    <code>/markup</code> — show the rules
    <code>/markup global 12</code>
    <code>/markup reseller gamexbulk 8</code>
    <code>/markup game "PUBG Mobile" 15</code>
    <code>/markup listing LISTING_ID 5</code>
    <code>/markup remove game "PUBG Mobile"</code>
admin-usage-ban = Usage: <code>/ban @username</code> or <code>/ban 123456789</code>
admin-usage-unban = Usage: <code>/unban @username</code> or <code>/unban 123456789</code>
admin-usage-broadcast = Usage: <code>/broadcast your message</code> — sent to every Telegram buyer.

## /stats

admin-stats-title = 📊 <b>Shop statistics</b>
admin-stats-today = Last 24 hours
admin-stats-week = Last 7 days
admin-stats-period =
    <b>{ $period }</b>
    Orders: { $orders } · completed: { $completed } · failed: { $failed }
    Revenue: { $revenue }
    Margin: { $margin }
admin-stats-margin-unknown = n/a (costs in other currencies)
admin-stats-failure-line = • failures at { $reseller }: { $count }

## /balances

admin-balances-title = 💰 <b>Reseller balances</b>
admin-balances-none = No resellers are configured.
admin-balances-line = • { $reseller }: <b>{ $balance }</b>
admin-balances-error-line = • { $reseller }: ⚠️ { $error }

## /order

admin-order-title = 🧾 <b>Order <code>{ $reference }</code></b> — <b>{ $state }</b>
admin-order-summary = { $listing } × { $quantity } · { $price } · paid by { $method }
admin-order-buyer = Buyer: { $name } ({ $username }, { $platform } id <code>{ $id }</code>)
admin-order-player = Player: { $player } · nickname: { $nickname }
admin-order-reseller = Reseller: { $reseller } · SKU { $sku } · reseller order { $resellerOrder } · cost { $cost }
admin-order-failure = Failure: <code>{ $code }</code> — { $detail }
admin-order-times = Created { $created } · paid { $paid } · completed { $completed }
admin-order-delivered = Delivered: { $count } item(s)
admin-order-events-title = <b>Events</b>
admin-order-events-more = … { $count } earlier event(s)
admin-order-event = { $time }: { $from } → <b>{ $to }</b> · { $reason } ({ $actor })
admin-order-button-retry = 🔁 Retry
admin-order-button-refund = 💸 Refund
admin-order-button-complete = ✅ Mark completed
admin-order-button-refresh = 🔄 Refresh
admin-order-button-refund-confirm = 💸 Yes, refund { $reference }
admin-order-button-back = ↩️ Back
admin-order-retried = Retry requested for { $reference }.
admin-order-refund-confirm = Refund { $reference }? Press the button again to confirm.
admin-order-refunded = 💸 Order <code>{ $reference }</code> refunded (now { $state }).
admin-order-cannot-complete = Order { $reference } is { $state }; it cannot be marked completed.
admin-order-code-prompt =
    ✍️ Reply to this message with the code for order <code>{ $reference }</code>.
    Several codes: one per line. The buyer receives them as typed.
admin-order-code-invalid = Send one code per line: at least one, at most 50, each up to 200 characters.
admin-order-completed = ✅ Order <code>{ $reference }</code> marked completed with { $count } code(s); the buyer is being notified.

## /credit

admin-user-not-found = No Telegram buyer { $user } was found. They must have started the bot first.
admin-credit-repeated = This command was already applied ({ $amount } for { $user }); nothing changed.
admin-credit-done = 💰 Credited <b>{ $amount }</b> to { $user }. Their balance: { $balance }.
admin-debit-done = 💰 Debited <b>{ $amount }</b> from { $user }. Their balance: { $balance }.

## /markup

admin-markup-title = 🏷 <b>Markup rules</b>
admin-markup-default = Default markup: { $percent }% · minimum margin: { $minimum }%
admin-markup-none = No rules set: the default applies everywhere.
admin-markup-rule = • { $what }: <b>{ $percent }%</b>
admin-markup-set = 🏷 Markup for { $what } is now <b>{ $percent }%</b>.
admin-markup-removed = 🏷 Markup rule for { $what } removed.
admin-markup-missing = There was no markup rule for { $what }.

## /ban, /unban

admin-ban-done = 🚫 { $user } is banned.
admin-unban-done = ✅ { $user } is no longer banned.

## /sync

admin-sync-started = 🔄 Refreshing the catalog…
admin-sync-done = 🔄 <b>Catalog refreshed</b>: { $listings } listings.
admin-sync-line = • { $reseller }: { $products } products
admin-sync-line-failed = • { $reseller }: ⚠️ failed, previous products kept ({ $error })

## /broadcast

admin-broadcast-started = 📣 Broadcast started…
admin-broadcast-progress = 📣 Broadcasting… sent { $sent } · failed { $failed } · blocked { $blocked }
admin-broadcast-done = 📣 <b>Broadcast finished</b>: sent { $sent } · failed { $failed } · blocked { $blocked }
admin-broadcast-busy = A broadcast is already running. Wait for its final count.

## Operator alerts

alert-head = { $icon } <b>{ $title }</b>
alert-head-order = { $icon } <b>{ $title }</b> · <code>{ $reference }</code>
alert-detail = { $key }: { $value }
alert-order-failed = Order failed
alert-order-needs-review = Order needs review
alert-order-stuck = Order stuck
alert-reseller-balance-low = Reseller balance low
alert-reseller-down = Reseller down
alert-reseller-recovered = Reseller recovered
alert-webhook-signature-failed = Bad webhook signature
alert-large-order = Large order
alert-payment-problem = Payment problem
alert-support-request = Support request
alert-other = Alert

## Support

support-unavailable = Sorry, support is not available right now. Please try again later.
support-usage = Write your question after the command, e.g. <code>/support my order K7F3-92QX has not arrived</code>
support-too-many = You have sent many support messages this hour. Please wait for an answer.
support-sent = ✉️ Your message was sent to support. The answer will come here.
support-request = 🆘 <b>Support request</b> from { $name } ({ $username }, id <code>{ $id }</code>)
support-request-orders = Recent orders: { $orders }
support-request-no-orders = No orders yet.
support-request-hint = ↩️ Reply to this message to answer the buyer.
support-reply-text-only = Only text can be relayed to the buyer. Reply with text.
support-reply-queued = ✉️ Sent to the buyer.
