//! The reference moderation API (placeholder until it lands).
fn main() {
    eprintln!("saring-server: not built yet");
    std::process::exit(2);
}
