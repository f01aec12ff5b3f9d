# Satu pesan untuk setiap kode galat di src/core/errors.ts (sebuah tes memeriksa semua bahasa).

error-player-not-found = ❌ Pemain dengan ID ini tidak ditemukan. Cek lagi lalu kirim ulang.
error-player-fields-invalid = { $problem ->
    [missing] ❌ { $field } wajib diisi.
    [spaces] ❌ { $field } tidak boleh ada spasi.
    [pattern] ❌ { $field } sepertinya salah.
    [too_short] ❌ { $field } terlalu pendek.
    [too_long] ❌ { $field } terlalu panjang.
    [not_an_option] ❌ Pilih { $field } dari daftar.
   *[other] ❌ { $field } tidak valid.
}
error-product-not-found = Produk ini sudah tidak tersedia.
error-out-of-stock = 😔 Stok sedang habis. Coba lagi nanti.
error-price-changed = ⚠️ Harga sudah berubah. Silakan cek harga barunya.
error-not-for-sale = Produk ini belum bisa dijual sekarang.
error-stale-fx-rate = Harga sedang diperbarui. Coba lagi beberapa menit lagi.
error-quantity-not-allowed = Jumlah ini tidak bisa dipesan.
error-provider-inactive = Produk ini sementara tidak tersedia.
error-reseller-unavailable = Pemasok kami sedang tidak merespons. Coba lagi beberapa menit lagi.
error-reseller-balance-low = Produk ini sementara tidak tersedia.
error-reseller-rejected = Pemasok tidak bisa memproses pesanan ini.
error-quote-expired = ⌛ Harga ini sudah kedaluwarsa. Silakan mulai lagi.
error-wallet-insufficient = 👛 Saldo dompetmu tidak cukup.
error-coupon-invalid = 🎟 Kupon ini tidak valid.
error-coupon-expired = 🎟 Kupon ini sudah kedaluwarsa.
error-coupon-used-up = 🎟 Kupon ini sudah habis dipakai.
error-buyer-banned = Akunmu tidak bisa membuat pesanan. Hubungi dukungan jika menurutmu ini keliru.
error-blacklisted = Pesanan ini tidak bisa dibuat. Hubungi dukungan jika menurutmu ini keliru.
error-rate-limited = 🐢 Terlalu cepat. Tunggu beberapa detik ya.
error-payment-method-unavailable = Metode pembayaran ini sedang tidak tersedia.
error-payment-failed = Pembayaran tidak bisa dimulai. Coba lagi atau pilih cara bayar lain.
error-order-not-found = Pesanan tidak ditemukan.
error-not-allowed = Kamu tidak bisa melakukan itu.
error-invalid-input = Sepertinya ada yang salah. Cek lalu coba lagi.
error-internal = Ada masalah di sisi kami. Silakan coba lagi.
