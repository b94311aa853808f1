// GENERATED FILE, DO NOT EDIT. Regenerate from the repository root with
//
//     python3 tools/gen_tables.py
//
// Inputs: the Unicode 17.0.0 data files UnicodeData.txt, CaseFolding.txt,
// DerivedCoreProperties.txt, Scripts.txt and confusables.txt (© Unicode, Inc., Unicode License
// v3, https://www.unicode.org/license.txt; see src/normalize/data/README.md), and the
// hand-written src/normalize/data/arabic-variants.tsv and src/normalize/data/extra-folds.tsv.
// The steps are explained in tools/gen_tables.py.
//
// 12878 folded code points in 3835 ranges (20580 bytes), 2921 bytes of strings.

//! Generated character-folding tables; see `tools/gen_tables.py` and `char_fold.rs`.

/// Mode: every code point of the range is removed.
pub(super) const MODE_REMOVED: u32 = 0;
/// Mode: every code point of the range becomes `payload`.
pub(super) const MODE_SAME: u32 = 1;
/// Mode: code point `c` becomes `payload + (c - first)`.
pub(super) const MODE_DELTA: u32 = 2;
/// Mode: as [`MODE_DELTA`] where `c - first` is even; the code points between are kept.
pub(super) const MODE_ALT: u32 = 3;
/// Mode: the code point becomes `STRS[payload >> 8..][..payload & 0xff]` (byte offsets).
pub(super) const MODE_STR: u32 = 4;

/// Every multi-character output, sliced by the [`MODE_STR`] entries of the folds.
#[rustfmt::skip]
pub(super) static STRS: &str = "1⁄41⁄23⁄4aessij'noelldzljnjrntsfnlslzblloեiۇٴোৌୋୌஔொோௌൊോൌොෞຫນຫມᬆᬈᬊᬌᬎᬒᭀᭁuea'.....′′′′′‵‵‵‵‵!!???!rslta/ca/sc/oc/usmteltmfax1⁄71⁄91⁄101⁄32⁄31⁄52⁄53⁄54⁄51⁄65⁄61⁄83⁄85⁄87⁄8iiiiiivviviiviiiixxixii0⁄3oo∫∫∫∫∫∮∮∮∮∮11121314151617181920::===よりコトpte22242526272829303334353637383940444546474849501月2月3月4月5月6月7月8月9月10月11月12月hgergevltd令和アルファアールインチウォンエーカーオンスオームカイリカラットカロリーキュリーキロキロメートルキロワットクローネケースコルナサイクルサンチームセンチセントトンナノノットハイツフィートフランヘクタールヘルツホンホールホーンマイクロマイルマッハマルクマンションミクロンミリヤールユアンリットルリラレム0点1点2点3点4点5点6点7点8点9点10点11点12点13点14点15点16点17点18点19点20点21点22点23点24点hpadaaubarovpcdmdm2dm3iu平成昭和大正明治株式会社naμamakakbmbgbcalkcalpfnfμfμgmgkghzkhzmhzthzμlmldlklfmnmμmmmcmkmmm2cm2km2mm3cm3km3m∕sm∕s2kpampagparadrad∕srad∕s2psnsμsmspvnvμvmvkvpwnwμwmwkwkωmωa.mbqccc∕kgcodbgyhainkkktlnloglxmilmolphp.mppmprsvwbv∕ma∕m1日2日3日4日5日6日7日8日9日10日11日12日13日14日15日16日17日18日19日20日21日22日23日24日25日26日27日28日29日30日31日galt3aoavaytfuofffiflfflstմնմեմիվնմխאלيايهيويۇيۆيۈيييجيحيمبجبحبخبمبيتجتحتختمتيثجثمثيجحجمحمخجخحخمسجسحسخسمصحصمضجضحضخضمطحطمظمعجعمغجغمفجفحفخفمفيقحقمقيكاكجكحكخكلكمكيلجلحلخلمليمجمممينجنحنخنمنيهجهميخيريزبربزبنترتزتنثرثزثنمانرنزننبهتهصخلهنهثهسهشمشهطيعيغيسيشيصيضيشجشحشخشرسرصرضرتجمتحجتحمتخمتمجتمحتمخحميسحجسجحسجيسمحسمجسممصححصممشحمشجيشمخشممضحيضخمطمحطممطميعجمعممعميغممغميفخمقمحقمملحملحيلججلخملمحمحجمحيمجحمخممجخهمجهممنحمنحينجمنجينمييممبخيتجيتخيتميجميجحيسخيصحيشحيلجيلمييميقميكمينجحمخيلجمكممحجيمجيفميبحيصلےقلےاللهاكبرمحمدصلعمرسولعليهوسلمصليصلي الله عليه وسلمجل جلالهريال𑍋𑍌\u{11382}\u{113c9}\u{1138b}\u{113c2}\u{11390}\u{113c9}\u{113c2}\u{113c2}\u{113c2}\u{113b8}\u{113c2}\u{113c9}𑒼𑒾𑖺𑖻𑤸\u{16d67}\u{16d67}\u{16d63}\u{16d67}\u{16d63}\u{16d67}\u{16d67}𝅗𝅥𝅘𝅥𝅘𝅥𝅮𝅘𝅥𝅯𝅘𝅥𝅰𝅘𝅥𝅱𝅘𝅥𝅲𝆹𝅥𝆺𝅥𝆹𝅥𝅮𝆺𝅥𝅮𝆹𝅥𝅯𝆺𝅥𝅯wzhvsdppvwcmrdjほかココqevb";

/// Folds of non-ASCII code points, packed (see `tools/gen_tables.py`): `char_fold.rs` decodes
/// them once into [`FOLD_RANGES`] pairs, sorted by code point, ranges not overlapping:
/// `(first << 11 | (last - first), payload << 8 | mode << 4 | reason)`, where `reason` is the
/// index of a `FoldReason` variant (in declaration order).
pub(super) static FOLDS_PACKED: &[u8] = include_bytes!("folds.bin");

/// How many ranges [`FOLDS_PACKED`] holds.
pub(super) const FOLD_RANGES: usize = 3835;
