//! Embeds the default rule packs (`rules/*.toml`) into the crate, so `Screener::with_defaults()`
//! works offline and the packs are never edited anywhere but in `rules/`.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let rules = manifest.join("rules");
    println!("cargo:rerun-if-changed={}", rules.display());
    let mut packs: Vec<PathBuf> = std::fs::read_dir(&rules)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    packs.retain(|path| path.extension().is_some_and(|ext| ext == "toml"));
    packs.sort();
    let mut code = String::from(
        "/// The default rule packs: (file name, TOML text).\npub(crate) const DEFAULT_PACKS: &[(&str, &str)] = &[\n",
    );
    for path in &packs {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().expect("a file").to_string_lossy();
        writeln!(code, "    (\"rules/{name}\", include_str!({:?})),", path.display().to_string())
            .expect("write to string");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("default_packs.rs");
    std::fs::write(out, code).expect("write default_packs.rs");
}
