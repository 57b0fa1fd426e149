//! Parse throughput, native: prints `name value unit` lines for the Mirage meeting format and
//! irssi on generated logs, next to a memchr line-count baseline from the same run; then the
//! time detection alone takes on each, and the same irssi log in a shape no reader knows
//! (`chan 2016-06-29 ` before every line), read by inference.
//!
//! Run it through `scripts/bench.sh`, which generates the logs; or pass files with
//! `SCROLLBACK_BENCH_MIRAGE` and `SCROLLBACK_BENCH_IRSSI`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use scrollback::model::Format;
use scrollback::parse::lines::{count_lines, line_ranges};
use scrollback::parse::{detect, parse};

/// Best of this many runs: the least disturbed by the other core's work.
const RUNS: usize = 5;

fn best_time(mut run: impl FnMut()) -> Duration {
    run(); // warm the caches and the allocator
    (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .min()
        .expect("at least one run")
}

fn megabytes_per_second(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64()
}

fn bench_file(label: &str, path: &str, format: Format) {
    let bytes = std::fs::read(path).unwrap_or_else(|error| panic!("cannot read {path}: {error}"));
    let n_lines = count_lines(&bytes);
    println!("{label}_file_mb {:.1} MB", bytes.len() as f64 / 1e6);
    println!("{label}_file_lines {n_lines} lines");
    let baseline = best_time(|| {
        black_box(count_lines(black_box(&bytes)));
    });
    println!("{label}_memchr_line_count {:.0} MB/s", megabytes_per_second(bytes.len(), baseline));
    // Splitting into line ranges (what the parser does before reading a line) as a second floor.
    let text = std::str::from_utf8(&bytes).expect("generated logs are UTF-8");
    let split = best_time(|| {
        black_box(line_ranges(black_box(text)).count());
    });
    println!("{label}_memchr_split_lines {:.0} MB/s", megabytes_per_second(bytes.len(), split));
    let parse_time = best_time(|| {
        black_box(parse(black_box(&bytes), Some(format)));
    });
    println!("{label}_parse {:.0} MB/s", megabytes_per_second(bytes.len(), parse_time));
    println!("{label}_parse_time {:.1} ms", parse_time.as_secs_f64() * 1e3);
    let detect_and_parse = best_time(|| {
        black_box(parse(black_box(&bytes), None));
    });
    println!("{label}_detect_and_parse {:.0} MB/s", megabytes_per_second(bytes.len(), detect_and_parse));
}

/// Detection alone, best of many runs (it reads only samples, so one run is short).
fn bench_detection(label: &str, bytes: &[u8]) {
    if std::env::var("SCROLLBACK_BENCH_DETECT_LABEL").is_ok_and(|only| !label.contains(&only)) {
        return;
    }
    let text = std::str::from_utf8(bytes).expect("generated logs are UTF-8");
    let mut best = Duration::MAX;
    let mut format = None;
    for _ in 0..200 {
        let started = Instant::now();
        format = Some(black_box(detect(black_box(text))));
        best = best.min(started.elapsed());
    }
    println!("{label}_detect {:.0} µs ({})", best.as_secs_f64() * 1e6, format.map_or("", |format| format.id()));
}

fn main() {
    let mirage = std::env::var("SCROLLBACK_BENCH_MIRAGE").unwrap_or_else(|_| "target/bench/meeting-1000000.txt".to_owned());
    let irssi = std::env::var("SCROLLBACK_BENCH_IRSSI").unwrap_or_else(|_| "target/bench/meeting-1000000.irssi.log".to_owned());
    // `SCROLLBACK_BENCH_DETECT_ONLY=1`: detection alone (quick, and countable under callgrind).
    let detect_only = std::env::var_os("SCROLLBACK_BENCH_DETECT_ONLY").is_some();
    if !detect_only {
        bench_file("native_mirage", &mirage, Format::MirageMeeting);
        bench_file("native_irssi", &irssi, Format::Irssi);
    }
    let mirage_bytes = std::fs::read(&mirage).expect("the Mirage log");
    let irssi_bytes = std::fs::read(&irssi).expect("the irssi log");
    bench_detection("native_mirage", &mirage_bytes);
    bench_detection("native_irssi", &irssi_bytes);
    // The irssi log with a channel and a date before every line: no reader knows it.
    let mut prefixed = Vec::with_capacity(irssi_bytes.len() + irssi_bytes.len() / 2);
    for line in irssi_bytes.split_inclusive(|byte| *byte == b'\n') {
        prefixed.extend_from_slice(b"chan 2016-06-29 ");
        prefixed.extend_from_slice(line);
    }
    bench_detection("native_inferred", &prefixed);
    if detect_only {
        return;
    }
    let inferred = std::env::temp_dir().join("scrollback-bench-inferred.log");
    std::fs::write(&inferred, &prefixed).expect("a temporary file");
    bench_file("native_inferred", inferred.to_str().expect("a UTF-8 path"), Format::Inferred);
}
