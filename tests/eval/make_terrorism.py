#!/usr/bin/env python3
"""Writes tests/eval/terrorism.jsonl: the project's own evaluation set for the terrorism pack.

No public labelled Indonesian set of terrorist propaganda exists, so this one is written by the
maintainers: positives are *paraphrased, propaganda-style* posts (never copied from real
propaganda), negatives are hard: news of attacks and arrests, officials' statements, court
reports, counter-radicalism sermons, history, and posts condemning propaganda, many using the
same vocabulary. Part of the positives are re-written with the evasions seen in the wild (leet,
spaced letters, styled and look-alike letters, zero-width characters).

Rerun after editing: `python3 tests/eval/make_terrorism.py`. Deterministic (fixed seed).
Each line: {"id", "text", "label" (1 propaganda, 0 not), "kind"}.
"""
import json
import random
from pathlib import Path

POSITIVES = {
    "pledge": [
        "Kami berbaiat kepada Daulah Islamiyah, mendengar dan taat dalam susah maupun senang.",
        "Ikhwan di Jawa Timur telah memperbarui baiat kepada amirul mukminin yang baru.",
        "Siapa yang belum berbaiat kepada khalifah, matinya mati jahiliyah. Segera baiat!",
        "Ana bai'at kepada Abu Hafs al-Qurasyi, semoga Allah menjaganya.",
        "Baiat kami untuk Daulah tidak akan pernah dicabut walau dipenjara thaghut.",
        "Akhi, sudahkah antum baiat kepada khilafah? Jangan tunda lagi.",
        "Rekam video baiatmu kepada ISIS lalu kirim ke kontak ini.",
        "We renew our pledge of allegiance to the caliph of the Islamic State.",
        "Brothers in Indonesia have pledged allegiance to the caliphate, alhamdulillah.",
        "نبايع امير المؤمنين على السمع والطاعة في المنشط والمكره",
        "Baiat ke Daulah adalah kewajiban setiap muwahhid hari ini.",
        "Ansharud Daulah Jawa Barat menyatakan sumpah setia kepada khalifah.",
        "Kelompok kami resmi berbaiat kepada JAD dan siap menerima perintah.",
        "Bayat kepada khalifah adalah tali yang mengikat kita, jangan lepaskan.",
        "Kirim teks baiat kepada amir Daulah lewat grup tertutup ini.",
    ],
    "attack": [
        "Saatnya serang polsek thaghut itu sebelum mereka menyerang kita.",
        "Bunuh para toghut dan aparatnya di mana pun kalian menemukan mereka.",
        "Wahai ikhwan, wajib bagi kalian menikam polisi yang berjaga di jalan.",
        "Ayo ledakkan gereja mereka saat kebaktian Minggu.",
        "Serbu pos polisi itu, anshar thaghut tidak layak hidup.",
        "Perangi para salibis di negeri ini, jangan beri mereka rasa aman.",
        "Bangkitlah, serang aparat densus yang memenjarakan ikhwan kita.",
        "Tikam anshar thaghut dengan pisau dapurmu jika tak punya senjata.",
        "Kill the crusaders wherever you find them, do not wait for orders.",
        "Rise up and attack the police stations of the tawaghit.",
        "اقتلوا الطواغيت واضربوا الصليبيين في كل مكان",
        "Saatnya bakar gereja kafir itu, jangan biarkan lonceng berbunyi.",
        "Habisi pejabat thaghut yang menerapkan hukum buatan manusia.",
        "Ayo serbu markas brimob, balas darah ikhwan kita.",
        "Tembak saja para thoghut itu, mereka murtad.",
        "Wahai singa-singa tauhid, serang polres mereka saat apel pagi.",
        "Segera bom kedutaan salibis itu, akhi, jangan ragu.",
        "Serang kafir harbi di pusat belanja mereka, balas kezaliman.",
        "Let's attack their churches on Christmas night, brothers.",
        "Tumpahkan darah anshar thaghut, itu qurban terbaik kalian.",
    ],
    "glorify": [
        "Semoga Allah menerima akhi kita sebagai syuhada dalam amaliyah di Surabaya.",
        "Amaliyah istisyhadiyah di Makassar adalah kemuliaan, mereka syuhada insya Allah.",
        "Pelaku bom itu adalah singa tauhid, syahid di jalan Allah.",
        "Ghazwah Thamrin membuktikan Daulah masih ada, taqabbalallahu syuhada kita.",
        "The brothers who carried out the attack are martyrs, insha Allah.",
        "Betapa indah amaliyah istisyhad ikhwan kita di gereja itu.",
        "Istisyhad adalah cita-cita tertinggi, seperti para pahlawan amaliyah Kampung Melayu.",
        "Kami bangga pada akhwat yang melakukan amaliyah di Mabes, ia syahidah.",
        "رحم الله الشهيد منفذ العملية الاستشهادية",
        "Serangan di pos polisi tadi malam adalah amaliyah yang diberkahi, syahid insya Allah.",
        "Inghimasi yang menyerbu markas itu adalah syuhada sejati.",
        "Abadikan nama para syuhada bom Surabaya, mereka pahlawan umat.",
        "Operation of martyrdom yesterday terrified the tawaghit, may Allah accept our martyr.",
        "Selamat untuk ikhwan yang syahid dalam serangan ke polsek, surga menantimu.",
        "Amaliyah kemarin sukses, thaghut panik, syuhada kita tersenyum.",
    ],
    "recruit": [
        "Akhi, ayo bergabung dengan kafilah mujahidin sekarang juga.",
        "Ikutlah i'dad bersama ikhwan di hutan, persiapkan diri untuk qital.",
        "Join the caliphate, brothers, your ummah needs you.",
        "Kami membuka tadrib bagi pemuda yang ingin bergabung dengan barisan jihad.",
        "Daftar ke grup rahasia kami untuk ikut latihan militer mujahidin.",
        "Tinggalkan dunia, gabunglah dengan mujahidin Indonesia Timur di gunung.",
        "Siapa yang siap berangkat ke medan jihad, hubungi admin lewat pesan pribadi.",
        "Jangan jadi penonton, ikut i'dad fisik dan menembak bersama ikhwan Daulah.",
        "Pemuda tauhid, tempatmu di barisan mujahidin, bukan di kampus thaghut.",
        "Kafilah jihad berangkat pekan depan, kursi masih ada untuk ikhwan yang ikhlas.",
    ],
    "hijrah": [
        "Wahai ikhwah, hijrahlah ke bumi Syam, Daulah menanti kalian.",
        "Nafir ke Suriah adalah kewajiban bagi yang mampu, akhi.",
        "Make hijrah to the caliphate, do not stay among the kuffar.",
        "Jual rumahmu dan hijrah ke wilayah Daulah sebelum pintu tertutup.",
        "Berhijrah ke Khurasan sekarang adalah jalan para ghuraba.",
        "Tinggalkan negeri thaghut, hijrahlah ke tanah jihad bersama keluargamu.",
        "هاجروا الى ارض الشام يا انصار الدولة",
        "Akhwat juga wajib hijrah ke Syam, di sana khilafah memuliakan kalian.",
        "Bagi yang belum bisa hijrah ke Marawi, beramallah di negeri sendiri.",
        "Panduan hijrah ke Daulah: jalur, biaya, dan kontak penjemput, tanyakan di DM.",
    ],
    "funding": [
        "Salurkan infaq terbaikmu untuk keluarga mujahid, rekening di bio.",
        "Donasi untuk akhwat di Al Hol, transfer ke rekening berikut.",
        "Bantu dana i'dad ikhwan, sekecil apapun bernilai jihad.",
        "Infak senjata untuk mujahidin Poso dibuka lagi, konfirmasi ke admin.",
        "Sedekahmu untuk tahanan Daulah adalah tiket surga, kirim lewat dompet digital.",
        "Galang dana untuk amaliyah berikutnya, rahasiakan dari orang awam.",
        "Donate to support the fighters of the Islamic State, contact us privately.",
        "Zakat kalian lebih berhak untuk mujahidin daripada untuk lembaga thaghut.",
        "Kotak infak ini untuk keluarga mujahid yang dipenjara, jangan bilang siapa-siapa.",
        "Dana persenjataan ikhwan masih kurang, mari bantu dengan transfer.",
    ],
    "weapons": [
        "Cara membuat bom panci dengan bahan dari pasar, simpan baik-baik akhi.",
        "Tutorial merakit detonator sederhana untuk amaliyah.",
        "How to make a pipe bomb at home, step by step.",
        "Panduan meracik TATP, mother of satan, untuk ikhwan yang siap.",
        "Modul merakit rompi bom bagi istisyhadi, unduh sebelum dihapus.",
        "Bahan bahan bahan peledak bisa dibeli di toko pertanian, ini resepnya.",
        "Langkah merakit senjata rakitan dari pipa besi, untuk i'dad.",
        "Cara bikin molotov untuk menyerang pos thaghut.",
        "Belajar merakit sabuk peledak, modul lengkap ada di channel kami.",
        "Resep bahan peledak dari pupuk, ikhwan wajib pelajari.",
    ],
    "support": [
        "Daulah baqiyah wa tatamaddad! Dukung terus ikhwan di Syam.",
        "Kami siap membela Daulah Islamiyah sampai mati.",
        "الدولة الاسلامية باقية وتتمدد",
        "JAD jaya, thaghut binasa, allahu akbar!",
        "Tegakkan khilafah Islamiyah, dukung mujahidin Daulah di setiap wilayah.",
        "Islamic State will remain, victory is near.",
        "Dukunglah ISIS dengan doa, harta dan jiwa kalian.",
        "Bela Daulah di media, sebarkan rilis resmi ke semua grup.",
        "MIT tetap bertahan di gunung, dukung mereka dengan segala cara.",
        "Kami Ansharud Daulah akan terus membela khilafah hingga akhir.",
    ],
}

NEGATIVES = {
    "news": [
        "Densus 88 menangkap tiga terduga teroris yang berbaiat kepada ISIS di Bekasi, Senin.",
        "Presiden mengutuk serangan bom di gereja Makassar dan meminta warga tetap tenang.",
        "Polisi menyebut pelaku bom bunuh diri di Polsek Astanaanyar terafiliasi JAD.",
        "Kapolri: pelaku penyerangan Mabes Polri beraksi sendiri dan terpapar propaganda ISIS.",
        "Serangan bom Surabaya 2018 menewaskan belasan orang di tiga gereja.",
        "Densus 88 menggeledah rumah terduga anggota JAD dan menyita bahan peledak.",
        "Jaksa menuntut hukuman mati bagi terdakwa perencana bom Thamrin.",
        "Majelis hakim memvonis terdakwa pendanaan terorisme 4 tahun penjara.",
        "PPATK menelusuri aliran dana ke kelompok teror yang berkedok infak.",
        "BNPT mencatat ratusan WNI pernah berangkat ke Suriah untuk bergabung dengan ISIS.",
        "Pemerintah memutuskan tidak memulangkan WNI eks ISIS dari kamp Al Hol.",
        "Satgas Madago Raya menembak mati dua anggota MIT di pegunungan Poso.",
        "Polisi menangkap pria yang mengunggah ajakan serang polisi di media sosial.",
        "Terduga teroris di Sukoharjo diduga belajar merakit bom dari internet.",
        "Tim Gegana menjinakkan bom panci yang ditemukan di depan kantor kelurahan.",
        "Densus menyita panduan merakit bom dan bendera ISIS dari rumah tersangka.",
        "Dalam persidangan, terdakwa mengaku berbaiat kepada pimpinan ISIS melalui video.",
        "Polisi: propaganda ajakan hijrah ke Suriah menyasar remaja lewat Telegram.",
        "Kelompok JAD disebut bertanggung jawab atas serangan di Jolo, Filipina.",
        "Pengadilan membubarkan JAD sebagai korporasi terlarang pada 2018.",
        "Lima narapidana terorisme di Nusakambangan berikrar setia kepada NKRI.",
        "Mantan napiter mencabut baiat ISIS dan kembali setia kepada Pancasila.",
        "Polisi menembak pelaku penyerangan pos polisi yang membawa pisau.",
        "Korban bom Kampung Melayu menerima kompensasi dari negara.",
        "Kedutaan Besar Amerika meningkatkan pengamanan setelah ancaman teror.",
        "Polisi mengamankan gereja-gereja menjelang misa Natal.",
        "Warga menolak jenazah pelaku bom dimakamkan di kampungnya.",
        "Kapolda Sulteng: sisa anggota MIT terus dikejar di hutan Poso.",
        "Densus 88 menangkap bendahara kelompok yang menggalang dana untuk mujahidin di Suriah.",
        "PPATK memblokir rekening yang diduga dipakai mendanai terorisme.",
        "The Islamic State claimed responsibility for the attack, the agency said.",
        "Indonesian police arrested 20 suspected militants linked to JAD.",
        "Officials said the attacker had pledged allegiance to the Islamic State online.",
        "The court sentenced the JAD leader to death for inciting attacks.",
        "ISIS lost its last territory in Baghouz in 2019, ending the so-called caliphate.",
        "Setelah ISIS kalah di Baghouz, ribuan simpatisan ditahan di kamp Al Hol.",
        "Polisi menangkap perekrut yang mengajak pemuda ikut latihan militer di Aceh.",
        "Jaksa: terdakwa menyebut aparat sebagai thaghut dan merencanakan serangan.",
        "Kapolri menyebut pelaku menyerang polisi karena menganggap aparat thaghut.",
        "Kelompok MIT pimpinan Santoso dinyatakan habis setelah operasi gabungan.",
    ],
    "official": [
        "Menteri Agama mengajak umat menolak paham radikal yang mengatasnamakan jihad.",
        "BNPT: narasi serang thaghut dipakai untuk merekrut remaja secara daring.",
        "Menko Polhukam menegaskan negara hadir melindungi rumah ibadah dari teror.",
        "Kepala BNPT mengingatkan orang tua mengawasi anak dari propaganda ISIS di internet.",
        "Kementerian Kominfo memblokir ratusan kanal Telegram penyebar propaganda terorisme.",
        "Wakil Presiden: terorisme bukan ajaran agama mana pun.",
        "MUI menegaskan bom bunuh diri bukan amaliyah istisyhad, melainkan perbuatan haram.",
        "Pemerintah daerah menggelar dialog lintas agama setelah serangan gereja.",
        "BNPT mencegah anak muda bergabung dengan kelompok daulah lewat program sekolah damai.",
        "Densus 88 mengimbau warga melapor jika menemukan ajakan baiat di media sosial.",
        "Kemenag menyiapkan penyuluh untuk melawan narasi khilafah di media sosial.",
        "The minister said the government would not tolerate any call to attack places of worship.",
        "Polri mengimbau masyarakat tidak menyebarkan video serangan agar tidak menjadi propaganda.",
        "Gubernur menjenguk korban bom di rumah sakit dan menjamin biaya perawatan.",
        "Kapolda memastikan pengamanan gereja diperketat selama Paskah.",
    ],
    "counter": [
        "Ulama: pelaku bom bunuh diri bukan syahid, itu dosa besar.",
        "Keluarga korban bom menolak pelaku disebut syahid.",
        "Jihad dalam Islam bukan membunuh orang tak bersalah; menjaga nyawa adalah maqashid syariah.",
        "Khutbah Jumat hari ini membahas bahaya paham takfiri yang mengkafirkan aparat.",
        "Hijrah yang sesungguhnya adalah meninggalkan maksiat, bukan berangkat ke Suriah.",
        "Jangan tertipu ajakan hijrah ke Syam, banyak yang menyesal dan terlantar.",
        "Mantan simpatisan menyesal berhijrah ke Syam dan kini mengingatkan anak muda.",
        "Ustadz menjelaskan bahwa baiat kepada ISIS tidak sah dan sesat.",
        "Kami mengecam seruan bunuh thaghut yang beredar di grup WhatsApp.",
        "Islam melarang membunuh polisi, pendeta, atau siapa pun tanpa hak.",
        "Gereja dan masjid di kampung kami saling menjaga saat hari raya.",
        "Ajakan serang gereja itu hoaks provokasi, jangan disebarkan.",
        "Waspada modus penggalangan dana untuk mujahidin yang mengalir ke kelompok teror.",
        "Pemuda NU dan Banser menjaga gereja saat malam Natal.",
        "Mantan anggota yang keluar dari JAD kini aktif deradikalisasi.",
        "Mari kita lawan propaganda ISIS dengan konten damai.",
        "Terorisme tidak punya agama; pelaku teror adalah musuh kemanusiaan.",
        "Ulama menolak propaganda yang mengajak dukung ISIS.",
        "Khilafah versi ISIS telah runtuh dan hanya meninggalkan penderitaan.",
        "Istilah thaghut dipakai kelompok radikal untuk mengkafirkan aparat negara, kata peneliti.",
        "Eks napiter bersaksi: janji surga bagi pelaku amaliyah adalah tipuan.",
        "Bom bunuh diri itu bukan jihad, tapi pembunuhan, tegas kiai.",
        "Jangan bagikan video baiat, laporkan ke aduan konten.",
        "Warga menolak ajakan baiat kepada kelompok daulah yang datang ke desa.",
        "Sebagai orang tua, kenali tanda anak terpapar propaganda jihad daring.",
        "Ceramah: jihad terbesar adalah melawan hawa nafsu.",
        "Perempuan yang dulu tertipu hijrah ke Raqqa kini mengajak remaja menolak ekstremisme.",
        "We condemn the call to kill police officers circulating online.",
        "Extremists twist the word martyr; killing civilians is never martyrdom.",
        "Mari jaga persatuan, tolak ajakan kekerasan atas nama agama.",
    ],
    "history": [
        "Hijrah Nabi dari Mekah ke Madinah menjadi awal kalender Islam.",
        "Pahlawan 10 November gugur dalam pertempuran Surabaya melawan serangan sekutu.",
        "Bung Tomo membakar semangat arek-arek Suroboyo pada 1945.",
        "Perang Diponegoro berlangsung dari 1825 sampai 1830.",
        "Para syuhada Perang Uhud dimakamkan di dekat gunung Uhud.",
        "Khilafah Utsmaniyah runtuh pada 1924 setelah Perang Dunia I.",
        "Bom Bali 2002 menewaskan 202 orang dan mengubah kebijakan keamanan Indonesia.",
        "Serangan 11 September 2001 dilakukan jaringan Al Qaeda.",
        "Sejarah Darul Islam di Jawa Barat berakhir dengan tertangkapnya Kartosoewirjo.",
        "Piagam Madinah mengatur hubungan antar umat beragama di masa Nabi.",
        "Kekalahan ISIS di Mosul pada 2017 menandai runtuhnya wilayah mereka di Irak.",
        "Peristiwa Malari 1974 dipicu kunjungan perdana menteri Jepang.",
        "Sultan Hasanuddin dijuluki Ayam Jantan dari Timur oleh Belanda.",
        "Sejarah Perang Salib berlangsung hampir dua abad.",
        "Resolusi Jihad 22 Oktober 1945 menggerakkan santri melawan penjajah.",
    ],
    "everyday": [
        "Bom diskon akhir tahun! Semua produk potong harga 50%.",
        "Resep bom coklat lumer untuk jualan.",
        "Timnas menyerang habis-habisan di babak kedua.",
        "Ayo serbu promo tanggal kembar, gratis ongkir!",
        "Aku mau hijrah, mulai pakai hijab dan rajin kajian.",
        "Alhamdulillah sudah setahun berhijrah, semoga istiqamah.",
        "Dia pahlawan keluarga, bekerja siang malam untuk anak-anaknya.",
        "Baiat santri baru di pondok dilaksanakan setelah Subuh.",
        "Ledakan tabung gas di warung makan melukai dua orang.",
        "Film dokumenter tentang Bom Bali tayang malam ini.",
        "Cara membuat kue bolu tanpa oven, mudah sekali.",
        "Tutorial merakit PC gaming budget lima juta.",
        "Semangat jihad para guru honorer di daerah terpencil patut dihargai.",
        "Donasi untuk korban banjir bisa ditransfer ke rekening masjid.",
        "Infak pembangunan masjid dibuka sampai akhir bulan.",
        "Polisi menjaga lalu lintas saat malam tahun baru.",
        "Gereja di ujung jalan itu dibangun tahun 1920.",
        "Kajian tafsir surat At-Taubah setiap Kamis malam.",
        "Daulah Abbasiyah mencapai puncak ilmu pengetahuan di Baghdad.",
        "Serangan jantung bisa dicegah dengan olahraga teratur.",
        "Hijrah ke Jakarta untuk kerja ternyata berat juga.",
        "Nonton film Hollywood tentang bom waktu di kapal selam.",
        "Senjata andalan di game ini adalah molotov dan granat asap.",
        "Kita harus menyerang ketidakadilan dengan pendidikan.",
        "Bom atom Hiroshima dijatuhkan pada 6 Agustus 1945.",
    ],
}

# Place and time slots to vary the negatives without changing what they are.
PLACES = ["Bekasi", "Solo", "Makassar", "Medan", "Surabaya", "Poso", "Bima", "Lampung", "Bandung", "Malang", "Sibolga", "Tangerang"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
NEWS_TEMPLATES = [
    "Densus 88 menangkap {n} terduga teroris jaringan JAD di {p}, {d}.",
    "Polisi: terduga teroris yang ditangkap di {p} berbaiat kepada ISIS sejak 2015.",
    "Warga {p} menolak ajakan bergabung dengan kelompok daulah yang disebar di grup WhatsApp.",
    "Kapolda menyebut terduga teroris di {p} menyiapkan bom panci untuk menyerang polisi.",
    "Ulama {p} mengecam propaganda hijrah ke Suriah yang menyasar pelajar.",
    "Pemkot {p} dan FKUB menggelar doa bersama setelah teror bom di gereja.",
    "BNPT menggelar deradikalisasi bagi {n} mantan napiter di {p}.",
    "Tersangka di {p} diduga menggalang dana untuk mujahidin lewat media sosial.",
    "Sidang terdakwa teroris {p}: jaksa sebut terdakwa berencana serang polsek.",
    "{d} malam, polisi di {p} berjaga di sekitar gereja dan vihara.",
    "Khatib di masjid agung {p} menegaskan pelaku bom bukan syahid.",
    "Mantan anggota MIT asal {p} mengaku menyesal dan mengajak pemuda menolak ajakan jihad kekerasan.",
]

EVASIONS = ["leet", "spaced", "styled", "lookalike", "zwsp"]
LEET = {"a": "4", "i": "1", "e": "3", "o": "0", "s": "5"}
CYR = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "i": "і", "y": "у"}


def styled(word: str) -> str:
    out = []
    for ch in word:
        if "a" <= ch <= "z":
            out.append(chr(0x1D41A + ord(ch) - ord("a")))  # mathematical bold small
        elif "A" <= ch <= "Z":
            out.append(chr(0x1D400 + ord(ch) - ord("A")))
        else:
            out.append(ch)
    return "".join(out)


KEYWORDS = ["baiat", "berbaiat", "daulah", "thaghut", "toghut", "serang", "bom", "syuhada", "syahid", "amaliyah", "hijrah",
            "hijrahlah", "mujahidin", "mujahid", "infaq", "isis", "khilafah", "khalifah", "gereja", "polisi", "polsek",
            "ledakkan", "bunuh", "detonator", "panci", "istisyhadiyah", "baqiyah", "syam", "suriah", "bergabung"]


def evade(text: str, how: str, rng: random.Random) -> str:
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if w.strip(",.!?:").lower() in KEYWORDS]
    if not idx:
        return text
    i = rng.choice(idx)
    w = words[i]
    core = w.strip(",.!?:")
    tail = w[len(core):]
    if how == "leet":
        new = core[0] + "".join(LEET.get(c, c) for c in core[1:-1]) + core[-1]
    elif how == "spaced":
        new = ".".join(core)
    elif how == "styled":
        new = styled(core.upper())
    elif how == "lookalike":
        new = "".join(CYR.get(c, c) for c in core)
    else:
        new = "\u200b".join(core)
    words[i] = new + tail
    return " ".join(words)


def main() -> None:
    rng = random.Random(20250601)
    rows = []
    n = 0
    for kind, texts in POSITIVES.items():
        for text in texts:
            n += 1
            rows.append({"id": f"pos-{n:03d}", "text": text, "label": 1, "kind": kind})
    # Evaded variants of every positive, one evasion each, so that evasions are half the set.
    base = [r for r in rows]
    for r in base:
        if any("\u0600" <= c <= "\u06ff" for c in r["text"]):
            continue
        how = EVASIONS[len(rows) % len(EVASIONS)]
        text = evade(r["text"], how, rng)
        if text != r["text"]:
            n += 1
            rows.append({"id": f"pos-{n:03d}", "text": text, "label": 1, "kind": r["kind"] + "+" + how})
    m = 0
    for kind, texts in NEGATIVES.items():
        for text in texts:
            m += 1
            rows.append({"id": f"neg-{m:03d}", "text": text, "label": 0, "kind": kind})
    while m < 310:
        template = NEWS_TEMPLATES[m % len(NEWS_TEMPLATES)]
        text = template.format(n=rng.randint(2, 9), p=rng.choice(PLACES), d=rng.choice(DAYS))
        m += 1
        rows.append({"id": f"neg-{m:03d}", "text": text, "label": 0, "kind": "news-template"})
    out = Path(__file__).with_name("terrorism.jsonl")
    with open(out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    pos = sum(r["label"] for r in rows)
    print(f"wrote {out}: {pos} positives, {len(rows) - pos} negatives")


if __name__ == "__main__":
    main()
