// The dashboard's words, in Indonesian (the default) and English. `t(key, params)` looks a key
// up in the current language, falls back to Indonesian, and fills `{name}` placeholders.
// Static text in index.html carries `data-i18n` (textContent), `data-i18n-label` (aria-label)
// or `data-i18n-placeholder`; `applyStatic()` fills them.

const STRINGS = {
  id: {
    skip: "Lewati ke konten",
    tagline: "dasbor admin kanal",
    loading: "Memuat penyaring…",
    "load.failed": "Penyaring tidak bisa dimuat: {error}",
    "nav.label": "Tampilan",
    "nav.compose": "Tulis",
    "nav.feed": "Kanal publik",
    "nav.chat": "Obrolan pribadi",
    "nav.queue": "Antrean tinjauan",
    "nav.packs": "Paket aturan",
    "nav.settings": "Pengaturan",
    "lang.other": "English",
    "offline.text":
      "API moderasi tidak terjangkau. Laporan disimpan di perangkat ini dan dikirim otomatis begitu tersambung kembali.",
    "offline.retry": "Coba kirim sekarang",
    "api.online": "API tersambung",
    "api.offline": "API terputus",
    "api.unknown": "API belum dicek",

    "verdict.allow": "Aman",
    "verdict.warn": "Peringatan",
    "verdict.review": "Perlu ditinjau",
    "verdict.block": "Diblokir",
    "severity.warn": "peringatan",
    "severity.review": "tinjau",
    "severity.block": "blokir",
    "category.terrorism": "Terorisme",
    "category.incitement": "Hasutan kekerasan",
    "category.hate": "Ujaran kebencian",
    "category.gambling": "Judi online",
    "category.fraud": "Penipuan",
    "category.pornography": "Pornografi",
    "category.spam": "Spam",
    "category.other": "Lainnya",
    "finding.evasion": "Penyamaran dibuka: {explain}",
    "finding.terms": "Frasa: {terms}",
    "finding.select": "Pilih di teks",
    "findings.none": "Tidak ada temuan.",
    "findings.count": "{n} temuan",
    "findings.countOmitted": "{n} dari {total} temuan (sisanya tidak dimuat laporan)",

    "compose.title": "Tulis postingan",
    "compose.intro":
      "Teks disaring di perangkat ini setiap kali Anda mengetik. Bagian yang cocok dengan aturan ditandai di tempatnya.",
    "compose.label": "Postingan untuk kanal Anda",
    "compose.placeholder": "Tulis postingan… (maks. 4.096 karakter)",
    "compose.counter": "{n} / 4.096 karakter",
    "compose.findings": "Temuan",
    "compose.publish": "Terbitkan",
    "compose.publish.warn": "Terbitkan…",
    "compose.publish.review": "Kirim ke antrean tinjauan",
    "compose.publish.block": "Tidak bisa diterbitkan",
    "compose.hint.empty": "Tulis sesuatu untuk diterbitkan.",
    "compose.hint.allow": "Tidak ada temuan: siap diterbitkan.",
    "compose.hint.warn": "Ada peringatan: Anda akan diminta konfirmasi sebelum terbit.",
    "compose.hint.review": "Postingan ini perlu ditinjau dulu: akan masuk antrean tinjauan lokal, tidak langsung terbit.",
    "compose.hint.block": "Diblokir karena:",
    "compose.published": "Sudah terbit",
    "compose.reviewQueue": "Menunggu tinjauan (lokal)",
    "compose.empty": "Belum ada.",
    "compose.withWarning": "terbit dengan peringatan",
    "compose.done.allow": "Postingan diterbitkan.",
    "compose.done.warn": "Postingan diterbitkan dengan peringatan.",
    "compose.done.review": "Postingan masuk antrean tinjauan.",
    "compose.confirm.title": "Terbitkan dengan peringatan?",
    "compose.confirm.body": "Postingan ini memicu peringatan berikut. Terbitkan tetap?",
    "compose.confirm.yes": "Ya, terbitkan",
    "compose.confirm.no": "Batal, saya ubah dulu",
    "compose.remove": "Hapus",
    "compose.tooLong": "Teks terlalu panjang: {error}",
    "compose.overLimit": "Melebihi batas Telegram 4.096 karakter: hapus {n} karakter lagi sebelum terbit.",

    "feed.title": "Kanal publik",
    "feed.intro":
      "Postingan publik dari kanal lain, disaring di perangkat ini. Yang perlu ditinjau atau diblokir bisa dilaporkan ke tim moderasi dengan satu klik.",
    "feed.report": "Laporkan",
    "feed.reported": "Dilaporkan",
    "feed.retry": "Kirim ulang",
    "feed.needToken": "Isi token pelapor di Pengaturan dulu.",
    "feed.status.queued": "Dalam antrean",
    "feed.status.waiting": "Menunggu jaringan · dicoba lagi otomatis",
    "feed.status.needsToken": "Menunggu di perangkat ini · masukkan token pelapor di Pengaturan untuk mengirim",
    "feed.status.sending": "Terkirim, menunggu konfirmasi…",
    "feed.status.acknowledged": "Diterima tim moderasi · laporan #{id}",
    "feed.status.failed": "Ditolak: {error}",
    "feed.topicOnly": "Tidak ada tindakan: topik ini boleh diberitakan.",
    "feed.warnOnly": "Hanya peringatan: tidak perlu dilaporkan.",

    "chat.title": "Obrolan pribadi",
    "chat.private": "Tidak ada yang keluar dari perangkat ini",
    "chat.privateDetail":
      "Pesan pribadi disaring di perangkat ini saja: peringatan hanya tampil untuk Anda, tidak ada laporan, tidak ada yang dikirim.",
    "chat.with": "Obrolan dengan Rina (simulasi lokal)",
    "chat.label": "Pesan",
    "chat.placeholder": "Tulis pesan…",
    "chat.send": "Kirim",
    "chat.warning": "Peringatan di perangkat: {what}",
    "chat.me": "Anda",
    "chat.them": "Rina",

    "queue.title": "Antrean tinjauan",
    "queue.intro": "Laporan dari pengguna, yang terlama di atas. Target: diputuskan dalam 1 jam.",
    "queue.needToken": "Isi token moderator di Pengaturan untuk membuka antrean.",
    "queue.status": "Status",
    "queue.status.open": "Terbuka",
    "queue.status.removed": "Dihapus",
    "queue.status.dismissed": "Diabaikan",
    "queue.status.all": "Semua",
    "queue.category": "Kategori",
    "queue.category.any": "Semua kategori",
    "queue.refresh": "Muat ulang",
    "queue.updated": "Diperbarui {time}",
    "queue.empty": "Antrean kosong.",
    "queue.more": "Muat laporan berikutnya",
    "queue.error": "Antrean tidak bisa dimuat: {error}",
    "queue.age": "masuk {age} lalu",
    "queue.ageNow": "baru masuk",
    "queue.sla": "SLA {minutes} / 60 mnt",
    "queue.breached": "SLA terlewati",
    "queue.reporter": "pelapor {name}",
    "queue.alsoReported": "Juga dilaporkan oleh {n} pelapor lain",
    "queue.alsoReportedNote": "pelapor {name}: “{note}”",
    "queue.reason": "Alasan keputusan",
    "queue.reason.default.remove": "Melanggar aturan {rule}",
    "queue.reason.default.dismiss": "Bukan pelanggaran",
    "queue.remove": "Hapus postingan",
    "queue.dismiss": "Abaikan laporan",
    "queue.decided": "{action} oleh {moderator} · {reason}",
    "queue.done.remove": "Laporan #{id}: postingan dihapus.",
    "queue.done.dismiss": "Laporan #{id}: diabaikan.",
    "queue.openPost": "Buka postingan",

    "packs.title": "Paket aturan",
    "packs.intro": "Paket yang dipakai penyaring di perangkat ini. Semua penyaringan berjalan lokal.",
    "packs.enabled": "Aktif",
    "packs.name": "Paket",
    "packs.version": "Versi",
    "packs.rules": "Aturan",
    "packs.sha": "SHA-256",
    "packs.custom": "Paket kustom",
    "packs.customTag": "kustom",
    "packs.customIntro": "Muat paket TOML dari berkas atau tempel di bawah. Paket diperiksa sebelum dipakai.",
    "packs.file": "Berkas TOML",
    "packs.source": "Isi paket (TOML)",
    "packs.apply": "Periksa & aktifkan",
    "packs.removeCustom": "Lepas paket kustom",
    "packs.ok": "Paket dimuat: {name} {version}, {rules} aturan.",
    "packs.examples.off": "{n} contoh tidak sesuai aturannya (paket tetap dipakai):",
    "packs.examples.match": "seharusnya cocok, tetapi aturan tidak terpicu",
    "packs.examples.no-match": "seharusnya tidak cocok, tetapi aturan terpicu",
    "packs.error": "Paket ditolak",
    "packs.where": "Lokasi",
    "packs.line": "baris {line}",
    "packs.rule": "aturan {rule}",
    "packs.field": "bidang {field}",
    "packs.needOne": "Aktifkan setidaknya satu paket.",
    "packs.noSources": "Sumber paket bawaan tidak tersedia di situs ini: paket bawaan tidak bisa dimatikan satu per satu.",
    "packs.compiled": "Paket terkompilasi",
    "packs.compiledIntro": "Unduh paket yang sedang dipakai dalam bentuk terkompilasi, untuk halaman yang menyaring dengan saring/runtime (tanpa pengurai TOML): Screener.fromCompiled(bytes).",
    "packs.compiledNoSources": "Sumber paket bawaan tidak tersedia di situs ini: hanya paket kustom yang bisa dikompilasi. saring/runtime sudah memuat paket bawaan.",
    "packs.download": "Unduh paket terkompilasi",
    "packs.compiledDefaults": "Yang dipakai adalah paket bawaan, yang sudah dimuat saring/runtime: Screener.withDefaults().",

    "settings.title": "Pengaturan",
    "settings.intro":
      "Token tidak pernah masuk ke URL atau log. `make demo` mencetak token demo di terminal: salin ke sini.",
    "settings.api": "API moderasi",
    "settings.reporter": "Token pelapor (untuk mengirim laporan)",
    "settings.moderator": "Token moderator (untuk antrean tinjauan)",
    "settings.remember": "Ingat di perangkat ini (localStorage); tanpa centang, token hilang saat tab ditutup",
    "settings.save": "Simpan",
    "settings.forget": "Lupakan token",
    "settings.saved": "Pengaturan disimpan.",
    "settings.forgotten": "Token dihapus dari perangkat ini.",
    "settings.check": "Cek koneksi",
    "settings.checkOk": "API menjawab: {status}",
    "settings.checkFail": "API tidak terjangkau: {error}",
    "settings.outbox": "Kotak keluar laporan",
    "settings.outboxCount": "{pending} menunggu · {acknowledged} diterima · {failed} ditolak",

    "time.justNow": "baru saja",
    "time.min": "{n} mnt",
    "time.hour": "{h} j {m} mnt",
  },
  en: {
    skip: "Skip to content",
    tagline: "channel admin dashboard",
    loading: "Loading the screener…",
    "load.failed": "The screener could not load: {error}",
    "nav.label": "Views",
    "nav.compose": "Compose",
    "nav.feed": "Public channels",
    "nav.chat": "Private chat",
    "nav.queue": "Review queue",
    "nav.packs": "Rule packs",
    "nav.settings": "Settings",
    "lang.other": "Bahasa Indonesia",
    "offline.text": "The moderation API is unreachable. Reports are kept on this device and sent as soon as it is back.",
    "offline.retry": "Try sending now",
    "api.online": "API connected",
    "api.offline": "API unreachable",
    "api.unknown": "API not checked",

    "verdict.allow": "Clear",
    "verdict.warn": "Warning",
    "verdict.review": "Needs review",
    "verdict.block": "Blocked",
    "severity.warn": "warn",
    "severity.review": "review",
    "severity.block": "block",
    "category.terrorism": "Terrorism",
    "category.incitement": "Incitement",
    "category.hate": "Hate speech",
    "category.gambling": "Online gambling",
    "category.fraud": "Fraud",
    "category.pornography": "Pornography",
    "category.spam": "Spam",
    "category.other": "Other",
    "finding.evasion": "Evasion undone: {explain}",
    "finding.terms": "Phrases: {terms}",
    "finding.select": "Select in text",
    "findings.none": "No findings.",
    "findings.count": "{n} findings",
    "findings.countOmitted": "{n} of {total} findings (the rest left out of the report)",

    "compose.title": "Compose a post",
    "compose.intro": "The text is screened on this device as you type. Parts that match a rule are marked in place.",
    "compose.label": "Post for your channel",
    "compose.placeholder": "Write a post… (up to 4,096 characters)",
    "compose.counter": "{n} / 4,096 characters",
    "compose.findings": "Findings",
    "compose.publish": "Publish",
    "compose.publish.warn": "Publish…",
    "compose.publish.review": "Send to review queue",
    "compose.publish.block": "Cannot be published",
    "compose.hint.empty": "Write something to publish.",
    "compose.hint.allow": "No findings: ready to publish.",
    "compose.hint.warn": "There are warnings: you will be asked to confirm before publishing.",
    "compose.hint.review": "This post needs review first: it goes to the local review queue instead of being published.",
    "compose.hint.block": "Blocked because:",
    "compose.published": "Published",
    "compose.reviewQueue": "Waiting for review (local)",
    "compose.empty": "Nothing yet.",
    "compose.withWarning": "published with a warning",
    "compose.done.allow": "Post published.",
    "compose.done.warn": "Post published with a warning.",
    "compose.done.review": "Post sent to the review queue.",
    "compose.confirm.title": "Publish with a warning?",
    "compose.confirm.body": "This post raises the warnings below. Publish anyway?",
    "compose.confirm.yes": "Yes, publish",
    "compose.confirm.no": "Cancel, let me edit",
    "compose.remove": "Remove",
    "compose.tooLong": "The text is too long: {error}",
    "compose.overLimit": "Over Telegram's limit of 4,096 characters: remove {n} more before publishing.",

    "feed.title": "Public channels",
    "feed.intro":
      "Public posts from other channels, screened on this device. Posts that need review or are blocked can be reported to the moderation team in one click.",
    "feed.report": "Report",
    "feed.reported": "Reported",
    "feed.retry": "Send again",
    "feed.needToken": "Enter a reporter token in Settings first.",
    "feed.status.queued": "Queued",
    "feed.status.waiting": "Waiting for the network · retried automatically",
    "feed.status.needsToken": "Waiting on this device · enter the reporter token in Settings to send it",
    "feed.status.sending": "Sent, waiting for confirmation…",
    "feed.status.acknowledged": "Received by the moderation team · report #{id}",
    "feed.status.failed": "Refused: {error}",
    "feed.topicOnly": "No action: reporting on this topic is allowed.",
    "feed.warnOnly": "Warning only: no need to report.",

    "chat.title": "Private chat",
    "chat.private": "Nothing leaves this device",
    "chat.privateDetail":
      "Private messages are screened on this device only: warnings are shown to you alone, nothing is reported, nothing is sent.",
    "chat.with": "Chat with Rina (local simulation)",
    "chat.label": "Message",
    "chat.placeholder": "Write a message…",
    "chat.send": "Send",
    "chat.warning": "On-device warning: {what}",
    "chat.me": "You",
    "chat.them": "Rina",

    "queue.title": "Review queue",
    "queue.intro": "Reports from users, oldest first. Target: decided within 1 hour.",
    "queue.needToken": "Enter a moderator token in Settings to open the queue.",
    "queue.status": "Status",
    "queue.status.open": "Open",
    "queue.status.removed": "Removed",
    "queue.status.dismissed": "Dismissed",
    "queue.status.all": "All",
    "queue.category": "Category",
    "queue.category.any": "All categories",
    "queue.refresh": "Refresh",
    "queue.updated": "Updated {time}",
    "queue.empty": "The queue is empty.",
    "queue.more": "Load the next reports",
    "queue.error": "The queue could not load: {error}",
    "queue.age": "received {age} ago",
    "queue.ageNow": "just received",
    "queue.sla": "SLA {minutes} / 60 min",
    "queue.breached": "SLA breached",
    "queue.reporter": "reporter {name}",
    "queue.alsoReported": "Also reported by {n} other reporters",
    "queue.alsoReportedNote": "reporter {name}: “{note}”",
    "queue.reason": "Reason for the decision",
    "queue.reason.default.remove": "Breaks rule {rule}",
    "queue.reason.default.dismiss": "Not a violation",
    "queue.remove": "Remove post",
    "queue.dismiss": "Dismiss report",
    "queue.decided": "{action} by {moderator} · {reason}",
    "queue.done.remove": "Report #{id}: post removed.",
    "queue.done.dismiss": "Report #{id}: dismissed.",
    "queue.openPost": "Open post",

    "packs.title": "Rule packs",
    "packs.intro": "The packs the screener on this device uses. All screening runs locally.",
    "packs.enabled": "On",
    "packs.name": "Pack",
    "packs.version": "Version",
    "packs.rules": "Rules",
    "packs.sha": "SHA-256",
    "packs.custom": "Custom pack",
    "packs.customTag": "custom",
    "packs.customIntro": "Load a TOML pack from a file or paste it below. The pack is checked before it is used.",
    "packs.file": "TOML file",
    "packs.source": "Pack source (TOML)",
    "packs.apply": "Check & enable",
    "packs.removeCustom": "Remove custom pack",
    "packs.ok": "Pack loaded: {name} {version}, {rules} rules.",
    "packs.examples.off": "{n} example(s) not borne out by their rule (the pack is used all the same):",
    "packs.examples.match": "should match, but the rule does not fire",
    "packs.examples.no-match": "should not match, but the rule fires",
    "packs.error": "Pack refused",
    "packs.where": "Where",
    "packs.line": "line {line}",
    "packs.rule": "rule {rule}",
    "packs.field": "field {field}",
    "packs.needOne": "Enable at least one pack.",
    "packs.noSources": "The default pack sources are not on this site: default packs cannot be turned off one by one.",
    "packs.compiled": "Compiled packs",
    "packs.compiledIntro": "Download the packs in use, compiled, for pages that screen with saring/runtime (no TOML parser): Screener.fromCompiled(bytes).",
    "packs.compiledNoSources": "The default pack sources are not on this site: only a custom pack can be compiled. saring/runtime embeds the default packs already.",
    "packs.download": "Download compiled packs",
    "packs.compiledDefaults": "These are the default packs, which saring/runtime embeds already: Screener.withDefaults().",

    "settings.title": "Settings",
    "settings.intro": "Tokens never go into a URL or a log. `make demo` prints demo tokens in the terminal: paste them here.",
    "settings.api": "Moderation API",
    "settings.reporter": "Reporter token (to send reports)",
    "settings.moderator": "Moderator token (for the review queue)",
    "settings.remember": "Remember on this device (localStorage); unchecked, tokens are gone when the tab closes",
    "settings.save": "Save",
    "settings.forget": "Forget tokens",
    "settings.saved": "Settings saved.",
    "settings.forgotten": "Tokens removed from this device.",
    "settings.check": "Check connection",
    "settings.checkOk": "The API answered: {status}",
    "settings.checkFail": "The API is unreachable: {error}",
    "settings.outbox": "Report outbox",
    "settings.outboxCount": "{pending} waiting · {acknowledged} received · {failed} refused",

    "time.justNow": "just now",
    "time.min": "{n} min",
    "time.hour": "{h} h {m} min",
  },
};

const LANG_KEY = "saring.lang";
let lang = safeGet(LANG_KEY) === "en" ? "en" : "id";
const listeners = new Set();

function safeGet(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The text for `key` in the current language, `{name}` placeholders filled from `params`. */
export function t(key, params = {}) {
  const template = STRINGS[lang][key] ?? STRINGS.id[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (params[name] === undefined ? whole : String(params[name])));
}

export function getLang() {
  return lang;
}

export function setLang(next) {
  lang = next === "en" ? "en" : "id";
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = lang;
  applyStatic();
  for (const listener of listeners) listener(lang);
}

/** Calls `listener(lang)` whenever the language changes. */
export function onLang(listener) {
  listeners.add(listener);
}

/** Fills the static text of `root` from its data-i18n attributes. */
export function applyStatic(root = document) {
  for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll("[data-i18n-label]")) node.setAttribute("aria-label", t(node.dataset.i18nLabel));
  for (const node of root.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
}

export function formatNumber(n) {
  return new Intl.NumberFormat(lang === "en" ? "en-US" : "id-ID").format(n);
}

export function formatDateTime(value) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "id-ID", { dateStyle: "medium", timeStyle: "short" }).format(date);
}

export function formatTime(value) {
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "id-ID", { timeStyle: "medium" }).format(new Date(value));
}

/** A duration in seconds as "12 mnt" or "1 j 5 mnt". */
export function formatAge(seconds) {
  if (seconds < 60) return t("time.justNow");
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t("time.min", { n: minutes });
  return t("time.hour", { h: Math.floor(minutes / 60), m: minutes % 60 });
}
