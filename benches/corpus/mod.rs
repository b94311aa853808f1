//! A deterministic benchmark corpus: Indonesian-like channel posts with evasions and rule
//! phrases injected at known rates, and phrase sets of any size. No data files, no `rand`:
//! everything comes from a seeded splitmix64, so every run and every machine sees the same
//! bytes.
//!
//! Shared by the benchmarks: include it with `mod corpus;` (or `#[path = "corpus/mod.rs"]`).
//!
//! * [`posts`] / [`posts_with_stats`]: a batch of posts of about `total_bytes`, with a
//!   Telegram-like length mix ([`LENGTH_MIX`]).
//! * [`post_of_len`]: one post of exactly `chars` characters (4,096 is Telegram's limit).
//! * [`phrases`]: `n` distinct phrases; every set starts with the same [`REAL_TERMS`] and the
//!   same pseudo-words, so `phrases(100)` is a prefix of `phrases(10_000)`.
//! * [`pack_toml`]: a rule pack holding phrases, for `RulePack::from_toml`.
//!
//! Rates, per generated word unless said otherwise:
//!
//! * [`EVASION_RATE`] of ordinary words carry one evasion, chosen uniformly among
//!   [`Evasion::ALL`] (leetspeak, Cyrillic look-alikes, zero-width space, combining acute,
//!   repeated letters, spaced letters, mathematical bold);
//! * one phrase of the first [`INJECT_POOL`] phrases (so every phrase set can find it) is
//!   injected every 1–3 KB of text, about one per [`INJECT_EVERY_BYTES`] bytes; half are
//!   [`REAL_TERMS`]; [`INJECTED_EVASION_RATE`] of them carry an evasion in one word, which a
//!   plain automaton misses and the screener's normalizer folds away.
#![allow(dead_code)] // each benchmark uses its own part of the module

use std::collections::HashSet;

/// Fraction of ordinary words that carry one evasion.
pub const EVASION_RATE: f64 = 0.03;
/// Mean distance between injected phrases, in bytes of text.
pub const INJECT_EVERY_BYTES: usize = 2048;
/// Fraction of injected phrases that carry an evasion in one of their words.
pub const INJECTED_EVASION_RATE: f64 = 0.3;
/// Injected phrases are drawn from the first `INJECT_POOL` phrases of [`phrases`], which
/// every phrase set of at least that size contains.
pub const INJECT_POOL: usize = 100;
/// Post lengths in characters: `(share of posts, shortest, longest)`.
pub const LENGTH_MIX: [(f64, usize, usize); 3] = [(0.6, 50, 300), (0.3, 300, 1500), (0.1, 1500, 4096)];

/// Real gambling-promotion and terrorism terms, the first phrases of every phrase set.
pub const REAL_TERMS: [&str; 12] = [
    "slot gacor",
    "maxwin",
    "baiat",
    "jihad",
    "bom bunuh diri",
    "situs gacor",
    "link gacor",
    "scatter hitam",
    "togel",
    "judi online",
    "amaliyah",
    "khilafah",
];

/// Ordinary Indonesian vocabulary, most common first (picks are skewed towards the front).
#[rustfmt::skip]
const WORDS: &[&str] = &[
    // function words and particles
    "yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "tidak", "ada", "akan",
    "sudah", "bisa", "saya", "kamu", "kita", "kami", "mereka", "dia", "aku", "juga", "atau", "tapi",
    "karena", "jadi", "kalau", "lagi", "masih", "sangat", "lebih", "banyak", "semua", "hanya",
    "belum", "harus", "mau", "ingin", "pada", "oleh", "dalam", "sebagai", "seperti", "bahwa",
    "agar", "supaya", "setelah", "sebelum", "ketika", "saat", "sampai", "tentang", "antara", "bagi",
    "tanpa", "secara", "para", "sini", "sana", "apa", "siapa", "mana", "kapan", "bagaimana",
    "mengapa", "kenapa", "berapa", "ya", "nggak", "gak", "udah", "aja", "sih", "dong", "kok", "deh",
    "nih", "banget", "baru", "lama", "besar", "kecil", "baik", "benar", "salah", "mudah", "sulit",
    "cepat", "tinggi", "murah", "mahal", "jauh", "dekat", "sendiri", "bersama", "lain", "setiap",
    "beberapa", "pertama", "satu", "dua", "tiga", "lima", "ribu", "juta", "miliar",
    // people, places, things
    "orang", "hari", "rumah", "makan", "jalan", "kerja", "pemerintah", "warga", "berita", "harga",
    "pasar", "sekolah", "anak", "ibu", "bapak", "keluarga", "teman", "kota", "desa", "negara",
    "daerah", "provinsi", "kabupaten", "presiden", "menteri", "gubernur", "bupati", "polisi",
    "dokter", "guru", "murid", "mahasiswa", "kampus", "kantor", "toko", "uang", "beras", "minyak",
    "gula", "cabai", "bawang", "telur", "ayam", "ikan", "daging", "sayur", "buah", "nasi", "air",
    "listrik", "bensin", "motor", "mobil", "bus", "kereta", "pesawat", "kapal", "laut", "gunung",
    "sungai", "hujan", "banjir", "panas", "cuaca", "pagi", "siang", "sore", "malam", "minggu",
    "bulan", "tahun", "waktu", "jam", "acara", "kegiatan", "program", "bantuan", "sosial",
    "kesehatan", "pendidikan", "ekonomi", "politik", "pemilu", "partai", "rakyat", "masyarakat",
    "umum", "hukum", "pengadilan", "kasus", "korban", "kecelakaan", "kebakaran", "gempa", "bencana",
    "informasi", "media", "lagu", "film", "musik", "pertandingan", "bola", "tim", "pemain",
    "pelatih", "juara", "liga", "masjid", "doa", "lebaran", "puasa", "ramadan", "libur", "mudik",
    "tiket", "hotel", "wisata", "pantai", "jakarta", "surabaya", "bandung", "medan", "semarang",
    "makassar", "yogyakarta", "bali", "jawa", "sumatera", "kalimantan", "sulawesi", "papua",
    "indonesia", "pekerjaan", "gaji", "usaha", "modal", "produk", "layanan", "pelanggan",
    "perusahaan", "karyawan", "pabrik", "petani", "nelayan", "pedagang", "sawah", "kebun", "hasil",
    "data", "laporan", "rapat", "keputusan", "aturan", "kebijakan", "anggaran", "pajak", "subsidi",
    "rupiah", "bank", "pinjaman", "cicilan", "diskon", "promo", "gratis", "ongkir", "pesanan",
    "barang", "kualitas", "stok", "jual", "beli", "bayar", "kirim",
    // verbs and greetings
    "pergi", "datang", "pulang", "lihat", "tahu", "kata", "bilang", "bicara", "dengar", "baca",
    "tulis", "belajar", "bekerja", "membantu", "membeli", "menjual", "membuat", "memberi",
    "menerima", "meminta", "menunggu", "mencari", "menemukan", "membawa", "mengambil", "membuka",
    "menutup", "memulai", "selesai", "tinggal", "hidup", "sakit", "sehat", "tidur", "bangun",
    "minum", "main", "menang", "kalah", "naik", "turun", "masuk", "keluar", "tanya", "jawab",
    "coba", "pakai", "ikut", "kumpul", "dukung", "setuju", "terima", "kasih", "semoga", "selamat",
    "mohon", "maaf", "tolong", "silakan", "ayo", "mari",
];

/// A few English words, as Indonesian posts mix them in.
const ENGLISH: &[&str] = &[
    "update", "info", "online", "live", "share", "link", "free", "sale", "good", "morning", "thanks", "please",
    "breaking", "news", "new", "official", "download", "admin", "group", "channel",
];

const EMOJI: &[&str] = &["😂", "🙏", "🔥", "👍", "❤️", "😭", "🤲", "💯", "📢", "✅", "🇮🇩", "😍"];

/// Syllables of the pseudo-words in phrase sets. No `l` (the normalizer folds it into `i`)
/// and no digits, so a pseudo-phrase folds to itself and a plain automaton sees the same text.
const ONSETS: &[&str] = &["b", "d", "g", "h", "j", "k", "m", "n", "p", "r", "s", "t", "w", "y", "ng", "ny"];
const VOWELS: &[&str] = &["a", "i", "u", "e", "o"];
const CODAS: &[&str] = &["n", "r", "ng", "k", "s", "t"];

/// A small, fast, seeded PRNG (splitmix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator with the given seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of `items`, uniformly.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// One element of `items`, skewed towards the front (about Zipf-like).
    pub fn pick_common<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let u = self.unit();
        items[((u * u) * items.len() as f64) as usize]
    }
}

/// The evasions the corpus injects, each into one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evasion {
    /// `o→0 i→1 a→4 e→3 s→5` inside the word (`s1ang`).
    Leet,
    /// Latin `a e o p c` replaced by Cyrillic `а е о р с`.
    Cyrillic,
    /// A zero-width space (U+200B) inside the word.
    ZeroWidth,
    /// A combining acute accent (U+0301) after a vowel.
    Combining,
    /// One letter repeated 2–5 extra times (`jihaaaad`).
    Repeat,
    /// Letters separated by spaces (`s l o t`).
    Spaced,
    /// Mathematical bold letters (U+1D400 block).
    MathBold,
}

impl Evasion {
    /// Every evasion, each injected equally often.
    pub const ALL: [Evasion; 7] = [
        Evasion::Leet,
        Evasion::Cyrillic,
        Evasion::ZeroWidth,
        Evasion::Combining,
        Evasion::Repeat,
        Evasion::Spaced,
        Evasion::MathBold,
    ];

    /// Writes `word` (ASCII) with this evasion applied to `out`.
    pub fn apply(self, word: &str, rng: &mut Rng, out: &mut String) {
        let chars: Vec<char> = word.chars().collect();
        let letters = chars.len().max(1);
        match self {
            Evasion::Leet | Evasion::Cyrillic => {
                let map = |c: char| match (self, c.to_ascii_lowercase()) {
                    (Evasion::Leet, 'o') => Some('0'),
                    (Evasion::Leet, 'i') => Some('1'),
                    (Evasion::Leet, 'a') => Some('4'),
                    (Evasion::Leet, 'e') => Some('3'),
                    (Evasion::Leet, 's') => Some('5'),
                    (Evasion::Cyrillic, 'a') => Some('\u{430}'),
                    (Evasion::Cyrillic, 'e') => Some('\u{435}'),
                    (Evasion::Cyrillic, 'o') => Some('\u{43E}'),
                    (Evasion::Cyrillic, 'p') => Some('\u{440}'),
                    (Evasion::Cyrillic, 'c') => Some('\u{441}'),
                    _ => None,
                };
                // Replace about half of the candidates, at least one (the first one if the
                // coin flips replaced none). Leet stays inside the word: never the first letter.
                let first = usize::from(self == Evasion::Leet);
                let candidates: Vec<usize> = (first..chars.len()).filter(|&i| map(chars[i]).is_some()).collect();
                let mut chosen: Vec<usize> = candidates.iter().copied().filter(|_| rng.chance(0.5)).collect();
                if chosen.is_empty() {
                    chosen.extend(candidates.first());
                }
                for (i, &c) in chars.iter().enumerate() {
                    out.push(if chosen.contains(&i) { map(c).expect("a candidate") } else { c });
                }
            }
            Evasion::ZeroWidth => {
                let at = rng.range(1, letters.saturating_sub(1).max(1));
                for (i, &c) in chars.iter().enumerate() {
                    if i == at {
                        out.push('\u{200B}');
                    }
                    out.push(c);
                }
            }
            Evasion::Combining => {
                let vowels: Vec<usize> = (0..chars.len()).filter(|&i| "aeiouAEIOU".contains(chars[i])).collect();
                let at =
                    if vowels.is_empty() { chars.len().saturating_sub(1) } else { vowels[rng.below(vowels.len())] };
                for (i, &c) in chars.iter().enumerate() {
                    out.push(c);
                    if i == at {
                        out.push('\u{301}');
                    }
                }
            }
            Evasion::Repeat => {
                let at = rng.below(letters);
                let extra = rng.range(2, 5);
                for (i, &c) in chars.iter().enumerate() {
                    out.push(c);
                    if i == at {
                        out.extend(std::iter::repeat(c).take(extra));
                    }
                }
            }
            Evasion::Spaced => {
                for (i, &c) in chars.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push(c);
                }
            }
            Evasion::MathBold => {
                for &c in &chars {
                    let bold = match c {
                        'a'..='z' => char::from_u32(0x1D41A + (c as u32 - 'a' as u32)),
                        'A'..='Z' => char::from_u32(0x1D400 + (c as u32 - 'A' as u32)),
                        _ => None,
                    };
                    out.push(bold.unwrap_or(c));
                }
            }
        }
    }
}

/// What a generated batch holds, for reading the match counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Posts generated.
    pub posts: usize,
    /// Bytes of text (UTF-8).
    pub bytes: usize,
    /// Ordinary words (not counting injected phrases, emoji, URLs …).
    pub words: usize,
    /// Ordinary words carrying an evasion.
    pub evaded_words: usize,
    /// Phrases injected (some may be cut by the end of a post).
    pub injected: usize,
    /// Injected phrases carrying an evasion.
    pub injected_evaded: usize,
}

/// Posts of about `total_bytes` bytes in all (the last post ends the batch once it is
/// reached), with the length mix of [`LENGTH_MIX`].
pub fn posts(seed: u64, total_bytes: usize) -> Vec<String> {
    posts_with_stats(seed, total_bytes).0
}

/// [`posts`] with what was injected.
pub fn posts_with_stats(seed: u64, total_bytes: usize) -> (Vec<String>, Stats) {
    let mut writer = Writer::new(seed);
    let mut posts = Vec::new();
    while writer.stats.bytes < total_bytes {
        let roll = writer.rng.unit();
        let mut cumulative = 0.0;
        let mut chars = 0;
        for &(share, lo, hi) in &LENGTH_MIX {
            cumulative += share;
            chars = writer.rng.range(lo, hi);
            if roll < cumulative {
                break;
            }
        }
        let post = writer.post(chars);
        writer.stats.posts += 1;
        writer.stats.bytes += post.len();
        posts.push(post);
    }
    (posts, writer.stats)
}

/// One post of exactly `chars` characters (Unicode scalar values).
pub fn post_of_len(seed: u64, chars: usize) -> String {
    Writer::new(seed).post(chars)
}

/// `n` distinct phrases of 1–3 words: first [`REAL_TERMS`], then pseudo-words made of
/// Indonesian-like syllables that are not in the corpus vocabulary. A smaller set is always a
/// prefix of a larger one.
pub fn phrases(n: usize) -> Vec<String> {
    let vocabulary: HashSet<&str> = WORDS.iter().chain(ENGLISH).copied().collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut out: Vec<String> = Vec::with_capacity(n);
    for term in REAL_TERMS.iter().take(n) {
        seen.insert(term.to_string());
        out.push(term.to_string());
    }
    let mut rng = Rng::new(0x5a71_4e6f_7068_7261);
    while out.len() < n {
        let roll = rng.unit();
        let words = if roll < 0.5 {
            1
        } else if roll < 0.85 {
            2
        } else {
            3
        };
        let mut phrase = String::new();
        let mut ok = true;
        for w in 0..words {
            // A lone word has 3–4 syllables, so it seldom hides inside ordinary words.
            let syllables = if words == 1 { rng.range(3, 4) } else { rng.range(2, 4) };
            let mut word = String::new();
            for _ in 0..syllables {
                word.push_str(rng.pick(ONSETS));
                word.push_str(rng.pick(VOWELS));
            }
            if rng.chance(0.3) {
                word.push_str(rng.pick(CODAS));
            }
            ok &= !vocabulary.contains(word.as_str());
            if w > 0 {
                phrase.push(' ');
            }
            phrase.push_str(&word);
        }
        if ok && seen.insert(phrase.clone()) {
            out.push(phrase);
        }
    }
    out
}

/// A rule pack (TOML) holding `phrases` as `any` lists of at most 100 phrases per rule,
/// category `other`, severity `review`.
pub fn pack_toml(phrases: &[String]) -> String {
    let mut toml = String::from("[pack]\nname = \"bench\"\nversion = \"1.0.0\"\n");
    for (i, chunk) in phrases.chunks(100).enumerate() {
        toml.push_str(&format!(
            "\n[[rule]]\nid = \"bench.r{i:04}\"\ncategory = \"other\"\nseverity = \"review\"\nany = [\n"
        ));
        for phrase in chunk {
            toml.push_str("  \"");
            for c in phrase.chars() {
                match c {
                    '"' => toml.push_str("\\\""),
                    '\\' => toml.push_str("\\\\"),
                    c => toml.push(c),
                }
            }
            toml.push_str("\",\n");
        }
        toml.push_str("]\n");
    }
    toml
}

/// Writes posts, keeping the injection countdown across them.
struct Writer {
    rng: Rng,
    pool: Vec<String>,
    /// Bytes of text left before the next injected phrase.
    until_inject: usize,
    stats: Stats,
}

impl Writer {
    fn new(seed: u64) -> Writer {
        let mut rng = Rng::new(seed);
        let until_inject = next_gap(&mut rng);
        Writer { rng, pool: phrases(INJECT_POOL), until_inject, stats: Stats::default() }
    }

    /// One post of exactly `chars` characters.
    fn post(&mut self, chars: usize) -> String {
        let mut post = String::with_capacity(chars + 16);
        let mut count = 0;
        let mut sentence_start = true;
        while count < chars {
            let before = post.len();
            if count > 0 && !post.ends_with('\n') {
                post.push(' ');
            }
            if self.until_inject == 0 {
                self.inject(&mut post);
                self.until_inject = next_gap(&mut self.rng);
            } else {
                self.token(&mut post, sentence_start);
            }
            sentence_start = false;
            let roll = self.rng.unit();
            if roll < 0.08 {
                post.push(',');
            } else if roll < 0.18 {
                post.push_str(self.rng.pick(&[".", ".", ".", "!", "?", "..."]));
                sentence_start = true;
                if self.rng.chance(0.2) {
                    post.push('\n');
                }
            }
            self.until_inject = self.until_inject.saturating_sub(post.len() - before);
            count += post[before..].chars().count();
        }
        if count > chars {
            let end = post.char_indices().nth(chars).map_or(post.len(), |(i, _)| i);
            post.truncate(end);
        }
        post
    }

    fn inject(&mut self, out: &mut String) {
        let phrase = if self.rng.chance(0.5) {
            REAL_TERMS[self.rng.below(REAL_TERMS.len())].to_string()
        } else {
            self.pool[self.rng.below(self.pool.len())].clone()
        };
        self.stats.injected += 1;
        let evade = self.rng.chance(INJECTED_EVASION_RATE);
        let words: Vec<&str> = phrase.split(' ').collect();
        let evaded = if evade { Some(self.rng.below(words.len())) } else { None };
        if evade {
            self.stats.injected_evaded += 1;
        }
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            if evaded == Some(i) {
                let evasion = Evasion::ALL[self.rng.below(Evasion::ALL.len())];
                evasion.apply(word, &mut self.rng, out);
            } else {
                out.push_str(word);
            }
        }
    }

    fn token(&mut self, out: &mut String, sentence_start: bool) {
        let roll = self.rng.unit();
        if roll < 0.80 {
            let word = self.rng.pick_common(WORDS);
            self.word(word, out, sentence_start);
        } else if roll < 0.84 {
            let word = self.rng.pick(ENGLISH);
            self.word(word, out, sentence_start);
        } else if roll < 0.86 {
            out.push_str(self.rng.pick(EMOJI));
        } else if roll < 0.88 {
            out.push('#');
            out.push_str(self.rng.pick_common(WORDS));
            if self.rng.chance(0.5) {
                out.push_str(self.rng.pick_common(WORDS));
            }
        } else if roll < 0.90 {
            out.push('@');
            out.push_str(self.rng.pick(WORDS));
            if self.rng.chance(0.5) {
                out.push_str(&format!("{}", self.rng.range(1, 99)));
            }
        } else if roll < 0.91 {
            let path = format!("{}{}", self.rng.pick(WORDS), self.rng.range(1, 999));
            out.push_str(&format!("https://t.me/{path}"));
        } else if roll < 0.95 {
            let number = match self.rng.below(5) {
                0 => format!("{}", self.rng.range(2015, 2025)),
                1 => format!("{}rb", self.rng.range(1, 500)),
                2 => format!("Rp{}.000", self.rng.range(1, 999)),
                3 => format!("{}%", self.rng.range(1, 100)),
                _ => format!("{}", self.rng.range(1, 100)),
            };
            out.push_str(&number);
        } else {
            // Reduplication, very common in Indonesian: `anak-anak`, or informally `anak2`.
            let word = self.rng.pick_common(WORDS);
            out.push_str(word);
            if self.rng.chance(0.5) {
                out.push('2');
            } else {
                out.push('-');
                out.push_str(word);
            }
            self.stats.words += 1;
        }
    }

    fn word(&mut self, word: &str, out: &mut String, capital: bool) {
        self.stats.words += 1;
        let mut word = word.to_owned();
        if capital {
            word[..1].make_ascii_uppercase();
        }
        if self.rng.chance(EVASION_RATE) {
            self.stats.evaded_words += 1;
            let evasion = Evasion::ALL[self.rng.below(Evasion::ALL.len())];
            evasion.apply(&word, &mut self.rng, out);
        } else {
            out.push_str(&word);
        }
    }
}

/// Bytes of text until the next injected phrase: uniform in 1–3 KB, mean [`INJECT_EVERY_BYTES`].
fn next_gap(rng: &mut Rng) -> usize {
    rng.range(INJECT_EVERY_BYTES / 2, INJECT_EVERY_BYTES * 3 / 2)
}
