//! Hostile posts of growing length, to show that screening cost grows linearly with length:
//! a post made to stall the screener (a megabyte of zero-width characters, a letter under
//! thousands of combining marks, nothing but separators) must cost per byte what a short one
//! does.

use saring::{Scope, Screener};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Lengths of the curve, in bytes (each post is cut to the last whole unit below it).
const LENGTHS: [usize; 4] = [16 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024];

/// One family: its name and the unit repeated to build a post.
struct Family {
    name: &'static str,
    build: fn(usize) -> String,
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat((bytes / unit.len()).max(1))
}

const FAMILIES: [Family; 7] = [
    Family {
        name: "plain Indonesian (reference)",
        build: |n| repeat_to("daftar sekarang dan dapatkan info terbaru ", n),
    },
    Family { name: "zero-width characters only", build: |n| repeat_to("\u{200B}", n) },
    Family { name: "combining marks on one letter", build: |n| format!("s{}", repeat_to("\u{0301}", n - 1)) },
    Family { name: "separators only", build: |n| repeat_to(". - _ ", n) },
    Family { name: "spaced single letters", build: |n| repeat_to("s l o t g a c o r ", n) },
    Family { name: "styled and look-alike letters", build: |n| repeat_to("𝐬𝐥𝐨𝐭 ѕӏоt ｓｌｏｔ ", n) },
    Family { name: "leet and repeats", build: |n| repeat_to("sssl0000t g4ccc0r ", n) },
];

/// Median of `rounds` timed screenings of `text`.
fn median_time(screener: &Screener, text: &str, rounds: usize) -> Duration {
    let mut times: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            black_box(screener.screen(black_box(text), Scope::Public));
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// Prints nanoseconds per byte for every family and length, and the cost per byte of the
/// longest post over the shortest (1.0 is perfectly linear).
pub fn print_curve() {
    let screener = Screener::builder()
        .packs(saring::rules::default_packs())
        .max_text_bytes(LENGTHS[LENGTHS.len() - 1] + 64)
        .build()
        .expect("the default packs build");
    println!();
    println!("hostile posts: ns per byte by length (default packs; median of 5; 1.0 = linear)");
    print!("{:<32}", "family");
    for bytes in LENGTHS {
        print!(" {:>9}", format!("{} KB", bytes / 1024));
    }
    println!(" {:>13}", "1 MB ÷ 16 KB");
    for family in &FAMILIES {
        print!("{:<32}", family.name);
        let mut per_byte = Vec::new();
        for bytes in LENGTHS {
            let text = (family.build)(bytes);
            let rounds = if bytes >= 256 * 1024 { 3 } else { 5 };
            let time = median_time(&screener, &text, rounds);
            let ns = time.as_secs_f64() * 1e9 / text.len() as f64;
            per_byte.push(ns);
            print!(" {ns:>9.2}");
        }
        println!(" {:>13.2}", per_byte[per_byte.len() - 1] / per_byte[0]);
    }
}
