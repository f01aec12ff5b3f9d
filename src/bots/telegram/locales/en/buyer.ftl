# Buyer messages. HTML parse mode: variables arrive escaped; keep tags balanced.

## Start, menu, language

start-greeting =
    Hi { $name }! 👋
    Game top-ups and gift cards, delivered in seconds.
    Type what you need (for example <code>pubg 60</code>) or pick from the menu.
menu-shop = 🛒 Shop
menu-search = 🔎 Search
menu-orders = 📦 My orders
menu-wallet = 👛 Wallet
menu-help = ❓ Help
menu-language = 🌐 Language
nav-back = ⬅️ Back
nav-menu = 🏠 Menu
help-text =
    <b>How to buy</b>
    1. Type a game and amount, e.g. <code>pubg 60</code>, or open 🛒 Shop.
    2. Tap a product and send your player ID.
    3. Check the nickname and pay from your wallet, with Sellix or with Telegram Stars.
    Codes arrive here, in this chat.

    /start – menu · /search – find a product · /orders – your orders · /wallet – balance and top-ups · /language – change language · /cancel – stop a purchase · /support – write to us
language-choose = Choose your language:
language-set = Language: English 🇬🇧
cancel-nothing = Nothing to cancel.
unhandled = I didn't get that. Type a product to search for, or use the menu.
button-not-yours = This button isn't yours.
button-expired = This button has expired. Please start again.

## Browse and search

browse-games = Choose a game or a gift card:
browse-categories = <b>{ $game }</b>: choose a category.
browse-listings = <b>{ $title }</b>
browse-empty = The shop is empty right now. Please come back later.
listing-line = • { $name } — <b>{ $price }</b> · { $stock }
stock-in = in stock
stock-left = { $count } left
stock-out = out of stock
price-unavailable = not available
search-prompt = Type what you are looking for, for example <code>pubg 60</code> or <code>steam 10</code>.
search-results = Results for “{ $query }” ({ $total }):
search-none = Nothing found for “{ $query }”. Try fewer words, or a game name.

## Inline mode

inline-open-shop = Open the shop
inline-buy = 🛒 Buy in private chat
inline-message = <b>{ $name }</b> — { $price }

## Groups

group-go-private = I take orders in a private chat, so your player ID and codes stay private.
group-open-button = 💬 Open private chat

## Purchase

field-player_id = Player ID
field-zone = Zone ID
field-server = Server
purchase-header = <b>{ $name }</b> — { $price }
purchase-ask-field = Send your <b>{ $field }</b>.
purchase-ask-option = Choose your <b>{ $field }</b>:
purchase-use-saved = ↩️ Use { $player }
purchase-skip = Skip
purchase-cancel = ✖️ Cancel
purchase-back = ⬅️ Back
purchase-cancelled = Purchase cancelled.
purchase-player = Player: { $player }
purchase-is-this-you = Is this you: <b>{ $nickname }</b>?
purchase-not-verifiable = ⚠️ This player can't be checked in advance: make sure the ID is right.
purchase-price = Price: { $price }
purchase-price-changed = ⚠️ The price changed from { $was } to { $now }.
purchase-wallet = Wallet: { $balance }
purchase-wallet-short = Wallet: { $balance } — not enough, pay another way or top up.
purchase-pay-wallet-nickname = ✅ { $nickname } — pay { $price } from wallet
purchase-pay-wallet = ✅ Pay { $price } from wallet
purchase-pay-sellix = 💳 Pay { $price } by card or crypto
purchase-pay-stars-button = ⭐ Pay { $stars } Stars
purchase-coupon = 🎟 Coupon
purchase-coupon-ask = Send your coupon code.
purchase-coupon-applied = Coupon <code>{ $code }</code>: −{ $discount }
purchase-change-player = ✏️ Not me
purchase-placing = ⏳ Placing your order…
purchase-quote-renewed = The price was held for a few minutes only; here it is again.
purchase-already-placed = This order is already placed: { $reference }.
purchase-pay-link = Pay with the button below; the order starts as soon as the payment arrives.
purchase-pay-link-button = 💳 Pay { $price }
purchase-pay-stars = Pay { $stars } ⭐ with the invoice below.
purchase-invoice-description = Order { $reference }: { $name }

## Orders

order-header = 🧾 Order <code>{ $reference }</code>
    { $name }
order-player = Player: { $player }
order-price = Price: { $price } · { $method }
order-state = { $state ->
    [created] 🕓 Created
    [awaiting_payment] ⏳ Waiting for payment
    [paid] 💰 Paid — placing your order…
    [submitted] ⚙️ Sent to the supplier…
    [processing] ⚙️ Processing…
    [completed] ✅ Completed
    [failed] ❌ Failed
    [refunded] ↩️ Refunded
    [expired] ⌛ Not paid in time
    [needs_review] 🔎 Our team is checking it
   *[other] { $state }
}
order-code-one = Your code:
order-codes = Your codes:
order-pin = PIN { $pin }
order-serial = serial { $serial }
order-delivered-topup = Delivered to { $player }. Enjoy!
order-reason = Reason: { $reason }
order-refund-pending = Your money is being returned.
order-refund-wallet = { $amount } was returned to your wallet.
order-refund-original = { $amount } was refunded to your { $method }.
method-wallet = wallet
method-sellix = Sellix
method-stars = Telegram Stars
orders-title = Your orders ({ $total }), page { $page } of { $pages }:
orders-empty = You have no orders yet.
orders-date = Placed { $date } UTC
orders-buy-again = 🔁 Buy again

## Notices (new messages)

notice-completed = ✅ Order <code>{ $reference }</code> is complete.
notice-failed = ❌ Order <code>{ $reference }</code> failed: { $reason }
notice-refunded = ↩️ Order <code>{ $reference }</code>: { $amount } { $to }.
refund-to-wallet = returned to your wallet
refund-to-original = refunded to your { $method }
notice-wallet-credited = 👛 { $amount } added to your wallet ({ $reason }). Balance: <b>{ $balance }</b>.
notice-wallet-debited = 👛 { $amount } taken from your wallet ({ $reason }). Balance: <b>{ $balance }</b>.
notice-payment-expired = ⌛ Payment <code>{ $reference }</code> of { $amount } expired unpaid.
notice-late-payment = 👛 Payment <code>{ $reference }</code> arrived after its order expired: { $amount } went to your wallet. Balance: <b>{ $balance }</b>.
notice-support-reply = 💬 <b>Support:</b> { $text }
stars-payment-unmatched = We received your payment but could not match it to an order. Our team has been told and will sort it out.

## Wallet

wallet-title = 👛 Wallet balance: <b>{ $balance }</b>
wallet-history = 📜 History
wallet-topup = ➕ Top up
wallet-history-title = Wallet history, page { $page } of { $pages }:
wallet-history-empty = No wallet activity yet.
wallet-history-line = { $date } <b>{ $amount }</b> · { $reason } · <code>{ $reference }</code>
wallet-topup-choose = How much do you want to add?
wallet-topup-method = Add { $amount } with:
wallet-pay-sellix = 💳 Card or crypto (Sellix)
wallet-topup-link = Wallet top-up <code>{ $reference }</code>: pay { $amount } with the button below. Your wallet is credited as soon as it is paid.
wallet-topup-stars = Wallet top-up <code>{ $reference }</code>: pay { $stars } ⭐ for { $amount } with the invoice below.
wallet-topup-invoice-description = Wallet top-up of { $amount }
wallet-topup-already = This top-up was already started.
ledger-wallet_topup = top-up
ledger-order_debit = order
ledger-order_refund = refund
ledger-late_payment = late payment
ledger-admin_credit = credit from the shop
ledger-admin_debit = correction by the shop
ledger-dispute_hold = held during a dispute
ledger-dispute_release = released after a dispute

## Command menu

command-start = Menu
command-search = Find a product
command-orders = My orders
command-wallet = Wallet: balance and top-ups
command-language = Change language
command-help = How to buy
command-cancel = Stop the purchase in progress
command-support = Write to us
