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
admin-usage-catalog =
    Usage:
    <code>/catalog</code> — show the rules
    <code>/catalog find pubg 60</code> — listing ids and their offers
    <code>/catalog disable reseller gamexbulk</code>
    <code>/catalog disable game "PUBG Mobile"</code>
    <code>/catalog disable category "PUBG Mobile" "UC Packages"</code>
    <code>/catalog disable listing LISTING_ID</code>
    <code>/catalog disable offer RESELLER:SKU</code>
    <code>/catalog enable …</code> — the same forms
    <code>/catalog rename LISTING_ID New display name</code>
    <code>/catalog feature LISTING_ID</code> or <code>/catalog feature game "PUBG Mobile"</code> (<code>unfeature</code> undoes it)
    <code>/catalog reset game "PUBG Mobile"</code> — removes the rule
admin-usage-coupon =
    Usage:
    <code>/coupon add CODE 15 [max=100] [listing=LISTING_ID] [until=2025-12-31]</code> — percent off (0–100, up to 2 decimals), uses, one listing, last day (UTC)
    <code>/coupon show CODE</code>
    <code>/coupon off CODE</code> or <code>/coupon on CODE</code>
admin-usage-blacklist =
    Usage:
    <code>/blacklist player PLAYER_ID [reason]</code>
    <code>/blacklist user @username [reason]</code> or <code>/blacklist user 123456789 [reason]</code>
admin-usage-unblacklist = Usage: <code>/unblacklist player PLAYER_ID</code> or <code>/unblacklist user @username</code>

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

## /catalog

admin-catalog-title = 🗂 <b>Catalog rules</b> · { $listings } listings for sale
admin-catalog-none = No rules: everything the resellers offer is sold under its own name.
admin-catalog-rule = • { $what }: { $state }
admin-catalog-more = … and { $count } more
admin-catalog-state-disabled = <b>disabled</b>
admin-catalog-state-enabled = enabled
admin-catalog-state-renamed = shown as “{ $name }”
admin-catalog-state-featured = ⭐ featured
admin-catalog-state-not-featured = not featured
admin-catalog-state-none = no change
admin-catalog-not-found = Nothing in the catalog matches { $what }. Find names and ids with <code>/catalog find …</code>.
admin-catalog-disabled = 🚫 { $what } is disabled and hidden from buyers. { $listings } listings for sale.
admin-catalog-enabled = ✅ { $what } is enabled. { $listings } listings for sale.
admin-catalog-renamed = ✏️ { $what } is now shown as “{ $name }”.
admin-catalog-featured = ⭐ { $what } is featured: shown first.
admin-catalog-unfeatured = { $what } is no longer featured.
admin-catalog-reset = ↩️ The rule for { $what } was removed. { $listings } listings for sale.
admin-catalog-reset-missing = There was no rule for { $what }.
admin-catalog-find-title = 🔎 <b>Listings for “{ $query }”</b> ({ $total }). Disabled items are not shown.
admin-catalog-find-none = Nothing for sale matches “{ $query }”. Disabled items are not searched: see <code>/catalog</code>.
admin-catalog-find-listing = { $marker } <code>{ $id }</code> — <b>{ $name }</b> · { $where } · { $price }
admin-catalog-find-original = reseller name: { $name }
admin-catalog-find-offer = ◦ { $reseller } · SKU <code>{ $sku }</code> · cost { $cost } · { $stock }
admin-catalog-find-offers-more = ◦ … { $count } more offers
admin-catalog-find-no-price = no price
admin-catalog-find-in-stock = in stock
admin-catalog-find-out-of-stock = out of stock

## /coupon

admin-coupon-added = 🎟 Coupon <code>{ $code }</code> created.
admin-coupon-updated = 🎟 Coupon <code>{ $code }</code> updated; its use count is kept.
admin-coupon-details =
    🎟 <b>Coupon <code>{ $code }</code></b> — { $status }
    Discount: { $percent }%
    For: { $applies }
    Uses: { $used } of { $max } · left: { $left }
    Expires: { $expiry }
admin-coupon-status-active = active
admin-coupon-status-off = <b>off</b>
admin-coupon-status-expired = <b>expired</b>
admin-coupon-status-used-up = <b>used up</b>
admin-coupon-all-listings = every listing
admin-coupon-unlimited = no limit
admin-coupon-no-expiry = never
admin-coupon-until-end-of-day = end of { $date } (UTC)
admin-coupon-not-found = There is no coupon <code>{ $code }</code>.
admin-coupon-listing-not-found = No listing <code>{ $id }</code> is for sale. Find ids with <code>/catalog find …</code>.
admin-coupon-past = { $date } has passed; choose a later last day.
admin-coupon-off = 🎟 Coupon <code>{ $code }</code> is off: buyers can no longer use it.
admin-coupon-on = 🎟 Coupon <code>{ $code }</code> is on again.

## /blacklist, /unblacklist

admin-blacklist-player-done = ⛔ Player id <code>{ $player }</code> is blacklisted: orders for it are refused.
admin-blacklist-user-done = ⛔ { $user } is blacklisted: their orders are refused.
admin-unblacklist-player-done = ✅ Player id <code>{ $player }</code> is off the blacklist.
admin-unblacklist-player-missing = Player id <code>{ $player }</code> was not on the blacklist.
admin-unblacklist-user-done = ✅ { $user } is off the blacklist.
admin-unblacklist-user-missing = { $user } was not on the blacklist.

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
