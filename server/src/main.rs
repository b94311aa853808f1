//! `saring-server`: the reference moderation API. See the crate docs and `schema/openapi.yaml`.

#![forbid(unsafe_code)]

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    if std::env::args().skip(1).any(|arg| arg == "-h" || arg == "--help") {
        println!("{}", saring_server::USAGE);
        return;
    }
    let config = match saring_server::Config::from_args(std::env::args().skip(1)) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("saring-server: {message}");
            std::process::exit(2);
        }
    };
    if let Err(message) = saring_server::serve(config).await {
        eprintln!("saring-server: {message}");
        std::process::exit(1);
    }
}
