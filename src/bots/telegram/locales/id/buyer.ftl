# Pesan untuk pembeli. Mode HTML: variabel sudah di-escape; tag harus tertutup.

## Mulai, menu, bahasa

start-greeting =
    Halo { $name }! 👋
    Top-up game dan gift card, terkirim dalam hitungan detik.
    Ketik yang kamu butuhkan (misalnya <code>pubg 60</code>) atau pilih dari menu.
menu-shop = 🛒 Toko
menu-search = 🔎 Cari
menu-orders = 📦 Pesananku
menu-wallet = 👛 Dompet
menu-help = ❓ Bantuan
menu-language = 🌐 Bahasa
nav-back = ⬅️ Kembali
nav-menu = 🏠 Menu
help-text =
    <b>Cara membeli</b>
    1. Ketik nama game dan jumlah, misalnya <code>pubg 60</code>, atau buka 🛒 Toko.
    2. Pilih produk lalu kirim ID pemainmu.
    3. Cek nickname dan bayar dari dompet, lewat Sellix, atau dengan Telegram Stars.
    Kode dikirim ke sini, di chat ini.

    /start – menu · /search – cari produk · /orders – pesananmu · /wallet – saldo dan isi ulang · /language – ganti bahasa · /cancel – batalkan pembelian · /support – hubungi kami
language-choose = Pilih bahasa:
language-set = Bahasa: Indonesia 🇮🇩
cancel-nothing = Tidak ada yang dibatalkan.
unhandled = Maaf, aku tidak mengerti. Ketik nama produk untuk mencari, atau gunakan menu.
button-not-yours = Tombol ini bukan milikmu.
button-expired = Tombol ini sudah kedaluwarsa. Silakan mulai lagi.

## Katalog dan pencarian

browse-games = Pilih game atau gift card:
browse-categories = <b>{ $game }</b>: pilih kategori.
browse-listings = <b>{ $title }</b>
browse-empty = Toko sedang kosong. Silakan kembali nanti.
listing-line = • { $name } — <b>{ $price }</b> · { $stock }
stock-in = tersedia
stock-left = sisa { $count }
stock-out = stok habis
price-unavailable = tidak tersedia
search-prompt = Ketik yang kamu cari, misalnya <code>pubg 60</code> atau <code>steam 10</code>.
search-results = Hasil untuk “{ $query }” ({ $total }):
search-none = Tidak ada hasil untuk “{ $query }”. Coba kata yang lebih sedikit, atau nama game.

## Mode inline

inline-open-shop = Buka toko
inline-buy = 🛒 Beli di chat pribadi
inline-message = <b>{ $name }</b> — { $price }

## Grup

group-go-private = Pesanan aku terima di chat pribadi, supaya ID pemain dan kodemu tetap rahasia.
group-open-button = 💬 Buka chat pribadi

## Pembelian

field-player_id = ID Pemain
field-zone = ID Zona
field-server = Server
purchase-header = <b>{ $name }</b> — { $price }
purchase-ask-field = Kirim <b>{ $field }</b> kamu.
purchase-ask-option = Pilih <b>{ $field }</b> kamu:
purchase-use-saved = ↩️ Pakai { $player }
purchase-skip = Lewati
purchase-cancel = ✖️ Batal
purchase-back = ⬅️ Kembali
purchase-cancelled = Pembelian dibatalkan.
purchase-player = Pemain: { $player }
purchase-is-this-you = Apakah ini kamu: <b>{ $nickname }</b>?
purchase-not-verifiable = ⚠️ Pemain ini tidak bisa dicek lebih dulu: pastikan ID-nya benar.
purchase-price = Harga: { $price }
purchase-price-changed = ⚠️ Harga berubah dari { $was } menjadi { $now }.
purchase-wallet = Dompet: { $balance }
purchase-wallet-short = Dompet: { $balance } — tidak cukup, bayar dengan cara lain atau isi ulang.
purchase-pay-wallet-nickname = ✅ { $nickname } — bayar { $price } dari dompet
purchase-pay-wallet = ✅ Bayar { $price } dari dompet
purchase-pay-sellix = 💳 Bayar { $price } dengan kartu atau kripto
purchase-pay-stars-button = ⭐ Bayar { $stars } Stars
purchase-coupon = 🎟 Kupon
purchase-coupon-ask = Kirim kode kuponmu.
purchase-coupon-applied = Kupon <code>{ $code }</code>: −{ $discount }
purchase-change-player = ✏️ Bukan aku
purchase-placing = ⏳ Pesananmu sedang dibuat…
purchase-quote-renewed = Harga hanya berlaku beberapa menit; ini harga terbarunya.
purchase-already-placed = Pesanan ini sudah dibuat: { $reference }.
purchase-pay-link = Bayar dengan tombol di bawah; pesanan diproses begitu pembayaran masuk.
purchase-pay-link-button = 💳 Bayar { $price }
purchase-pay-stars = Bayar { $stars } ⭐ lewat tagihan di bawah.
purchase-invoice-description = Pesanan { $reference }: { $name }

## Pesanan

order-header = 🧾 Pesanan <code>{ $reference }</code>
    { $name }
order-player = Pemain: { $player }
order-price = Harga: { $price } · { $method }
order-state = { $state ->
    [created] 🕓 Dibuat
    [awaiting_payment] ⏳ Menunggu pembayaran
    [paid] 💰 Sudah dibayar — pesanan sedang dibuat…
    [submitted] ⚙️ Dikirim ke pemasok…
    [processing] ⚙️ Sedang diproses…
    [completed] ✅ Selesai
    [failed] ❌ Gagal
    [refunded] ↩️ Dana dikembalikan
    [expired] ⌛ Tidak dibayar tepat waktu
    [needs_review] 🔎 Sedang dicek tim kami
   *[other] { $state }
}
order-code-one = Kodemu:
order-codes = Kode-kodemu:
order-pin = PIN { $pin }
order-serial = serial { $serial }
order-delivered-topup = Sudah masuk ke { $player }. Selamat bermain!
order-reason = Alasan: { $reason }
order-refund-pending = Uangmu sedang dikembalikan.
order-refund-wallet = { $amount } sudah dikembalikan ke dompetmu.
order-refund-original = { $amount } sudah dikembalikan ke { $method }.
method-wallet = dompet
method-sellix = Sellix
method-stars = Telegram Stars
orders-title = Pesananmu ({ $total }), halaman { $page } dari { $pages }:
orders-empty = Kamu belum punya pesanan.
orders-date = Dibuat { $date } UTC
orders-buy-again = 🔁 Beli lagi

## Pemberitahuan (pesan baru)

notice-completed = ✅ Pesanan <code>{ $reference }</code> selesai.
notice-failed = ❌ Pesanan <code>{ $reference }</code> gagal: { $reason }
notice-refunded = ↩️ Pesanan <code>{ $reference }</code>: { $amount } { $to }.
refund-to-wallet = dikembalikan ke dompetmu
refund-to-original = dikembalikan ke { $method }
notice-wallet-credited = 👛 { $amount } masuk ke dompetmu ({ $reason }). Saldo: <b>{ $balance }</b>.
notice-wallet-debited = 👛 { $amount } diambil dari dompetmu ({ $reason }). Saldo: <b>{ $balance }</b>.
notice-payment-expired = ⌛ Pembayaran <code>{ $reference }</code> sebesar { $amount } kedaluwarsa tanpa dibayar.
notice-late-payment = 👛 Pembayaran <code>{ $reference }</code> masuk setelah pesanannya kedaluwarsa: { $amount } masuk ke dompetmu. Saldo: <b>{ $balance }</b>.
notice-support-reply = 💬 <b>Dukungan:</b> { $text }
stars-payment-unmatched = Pembayaranmu sudah kami terima, tapi belum bisa dicocokkan dengan pesanan. Tim kami sudah diberi tahu dan akan membereskannya.

## Dompet

wallet-title = 👛 Saldo dompet: <b>{ $balance }</b>
wallet-history = 📜 Riwayat
wallet-topup = ➕ Isi ulang
wallet-history-title = Riwayat dompet, halaman { $page } dari { $pages }:
wallet-history-empty = Belum ada aktivitas dompet.
wallet-history-line = { $date } <b>{ $amount }</b> · { $reason } · <code>{ $reference }</code>
wallet-topup-choose = Mau isi berapa?
wallet-topup-method = Isi { $amount } dengan:
wallet-pay-sellix = 💳 Kartu atau kripto (Sellix)
wallet-topup-link = Isi ulang <code>{ $reference }</code>: bayar { $amount } dengan tombol di bawah. Dompetmu terisi begitu pembayaran masuk.
wallet-topup-stars = Isi ulang <code>{ $reference }</code>: bayar { $stars } ⭐ untuk { $amount } lewat tagihan di bawah.
wallet-topup-invoice-description = Isi ulang dompet { $amount }
wallet-topup-already = Isi ulang ini sudah dimulai.
ledger-wallet_topup = isi ulang
ledger-order_debit = pesanan
ledger-order_refund = pengembalian dana
ledger-late_payment = pembayaran terlambat
ledger-admin_credit = tambahan dari toko
ledger-admin_debit = koreksi oleh toko
ledger-dispute_hold = ditahan selama sengketa
ledger-dispute_release = dilepas setelah sengketa

## Menu perintah

command-start = Menu
command-search = Cari produk
command-orders = Pesananku
command-wallet = Dompet: saldo dan isi ulang
command-language = Ganti bahasa
command-help = Cara membeli
command-cancel = Hentikan pembelian yang sedang berjalan
command-support = Hubungi kami
