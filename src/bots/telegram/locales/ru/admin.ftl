# Команды администратора, оповещения операторов и пересылка в поддержку.
# Переменные приходят уже экранированными для HTML; суммы — отформатированными («12.50 USD»).

## Проверка прав и общее

admin-refused = Извините, эта команда доступна только администраторам магазина.
admin-refused-chat = Извините, команды администратора работают только в личном чате с ботом или в группе операторов.
admin-button-expired = Эта кнопка устарела. Откройте заказ заново командой /order.
admin-action-failed = Что-то пошло не так; ничего не изменено. Попробуйте ещё раз.
admin-failed = ⚠️ { $message }
admin-failed-detail =
    ⚠️ { $message }
    <i>{ $detail }</i>

## Подсказки

admin-usage-order = Использование: <code>/order K7F3-92QX</code>
admin-usage-refund = Использование: <code>/refund K7F3-92QX [заметка]</code> — возврат по заказу, который завис, ждёт проверки или не выполнен без возврата.
admin-usage-complete =
    Использование: <code>/complete K7F3-92QX КОД</code>
    Дополнительные коды — на следующих строках, по одному на строку.
admin-usage-credit =
    Использование: <code>/credit @username 5.00 заметка</code> или <code>/credit 123456789 -2.50 заметка</code>
    Сумма в { $currency }; отрицательная сумма списывает с кошелька. Заметка обязательна.
admin-usage-markup =
    Использование:
    <code>/markup</code> — показать правила
    <code>/markup global 12</code>
    <code>/markup reseller gamexbulk 8</code>
    <code>/markup game "PUBG Mobile" 15</code>
    <code>/markup listing ID_ТОВАРА 5</code>
    <code>/markup remove game "PUBG Mobile"</code>
admin-usage-ban = Использование: <code>/ban @username</code> или <code>/ban 123456789</code>
admin-usage-unban = Использование: <code>/unban @username</code> или <code>/unban 123456789</code>
admin-usage-broadcast = Использование: <code>/broadcast ваше сообщение</code> — отправляется всем покупателям в Telegram.
admin-usage-catalog =
    Использование:
    <code>/catalog</code> — показать правила
    <code>/catalog find pubg 60</code> — ID товаров и их предложения
    <code>/catalog disable reseller gamexbulk</code>
    <code>/catalog disable game "PUBG Mobile"</code>
    <code>/catalog disable category "PUBG Mobile" "UC Packages"</code>
    <code>/catalog disable listing ID_ТОВАРА</code>
    <code>/catalog disable offer ПОСТАВЩИК:SKU</code>
    <code>/catalog enable …</code> — те же формы
    <code>/catalog rename ID_ТОВАРА Новое название</code>
    <code>/catalog feature ID_ТОВАРА</code> или <code>/catalog feature game "PUBG Mobile"</code> (<code>unfeature</code> отменяет)
    <code>/catalog reset game "PUBG Mobile"</code> — удаляет правило
admin-usage-coupon =
    Использование:
    <code>/coupon add КОД 15 [max=100] [listing=ID_ТОВАРА] [until=2025-12-31]</code> — скидка в процентах (0–100, до 2 знаков после точки), число использований, один товар, последний день (UTC)
    <code>/coupon show КОД</code>
    <code>/coupon off КОД</code> или <code>/coupon on КОД</code>
admin-usage-blacklist =
    Использование:
    <code>/blacklist player ID_ИГРОКА [причина]</code>
    <code>/blacklist user @username [причина]</code> или <code>/blacklist user 123456789 [причина]</code>
admin-usage-unblacklist = Использование: <code>/unblacklist player ID_ИГРОКА</code> или <code>/unblacklist user @username</code>

## /stats

admin-stats-title = 📊 <b>Статистика магазина</b>
admin-stats-today = Последние 24 часа
admin-stats-week = Последние 7 дней
admin-stats-period =
    <b>{ $period }</b>
    Заказов: { $orders } · выполнено: { $completed } · неудачных: { $failed }
    Выручка: { $revenue }
    Маржа: { $margin }
admin-stats-margin-unknown = н/д (затраты в других валютах)
admin-stats-failure-line = • сбои у { $reseller }: { $count }

## /balances

admin-balances-title = 💰 <b>Балансы поставщиков</b>
admin-balances-none = Поставщики не настроены.
admin-balances-line = • { $reseller }: <b>{ $balance }</b>
admin-balances-error-line = • { $reseller }: ⚠️ { $error }

## /order

admin-order-title = 🧾 <b>Заказ <code>{ $reference }</code></b> — <b>{ $state }</b>
admin-order-summary = { $listing } × { $quantity } · { $price } · оплата: { $method }
admin-order-buyer = Покупатель: { $name } ({ $username }, { $platform } id <code>{ $id }</code>)
admin-order-player = Игрок: { $player } · ник: { $nickname }
admin-order-reseller = Поставщик: { $reseller } · SKU { $sku } · заказ у поставщика { $resellerOrder } · себестоимость { $cost }
admin-order-failure = Ошибка: <code>{ $code }</code> — { $detail }
admin-order-times = Создан { $created } · оплачен { $paid } · выполнен { $completed }
admin-order-delivered = Выдано: { $count } шт.
admin-order-events-title = <b>События</b>
admin-order-events-more = … ещё { $count } более ранних
admin-order-event = { $time }: { $from } → <b>{ $to }</b> · { $reason } ({ $actor })
admin-order-button-retry = 🔁 Повторить
admin-order-button-refund = 💸 Вернуть деньги
admin-order-button-complete = ✅ Отметить выполненным
admin-order-button-refresh = 🔄 Обновить
admin-order-button-refund-confirm = 💸 Да, вернуть { $reference }
admin-order-button-back = ↩️ Назад
admin-order-retried = Повторная попытка для { $reference } запрошена.
admin-order-refund-confirm = Вернуть деньги по { $reference }? Нажмите кнопку ещё раз для подтверждения.
admin-order-refunded = 💸 По заказу <code>{ $reference }</code> оформлен возврат (сейчас { $state }).
admin-order-cannot-complete = Заказ { $reference } в состоянии { $state }; его нельзя отметить выполненным.
admin-order-code-prompt =
    ✍️ Ответьте на это сообщение кодом для заказа <code>{ $reference }</code>.
    Несколько кодов — по одному на строку. Покупатель получит их в том виде, как вы их ввели.
admin-order-code-invalid = Отправьте по одному коду на строку: от 1 до 50 кодов, каждый до 200 символов.
admin-order-completed = ✅ Заказ <code>{ $reference }</code> отмечен выполненным, кодов: { $count }; покупатель получает уведомление.

## /credit

admin-user-not-found = Покупатель { $user } в Telegram не найден. Он должен сначала запустить бота.
admin-credit-repeated = Эта команда уже была выполнена ({ $amount } для { $user }); ничего не изменено.
admin-credit-done = 💰 Зачислено <b>{ $amount }</b> пользователю { $user }. Его баланс: { $balance }.
admin-debit-done = 💰 Списано <b>{ $amount }</b> у пользователя { $user }. Его баланс: { $balance }.

## /markup

admin-markup-title = 🏷 <b>Правила наценки</b>
admin-markup-default = Наценка по умолчанию: { $percent }% · минимальная маржа: { $minimum }%
admin-markup-none = Правил нет: везде действует наценка по умолчанию.
admin-markup-rule = • { $what }: <b>{ $percent }%</b>
admin-markup-set = 🏷 Наценка для { $what } теперь <b>{ $percent }%</b>.
admin-markup-removed = 🏷 Правило наценки для { $what } удалено.
admin-markup-missing = Правила наценки для { $what } не было.

## /ban, /unban

admin-ban-done = 🚫 { $user } заблокирован.
admin-unban-done = ✅ { $user } разблокирован.

## /sync

admin-sync-started = 🔄 Обновляю каталог…
admin-sync-done = 🔄 <b>Каталог обновлён</b>: товаров { $listings }.
admin-sync-line = • { $reseller }: позиций { $products }
admin-sync-line-failed = • { $reseller }: ⚠️ ошибка, оставлены прежние позиции ({ $error })

## /broadcast

admin-broadcast-started = 📣 Рассылка началась…
admin-broadcast-progress = 📣 Идёт рассылка… отправлено { $sent } · ошибок { $failed } · заблокировали бота { $blocked }
admin-broadcast-done = 📣 <b>Рассылка завершена</b>: отправлено { $sent } · ошибок { $failed } · заблокировали бота { $blocked }
admin-broadcast-busy = Рассылка уже идёт. Дождитесь её итогов.

## /catalog

admin-catalog-title = 🗂 <b>Правила каталога</b> · товаров в продаже: { $listings }
admin-catalog-none = Правил нет: продаётся всё, что предлагают поставщики, под их названиями.
admin-catalog-rule = • { $what }: { $state }
admin-catalog-more = … и ещё { $count }
admin-catalog-state-disabled = <b>отключено</b>
admin-catalog-state-enabled = включено
admin-catalog-state-renamed = показывается как «{ $name }»
admin-catalog-state-featured = ⭐ в избранном
admin-catalog-state-not-featured = не в избранном
admin-catalog-state-none = без изменений
admin-catalog-not-found = В каталоге нет { $what }. Названия и ID можно найти командой <code>/catalog find …</code>.
admin-catalog-disabled = 🚫 { $what } отключено и скрыто от покупателей. Товаров в продаже: { $listings }.
admin-catalog-enabled = ✅ { $what } включено. Товаров в продаже: { $listings }.
admin-catalog-renamed = ✏️ { $what } теперь показывается как «{ $name }».
admin-catalog-featured = ⭐ { $what } в избранном: показывается первым.
admin-catalog-unfeatured = { $what } больше не в избранном.
admin-catalog-reset = ↩️ Правило для { $what } удалено. Товаров в продаже: { $listings }.
admin-catalog-reset-missing = Правила для { $what } не было.
admin-catalog-find-title = 🔎 <b>Товары по запросу «{ $query }»</b> ({ $total }). Отключённые не показаны.
admin-catalog-find-none = По запросу «{ $query }» ничего не продаётся. Отключённое не ищется: смотрите <code>/catalog</code>.
admin-catalog-find-listing = { $marker } <code>{ $id }</code> — <b>{ $name }</b> · { $where } · { $price }
admin-catalog-find-original = название у поставщика: { $name }
admin-catalog-find-offer = ◦ { $reseller } · SKU <code>{ $sku }</code> · закупка { $cost } · { $stock }
admin-catalog-find-offers-more = ◦ … ещё предложений: { $count }
admin-catalog-find-no-price = нет цены
admin-catalog-find-in-stock = в наличии
admin-catalog-find-out-of-stock = нет в наличии

## /coupon

admin-coupon-added = 🎟 Купон <code>{ $code }</code> создан.
admin-coupon-updated = 🎟 Купон <code>{ $code }</code> обновлён; счётчик использований сохранён.
admin-coupon-details =
    🎟 <b>Купон <code>{ $code }</code></b> — { $status }
    Скидка: { $percent }%
    Для: { $applies }
    Использований: { $used } из { $max } · осталось: { $left }
    Срок действия: { $expiry }
admin-coupon-status-active = активен
admin-coupon-status-off = <b>выключен</b>
admin-coupon-status-expired = <b>истёк</b>
admin-coupon-status-used-up = <b>исчерпан</b>
admin-coupon-all-listings = все товары
admin-coupon-unlimited = без ограничений
admin-coupon-no-expiry = бессрочно
admin-coupon-until-end-of-day = до конца дня { $date } (UTC)
admin-coupon-not-found = Купона <code>{ $code }</code> нет.
admin-coupon-listing-not-found = Товар <code>{ $id }</code> не продаётся. ID можно найти командой <code>/catalog find …</code>.
admin-coupon-past = Дата { $date } уже прошла; выберите более поздний последний день.
admin-coupon-off = 🎟 Купон <code>{ $code }</code> выключен: покупатели больше не могут его использовать.
admin-coupon-on = 🎟 Купон <code>{ $code }</code> снова включён.

## /blacklist, /unblacklist

admin-blacklist-player-done = ⛔ ID игрока <code>{ $player }</code> в чёрном списке: заказы для него отклоняются.
admin-blacklist-user-done = ⛔ { $user } в чёрном списке: его заказы отклоняются.
admin-unblacklist-player-done = ✅ ID игрока <code>{ $player }</code> удалён из чёрного списка.
admin-unblacklist-player-missing = ID игрока <code>{ $player }</code> не было в чёрном списке.
admin-unblacklist-user-done = ✅ { $user } удалён из чёрного списка.
admin-unblacklist-user-missing = { $user } не было в чёрном списке.

## Оповещения операторов

alert-head = { $icon } <b>{ $title }</b>
alert-head-order = { $icon } <b>{ $title }</b> · <code>{ $reference }</code>
alert-detail = { $key }: { $value }
alert-order-failed = Заказ не выполнен
alert-order-needs-review = Заказ требует проверки
alert-order-stuck = Заказ завис
alert-reseller-balance-low = Низкий баланс у поставщика
alert-reseller-down = Поставщик недоступен
alert-reseller-recovered = Поставщик снова доступен
alert-webhook-signature-failed = Неверная подпись вебхука
alert-large-order = Крупный заказ
alert-payment-problem = Проблема с оплатой
alert-support-request = Обращение в поддержку
alert-other = Оповещение

## Поддержка

support-unavailable = Извините, поддержка сейчас недоступна. Попробуйте позже.
support-usage = Напишите вопрос после команды, например: <code>/support мой заказ K7F3-92QX не пришёл</code>
support-too-many = Вы отправили много сообщений в поддержку за этот час. Пожалуйста, дождитесь ответа.
support-sent = ✉️ Ваше сообщение отправлено в поддержку. Ответ придёт сюда.
support-request = 🆘 <b>Обращение в поддержку</b> от { $name } ({ $username }, id <code>{ $id }</code>)
support-request-orders = Последние заказы: { $orders }
support-request-no-orders = Заказов пока нет.
support-request-hint = ↩️ Ответьте на это сообщение, чтобы ответить покупателю.
support-reply-text-only = Покупателю можно переслать только текст. Ответьте текстом.
support-reply-queued = ✉️ Отправлено покупателю.
