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
