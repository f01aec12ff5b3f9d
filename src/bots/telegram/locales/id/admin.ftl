# Perintah admin, peringatan operator, dan penerusan dukungan.
# Variabel sudah di-escape untuk HTML; jumlah uang sudah diformat ("12.50 USD").

## Pemeriksaan hak dan umum

admin-refused = Maaf, perintah ini hanya untuk admin toko.
admin-refused-chat = Maaf, perintah admin hanya berfungsi di chat pribadi dengan bot atau di grup operator.
admin-button-expired = Tombol ini sudah kedaluwarsa. Buka pesanan lagi dengan /order.
admin-action-failed = Terjadi kesalahan; tidak ada yang diubah. Coba lagi.
admin-failed = ⚠️ { $message }
admin-failed-detail =
    ⚠️ { $message }
    <i>{ $detail }</i>

## Cara pakai

admin-usage-order = Cara pakai: <code>/order K7F3-92QX</code>
admin-usage-refund = Cara pakai: <code>/refund K7F3-92QX [catatan]</code> — mengembalikan dana pesanan yang macet, perlu ditinjau, atau gagal tanpa pengembalian.
admin-usage-complete =
    Cara pakai: <code>/complete K7F3-92QX KODE</code>
    Kode lainnya di baris berikutnya, satu per baris.
admin-usage-credit =
    Cara pakai: <code>/credit @username 5.00 catatan</code> atau <code>/credit 123456789 -2.50 catatan</code>
    Jumlah dalam { $currency }; jumlah negatif mendebit dompet. Catatan wajib diisi.
admin-usage-markup =
    Cara pakai:
    <code>/markup</code> — tampilkan aturan
    <code>/markup global 12</code>
    <code>/markup reseller gamexbulk 8</code>
    <code>/markup game "PUBG Mobile" 15</code>
    <code>/markup listing ID_PRODUK 5</code>
    <code>/markup remove game "PUBG Mobile"</code>
admin-usage-ban = Cara pakai: <code>/ban @username</code> atau <code>/ban 123456789</code>
admin-usage-unban = Cara pakai: <code>/unban @username</code> atau <code>/unban 123456789</code>
admin-usage-broadcast = Cara pakai: <code>/broadcast pesan anda</code> — dikirim ke semua pembeli Telegram.
admin-usage-catalog =
    Cara pakai:
    <code>/catalog</code> — tampilkan aturan
    <code>/catalog find pubg 60</code> — ID produk dan penawarannya
    <code>/catalog disable reseller gamexbulk</code>
    <code>/catalog disable game "PUBG Mobile"</code>
    <code>/catalog disable category "PUBG Mobile" "UC Packages"</code>
    <code>/catalog disable listing ID_PRODUK</code>
    <code>/catalog disable offer RESELLER:SKU</code>
    <code>/catalog enable …</code> — bentuk yang sama
    <code>/catalog rename ID_PRODUK Nama tampilan baru</code>
    <code>/catalog feature ID_PRODUK</code> atau <code>/catalog feature game "PUBG Mobile"</code> (<code>unfeature</code> membatalkannya)
    <code>/catalog reset game "PUBG Mobile"</code> — menghapus aturan
admin-usage-coupon =
    Cara pakai:
    <code>/coupon add KODE 15 [max=100] [listing=ID_PRODUK] [until=2025-12-31]</code> — potongan persen (0–100, maksimal 2 desimal), jumlah pemakaian, satu produk, hari terakhir (UTC)
    <code>/coupon show KODE</code>
    <code>/coupon off KODE</code> atau <code>/coupon on KODE</code>
admin-usage-blacklist =
    Cara pakai:
    <code>/blacklist player ID_PEMAIN [alasan]</code>
    <code>/blacklist user @username [alasan]</code> atau <code>/blacklist user 123456789 [alasan]</code>
admin-usage-unblacklist = Cara pakai: <code>/unblacklist player ID_PEMAIN</code> atau <code>/unblacklist user @username</code>

## /stats

admin-stats-title = 📊 <b>Statistik toko</b>
admin-stats-today = 24 jam terakhir
admin-stats-week = 7 hari terakhir
admin-stats-period =
    <b>{ $period }</b>
    Pesanan: { $orders } · selesai: { $completed } · gagal: { $failed }
    Pendapatan: { $revenue }
    Margin: { $margin }
admin-stats-margin-unknown = t/a (biaya dalam mata uang lain)
admin-stats-failure-line = • kegagalan di { $reseller }: { $count }

## /balances

admin-balances-title = 💰 <b>Saldo reseller</b>
admin-balances-none = Belum ada reseller yang dikonfigurasi.
admin-balances-line = • { $reseller }: <b>{ $balance }</b>
admin-balances-error-line = • { $reseller }: ⚠️ { $error }

## /order

admin-order-title = 🧾 <b>Pesanan <code>{ $reference }</code></b> — <b>{ $state }</b>
admin-order-summary = { $listing } × { $quantity } · { $price } · dibayar dengan { $method }
admin-order-buyer = Pembeli: { $name } ({ $username }, id { $platform } <code>{ $id }</code>)
admin-order-player = Pemain: { $player } · nickname: { $nickname }
admin-order-reseller = Reseller: { $reseller } · SKU { $sku } · pesanan reseller { $resellerOrder } · biaya { $cost }
admin-order-failure = Kegagalan: <code>{ $code }</code> — { $detail }
admin-order-times = Dibuat { $created } · dibayar { $paid } · selesai { $completed }
admin-order-delivered = Terkirim: { $count } item
admin-order-events-title = <b>Riwayat</b>
admin-order-events-more = … { $count } peristiwa sebelumnya
admin-order-event = { $time }: { $from } → <b>{ $to }</b> · { $reason } ({ $actor })
admin-order-button-retry = 🔁 Coba lagi
admin-order-button-refund = 💸 Kembalikan dana
admin-order-button-complete = ✅ Tandai selesai
admin-order-button-refresh = 🔄 Muat ulang
admin-order-button-refund-confirm = 💸 Ya, kembalikan { $reference }
admin-order-button-back = ↩️ Kembali
admin-order-retried = Percobaan ulang untuk { $reference } diminta.
admin-order-refund-confirm = Kembalikan dana { $reference }? Tekan tombolnya sekali lagi untuk konfirmasi.
admin-order-refunded = 💸 Dana pesanan <code>{ $reference }</code> dikembalikan (sekarang { $state }).
admin-order-cannot-complete = Pesanan { $reference } berstatus { $state }; tidak dapat ditandai selesai.
admin-order-code-prompt =
    ✍️ Balas pesan ini dengan kode untuk pesanan <code>{ $reference }</code>.
    Beberapa kode: satu per baris. Pembeli menerimanya persis seperti yang diketik.
admin-order-code-invalid = Kirim satu kode per baris: minimal 1, maksimal 50, masing-masing hingga 200 karakter.
admin-order-completed = ✅ Pesanan <code>{ $reference }</code> ditandai selesai dengan { $count } kode; pembeli sedang diberi tahu.

## /credit

admin-user-not-found = Pembeli Telegram { $user } tidak ditemukan. Mereka harus memulai bot terlebih dahulu.
admin-credit-repeated = Perintah ini sudah dijalankan ({ $amount } untuk { $user }); tidak ada yang berubah.
admin-credit-done = 💰 <b>{ $amount }</b> ditambahkan ke { $user }. Saldo mereka: { $balance }.
admin-debit-done = 💰 <b>{ $amount }</b> didebit dari { $user }. Saldo mereka: { $balance }.

## /markup

admin-markup-title = 🏷 <b>Aturan markup</b>
admin-markup-default = Markup bawaan: { $percent }% · margin minimum: { $minimum }%
admin-markup-none = Belum ada aturan: markup bawaan berlaku di mana-mana.
admin-markup-rule = • { $what }: <b>{ $percent }%</b>
admin-markup-set = 🏷 Markup untuk { $what } sekarang <b>{ $percent }%</b>.
admin-markup-removed = 🏷 Aturan markup untuk { $what } dihapus.
admin-markup-missing = Tidak ada aturan markup untuk { $what }.

## /ban, /unban

admin-ban-done = 🚫 { $user } diblokir.
admin-unban-done = ✅ { $user } tidak lagi diblokir.

## /sync

admin-sync-started = 🔄 Memperbarui katalog…
admin-sync-done = 🔄 <b>Katalog diperbarui</b>: { $listings } produk.
admin-sync-line = • { $reseller }: { $products } item
admin-sync-line-failed = • { $reseller }: ⚠️ gagal, item sebelumnya dipertahankan ({ $error })

## /broadcast

admin-broadcast-started = 📣 Siaran dimulai…
admin-broadcast-progress = 📣 Menyiarkan… terkirim { $sent } · gagal { $failed } · memblokir bot { $blocked }
admin-broadcast-done = 📣 <b>Siaran selesai</b>: terkirim { $sent } · gagal { $failed } · memblokir bot { $blocked }
admin-broadcast-busy = Siaran lain sedang berjalan. Tunggu hasil akhirnya.

## /catalog

admin-catalog-title = 🗂 <b>Aturan katalog</b> · { $listings } produk dijual
admin-catalog-none = Belum ada aturan: semua yang ditawarkan reseller dijual dengan namanya sendiri.
admin-catalog-rule = • { $what }: { $state }
admin-catalog-more = … dan { $count } lagi
admin-catalog-state-disabled = <b>dinonaktifkan</b>
admin-catalog-state-enabled = aktif
admin-catalog-state-renamed = ditampilkan sebagai “{ $name }”
admin-catalog-state-featured = ⭐ unggulan
admin-catalog-state-not-featured = bukan unggulan
admin-catalog-state-none = tidak ada perubahan
admin-catalog-not-found = Tidak ada { $what } di katalog. Cari nama dan ID dengan <code>/catalog find …</code>.
admin-catalog-disabled = 🚫 { $what } dinonaktifkan dan disembunyikan dari pembeli. { $listings } produk dijual.
admin-catalog-enabled = ✅ { $what } aktif. { $listings } produk dijual.
admin-catalog-renamed = ✏️ { $what } sekarang ditampilkan sebagai “{ $name }”.
admin-catalog-featured = ⭐ { $what } jadi unggulan: ditampilkan paling awal.
admin-catalog-unfeatured = { $what } bukan unggulan lagi.
admin-catalog-reset = ↩️ Aturan untuk { $what } dihapus. { $listings } produk dijual.
admin-catalog-reset-missing = Tidak ada aturan untuk { $what }.
admin-catalog-find-title = 🔎 <b>Produk untuk “{ $query }”</b> ({ $total }). Yang dinonaktifkan tidak ditampilkan.
admin-catalog-find-none = Tidak ada produk dijual yang cocok dengan “{ $query }”. Yang dinonaktifkan tidak dicari: lihat <code>/catalog</code>.
admin-catalog-find-listing = { $marker } <code>{ $id }</code> — <b>{ $name }</b> · { $where } · { $price }
admin-catalog-find-original = nama dari reseller: { $name }
admin-catalog-find-offer = ◦ { $reseller } · SKU <code>{ $sku }</code> · modal { $cost } · { $stock }
admin-catalog-find-offers-more = ◦ … { $count } penawaran lagi
admin-catalog-find-no-price = tanpa harga
admin-catalog-find-in-stock = tersedia
admin-catalog-find-out-of-stock = stok habis

## /coupon

admin-coupon-added = 🎟 Kupon <code>{ $code }</code> dibuat.
admin-coupon-updated = 🎟 Kupon <code>{ $code }</code> diperbarui; jumlah pemakaiannya tetap.
admin-coupon-details =
    🎟 <b>Kupon <code>{ $code }</code></b> — { $status }
    Potongan: { $percent }%
    Untuk: { $applies }
    Dipakai: { $used } dari { $max } · sisa: { $left }
    Masa berlaku: { $expiry }
admin-coupon-status-active = aktif
admin-coupon-status-off = <b>nonaktif</b>
admin-coupon-status-expired = <b>kedaluwarsa</b>
admin-coupon-status-used-up = <b>habis</b>
admin-coupon-all-listings = semua produk
admin-coupon-unlimited = tanpa batas
admin-coupon-no-expiry = selamanya
admin-coupon-until-end-of-day = sampai akhir hari { $date } (UTC)
admin-coupon-not-found = Kupon <code>{ $code }</code> tidak ada.
admin-coupon-listing-not-found = Produk <code>{ $id }</code> tidak dijual. Cari ID dengan <code>/catalog find …</code>.
admin-coupon-past = Tanggal { $date } sudah lewat; pilih hari terakhir yang lebih akhir.
admin-coupon-off = 🎟 Kupon <code>{ $code }</code> dinonaktifkan: pembeli tidak bisa memakainya lagi.
admin-coupon-on = 🎟 Kupon <code>{ $code }</code> aktif lagi.

## /blacklist, /unblacklist

admin-blacklist-player-done = ⛔ ID pemain <code>{ $player }</code> masuk daftar hitam: pesanan untuknya ditolak.
admin-blacklist-user-done = ⛔ { $user } masuk daftar hitam: pesanannya ditolak.
admin-unblacklist-player-done = ✅ ID pemain <code>{ $player }</code> dikeluarkan dari daftar hitam.
admin-unblacklist-player-missing = ID pemain <code>{ $player }</code> tidak ada di daftar hitam.
admin-unblacklist-user-done = ✅ { $user } dikeluarkan dari daftar hitam.
admin-unblacklist-user-missing = { $user } tidak ada di daftar hitam.

## Peringatan operator

alert-head = { $icon } <b>{ $title }</b>
alert-head-order = { $icon } <b>{ $title }</b> · <code>{ $reference }</code>
alert-detail = { $key }: { $value }
alert-order-failed = Pesanan gagal
alert-order-needs-review = Pesanan perlu ditinjau
alert-order-stuck = Pesanan macet
alert-reseller-balance-low = Saldo reseller menipis
alert-reseller-down = Reseller tidak tersedia
alert-reseller-recovered = Reseller pulih
alert-webhook-signature-failed = Tanda tangan webhook salah
alert-large-order = Pesanan besar
alert-payment-problem = Masalah pembayaran
alert-support-request = Permintaan dukungan
alert-other = Peringatan

## Dukungan

support-unavailable = Maaf, dukungan sedang tidak tersedia. Silakan coba lagi nanti.
support-usage = Tulis pertanyaan anda setelah perintah, misalnya <code>/support pesanan K7F3-92QX belum masuk</code>
support-too-many = Anda sudah mengirim banyak pesan dukungan dalam satu jam ini. Mohon tunggu jawabannya.
support-sent = ✉️ Pesan anda sudah dikirim ke tim dukungan. Jawabannya akan muncul di sini.
support-request = 🆘 <b>Permintaan dukungan</b> dari { $name } ({ $username }, id <code>{ $id }</code>)
support-request-orders = Pesanan terakhir: { $orders }
support-request-no-orders = Belum ada pesanan.
support-request-hint = ↩️ Balas pesan ini untuk menjawab pembeli.
support-reply-text-only = Hanya teks yang bisa diteruskan ke pembeli. Balas dengan teks.
support-reply-queued = ✉️ Terkirim ke pembeli.
