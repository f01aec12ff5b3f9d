# По одному сообщению на каждый код ошибки из src/core/errors.ts (тест проверяет все языки).

error-player-not-found = ❌ Игрок с таким ID не найден. Проверьте ID и отправьте его снова.
error-player-fields-invalid = { $problem ->
    [missing] ❌ Нужно указать: { $field }.
    [spaces] ❌ { $field }: без пробелов.
    [pattern] ❌ { $field }: похоже, ошибка в значении.
    [too_short] ❌ { $field }: слишком коротко.
    [too_long] ❌ { $field }: слишком длинно.
    [not_an_option] ❌ { $field }: выберите из списка.
   *[other] ❌ { $field }: неверное значение.
}
error-product-not-found = Этот товар больше недоступен.
error-out-of-stock = 😔 Сейчас нет в наличии. Попробуйте позже.
error-price-changed = ⚠️ Цена изменилась. Проверьте новую цену.
error-not-for-sale = Этот товар сейчас нельзя купить.
error-stale-fx-rate = Цены обновляются. Попробуйте через несколько минут.
error-quantity-not-allowed = Такое количество заказать нельзя.
error-provider-inactive = Товар временно недоступен.
error-reseller-unavailable = Поставщик сейчас не отвечает. Попробуйте через несколько минут.
error-reseller-balance-low = Товар временно недоступен.
error-reseller-rejected = Поставщик не смог выполнить заказ.
error-quote-expired = ⌛ Цена устарела. Начните заново.
error-wallet-insufficient = 👛 В кошельке недостаточно денег.
error-coupon-invalid = 🎟 Купон недействителен.
error-coupon-expired = 🎟 Срок действия купона истёк.
error-coupon-used-up = 🎟 Купон уже использован.
error-buyer-banned = Ваш аккаунт не может оформлять заказы. Если это ошибка, напишите в поддержку.
error-blacklisted = Этот заказ оформить нельзя. Если это ошибка, напишите в поддержку.
error-rate-limited = 🐢 Слишком быстро. Подождите несколько секунд.
error-payment-method-unavailable = Этот способ оплаты сейчас недоступен.
error-payment-failed = Не удалось начать оплату. Попробуйте ещё раз или выберите другой способ.
error-order-not-found = Заказ не найден.
error-not-allowed = Это действие вам недоступно.
error-invalid-input = Похоже, здесь ошибка. Проверьте и попробуйте снова.
error-internal = У нас что-то пошло не так. Попробуйте ещё раз.
