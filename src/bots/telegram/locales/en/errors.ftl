# One message per error code of src/core/errors.ts (a test checks every language has all of them).

error-player-not-found = ❌ No player with this ID was found. Please check it and send it again.
error-player-fields-invalid = { $problem ->
    [missing] ❌ { $field } is required.
    [spaces] ❌ { $field } must not contain spaces.
    [pattern] ❌ { $field } doesn't look right.
    [too_short] ❌ { $field } is too short.
    [too_long] ❌ { $field } is too long.
    [not_an_option] ❌ Choose the { $field } from the list.
   *[other] ❌ { $field } is not valid.
}
error-product-not-found = This product is no longer available.
error-out-of-stock = 😔 Out of stock right now. Please try again later.
error-price-changed = ⚠️ The price has changed. Please check the new price.
error-not-for-sale = This product can't be sold right now.
error-stale-fx-rate = Prices are being updated. Please try again in a few minutes.
error-quantity-not-allowed = This quantity can't be ordered.
error-provider-inactive = This product is temporarily unavailable.
error-reseller-unavailable = Our supplier is not answering right now. Please try again in a few minutes.
error-reseller-balance-low = This product is temporarily unavailable.
error-reseller-rejected = The supplier could not deliver this order.
error-quote-expired = ⌛ This price has expired. Please start again.
error-wallet-insufficient = 👛 Not enough money in your wallet.
error-coupon-invalid = 🎟 This coupon is not valid.
error-coupon-expired = 🎟 This coupon has expired.
error-coupon-used-up = 🎟 This coupon has been used up.
error-buyer-banned = Your account can't place orders. Contact support if you think this is a mistake.
error-blacklisted = This order can't be placed. Contact support if you think this is a mistake.
error-rate-limited = 🐢 You're going too fast. Please wait a few seconds.
error-payment-method-unavailable = This payment method is not available right now.
error-payment-failed = The payment could not be started. Please try again or choose another way to pay.
error-order-not-found = Order not found.
error-not-allowed = You can't do that.
error-invalid-input = That doesn't look right. Please check and try again.
error-internal = Something went wrong on our side. Please try again.
