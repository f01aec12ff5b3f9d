# Сообщения покупателю. Режим HTML: переменные приходят экранированными; теги должны быть закрыты.

## Старт, меню, язык

start-greeting =
    Привет, { $name }! 👋
    Пополнения игр и подарочные карты — за секунды.
    Напишите, что нужно (например, <code>pubg 60</code>), или выберите в меню.
menu-shop = 🛒 Магазин
menu-search = 🔎 Поиск
menu-orders = 📦 Мои заказы
menu-wallet = 👛 Кошелёк
menu-help = ❓ Помощь
menu-language = 🌐 Язык
nav-back = ⬅️ Назад
nav-menu = 🏠 Меню
help-text =
    <b>Как купить</b>
    1. Напишите игру и количество, например <code>pubg 60</code>, или откройте 🛒 Магазин.
    2. Выберите товар и отправьте ID игрока.
    3. Проверьте ник и оплатите из кошелька, через Sellix или звёздами Telegram.
    Коды придут сюда, в этот чат.

    /start – меню · /search – найти товар · /orders – ваши заказы · /wallet – баланс и пополнение · /language – сменить язык · /cancel – прервать покупку · /support – написать нам
language-choose = Выберите язык:
language-set = Язык: русский 🇷🇺
cancel-nothing = Нечего отменять.
unhandled = Не понял вас. Напишите название товара для поиска или воспользуйтесь меню.
button-not-yours = Это не ваша кнопка.
button-expired = Эта кнопка устарела. Начните заново.

## Каталог и поиск

browse-games = Выберите игру или подарочную карту:
browse-categories = <b>{ $game }</b>: выберите категорию.
browse-listings = <b>{ $title }</b>
browse-empty = Сейчас в магазине пусто. Загляните позже.
listing-line = • { $name } — <b>{ $price }</b> · { $stock }
stock-in = в наличии
stock-left = осталось { $count }
stock-out = нет в наличии
price-unavailable = недоступно
search-prompt = Напишите, что ищете, например <code>pubg 60</code> или <code>steam 10</code>.
search-results = Результаты по запросу «{ $query }» ({ $total }):
search-none = По запросу «{ $query }» ничего не найдено. Попробуйте меньше слов или название игры.

## Инлайн-режим

inline-open-shop = Открыть магазин
inline-buy = 🛒 Купить в личном чате
inline-message = <b>{ $name }</b> — { $price }

## Группы

group-go-private = Заказы я принимаю в личном чате — так ваш ID игрока и коды останутся в тайне.
group-open-button = 💬 Открыть личный чат

## Покупка

field-player_id = ID игрока
field-zone = ID зоны
field-server = Сервер
purchase-header = <b>{ $name }</b> — { $price }
purchase-ask-field = Отправьте <b>{ $field }</b>.
purchase-ask-option = Выберите <b>{ $field }</b>:
purchase-use-saved = ↩️ Использовать { $player }
purchase-skip = Пропустить
purchase-cancel = ✖️ Отмена
purchase-back = ⬅️ Назад
purchase-cancelled = Покупка отменена.
purchase-player = Игрок: { $player }
purchase-is-this-you = Это вы: <b>{ $nickname }</b>?
purchase-not-verifiable = ⚠️ Этого игрока нельзя проверить заранее — убедитесь, что ID верный.
purchase-price = Цена: { $price }
purchase-price-changed = ⚠️ Цена изменилась: было { $was }, стало { $now }.
purchase-wallet = Кошелёк: { $balance }
purchase-wallet-short = Кошелёк: { $balance } — не хватает, оплатите другим способом или пополните.
purchase-pay-wallet-nickname = ✅ { $nickname } — оплатить { $price } из кошелька
purchase-pay-wallet = ✅ Оплатить { $price } из кошелька
purchase-pay-sellix = 💳 Оплатить { $price } картой или криптой
purchase-pay-stars-button = ⭐ Оплатить { $stars } звёзд
purchase-coupon = 🎟 Купон
purchase-coupon-ask = Отправьте код купона.
purchase-coupon-applied = Купон <code>{ $code }</code>: −{ $discount }
purchase-change-player = ✏️ Это не я
purchase-placing = ⏳ Оформляем заказ…
purchase-quote-renewed = Цена держалась всего несколько минут — вот она снова.
purchase-already-placed = Этот заказ уже оформлен: { $reference }.
purchase-pay-link = Оплатите кнопкой ниже — заказ начнётся, как только придёт оплата.
purchase-pay-link-button = 💳 Оплатить { $price }
purchase-pay-stars = Оплатите { $stars } ⭐ по счёту ниже.
purchase-invoice-description = Заказ { $reference }: { $name }

## Заказы

order-header = 🧾 Заказ <code>{ $reference }</code>
    { $name }
order-player = Игрок: { $player }
order-price = Цена: { $price } · { $method }
order-state = { $state ->
    [created] 🕓 Создан
    [awaiting_payment] ⏳ Ждём оплату
    [paid] 💰 Оплачено — оформляем заказ…
    [submitted] ⚙️ Передано поставщику…
    [processing] ⚙️ Выполняется…
    [completed] ✅ Выполнен
    [failed] ❌ Не выполнен
    [refunded] ↩️ Деньги возвращены
    [expired] ⌛ Не оплачен вовремя
    [needs_review] 🔎 Проверяется нашей командой
   *[other] { $state }
}
order-code-one = Ваш код:
order-codes = Ваши коды:
order-pin = PIN { $pin }
order-serial = серийный номер { $serial }
order-delivered-topup = Зачислено на { $player }. Приятной игры!
order-reason = Причина: { $reason }
order-refund-pending = Деньги возвращаются.
order-refund-wallet = { $amount } возвращено в ваш кошелёк.
order-refund-original = { $amount } возвращено: { $method }.
method-wallet = кошелёк
method-sellix = Sellix
method-stars = звёзды Telegram
orders-title = Ваши заказы ({ $total }), страница { $page } из { $pages }:
orders-empty = У вас пока нет заказов.
orders-date = Оформлен { $date } UTC
orders-buy-again = 🔁 Купить снова

## Уведомления (новые сообщения)

notice-completed = ✅ Заказ <code>{ $reference }</code> выполнен.
notice-failed = ❌ Заказ <code>{ $reference }</code> не выполнен: { $reason }
notice-refunded = ↩️ Заказ <code>{ $reference }</code>: { $amount } { $to }.
refund-to-wallet = возвращено в кошелёк
refund-to-original = возвращено: { $method }
notice-wallet-credited = 👛 В кошелёк зачислено { $amount } ({ $reason }). Баланс: <b>{ $balance }</b>.
notice-wallet-debited = 👛 Из кошелька списано { $amount } ({ $reason }). Баланс: <b>{ $balance }</b>.
notice-payment-expired = ⌛ Платёж <code>{ $reference }</code> на { $amount } не был оплачен вовремя.
notice-late-payment = 👛 Платёж <code>{ $reference }</code> пришёл после истечения заказа: { $amount } зачислено в кошелёк. Баланс: <b>{ $balance }</b>.
notice-support-reply = 💬 <b>Поддержка:</b> { $text }
stars-payment-unmatched = Мы получили ваш платёж, но не смогли связать его с заказом. Команда уже в курсе и всё исправит.

## Кошелёк

wallet-title = 👛 Баланс кошелька: <b>{ $balance }</b>
wallet-history = 📜 История
wallet-topup = ➕ Пополнить
wallet-history-title = История кошелька, страница { $page } из { $pages }:
wallet-history-empty = Операций по кошельку пока нет.
wallet-history-line = { $date } <b>{ $amount }</b> · { $reason } · <code>{ $reference }</code>
wallet-topup-choose = На какую сумму пополнить?
wallet-topup-method = Пополнить на { $amount }:
wallet-pay-sellix = 💳 Картой или криптой (Sellix)
wallet-topup-link = Пополнение <code>{ $reference }</code>: оплатите { $amount } кнопкой ниже. Деньги поступят в кошелёк сразу после оплаты.
wallet-topup-stars = Пополнение <code>{ $reference }</code>: оплатите { $stars } ⭐ за { $amount } по счёту ниже.
wallet-topup-invoice-description = Пополнение кошелька на { $amount }
wallet-topup-already = Это пополнение уже начато.
ledger-wallet_topup = пополнение
ledger-order_debit = заказ
ledger-order_refund = возврат
ledger-late_payment = поздний платёж
ledger-admin_credit = начисление от магазина
ledger-admin_debit = корректировка магазином
ledger-dispute_hold = удержано на время спора
ledger-dispute_release = возвращено после спора

## Меню команд

command-start = Меню
command-search = Найти товар
command-orders = Мои заказы
command-wallet = Кошелёк: баланс и пополнение
command-language = Сменить язык
command-help = Как купить
command-cancel = Прервать текущую покупку
command-support = Написать нам
