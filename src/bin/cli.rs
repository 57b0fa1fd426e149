//! The native command-line tool: `scrollback json|stats|sections|minutes FILE` read the model.

#![cfg_attr(target_arch = "wasm32", allow(unused))]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use scrollback::model::{Format, LineKind};

const USAGE: &str = "usage: scrollback json FILE [--format ID]\n       scrollback stats FILE [--format ID]\n       scrollback sections FILE [--format ID]\n       scrollback minutes FILE [--format ID]\n       scrollback html FILE > page.html\n       scrollback prerender DIST/index.html\n       scrollback site LOGDIR OUTDIR [--viewer DIST] [--title TEXT]\n       scrollback palette-css\n       scrollback eval-threads DIR\n       scrollback train-threads DIR [--hold-out K | --score-on DIR] > src/thread/weights.rs\n       scrollback train-agenda GOLD_DIR CORPUS_DIR > src/agenda/weights.rs\nformats: mirage-meeting, bracket-irc, plain-text";

/// The CLI reads files from disk: it is a host tool, and in a wasm build it does nothing.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("scrollback: {message}");
            ExitCode::from(2)
        }
    }
}

/// The bytes to parse from `path`: a file as `input::prepare` makes it (gzip unpacked, a zip's
/// files laid out), or a folder's files laid out as a zip's would be (an unpacked Slack export).
#[cfg(not(target_arch = "wasm32"))]
fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    let shown = path.display();
    if !path.is_dir() {
        let bytes = std::fs::read(path).map_err(|error| format!("cannot read {shown}: {error}"))?;
        return Ok(scrollback::input::prepare(&bytes).map_err(|problem| format!("{shown}: {problem}"))?.into_owned());
    }
    let mut files = Vec::new();
    let mut folders = vec![path.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).map_err(|error| format!("cannot read {}: {error}", folder.display()))? {
            let entry_path = entry.map_err(|error| format!("cannot read {shown}: {error}"))?.path();
            if entry_path.is_dir() {
                folders.push(entry_path);
                continue;
            }
            let relative = entry_path.strip_prefix(path).unwrap_or(&entry_path).to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(&entry_path).map_err(|error| format!("cannot read {}: {error}", entry_path.display()))?;
            files.push((relative, bytes));
        }
    }
    scrollback::input::prepare_folder(files).map_err(|problem| format!("{shown}: {problem}"))
}

#[cfg(not(target_arch = "wasm32"))]
fn run(args: &[String]) -> Result<(), String> {
    let command = args.first().ok_or(USAGE)?;
    if command == "palette-css" {
        print!("{}", scrollback::colour::palette_css());
        return Ok(());
    }
    let path = args.get(1).ok_or(USAGE)?;
    if command == "eval-threads" {
        return eval_threads(Path::new(path));
    }
    if command == "train-threads" {
        return train_threads(Path::new(path), &args[2..]);
    }
    if command == "train-agenda" {
        let corpus = args.get(2).ok_or(USAGE)?;
        return train_agenda(Path::new(path), Path::new(corpus));
    }
    if command == "site" {
        return site(Path::new(path), &args[2..]);
    }
    if command == "prerender" {
        let page = std::fs::read_to_string(path).map_err(|error| format!("cannot read {path}: {error}"))?;
        let page = scrollback::export::with_prerendered_demo(&page)?;
        return std::fs::write(path, page).map_err(|error| format!("cannot write {path}: {error}"));
    }
    if command == "html" {
        let bytes = read_input(Path::new(path))?;
        let file_name = std::path::Path::new(path).file_name().map_or_else(|| path.clone(), |name| name.to_string_lossy().into_owned());
        print!("{}", scrollback::export::standalone_page(bytes, file_name));
        return Ok(());
    }
    let format = match args.get(2).map(String::as_str) {
        Some("--format") => {
            let id = args.get(3).ok_or(USAGE)?;
            Some(Format::from_id(id).ok_or_else(|| format!("unknown format {id:?}\n{USAGE}"))?)
        }
        Some(other) => return Err(format!("unexpected argument {other:?}\n{USAGE}")),
        None => None,
    };
    let bytes = read_input(Path::new(path))?;
    let started = Instant::now();
    let file_name = std::path::Path::new(path).file_name().and_then(|name| name.to_str());
    let log = scrollback::parse::parse_file(&bytes, file_name, format);
    let parse_time = started.elapsed();
    match command.as_str() {
        "json" => {
            let json = serde_json::to_string_pretty(&scrollback::report::report(&log)).map_err(|error| error.to_string())?;
            println!("{json}");
        }
        "stats" => {
            let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
            for line in &log.lines {
                *by_kind.entry(line.kind.name()).or_default() += 1;
            }
            let speakers = scrollback::speakers::speakers(&log);
            println!("format {}", log.format.id());
            println!("format_label {}", log.format.label());
            println!("lines {}", log.lines.len());
            for (kind, count) in &by_kind {
                println!("lines.{kind} {count}");
            }
            let n_raw = log.lines.iter().filter(|line| line.kind == LineKind::Raw).count();
            println!("raw_percent {:.2}", 100.0 * n_raw as f64 / log.lines.len().max(1) as f64);
            println!("speakers {}", speakers.len());
            let started = Instant::now();
            let agenda = scrollback::agenda::analyse(&log);
            let agenda_time = started.elapsed();
            println!("sections {}", agenda.sections.len());
            println!("agenda_ms {:.3}", agenda_time.as_secs_f64() * 1000.0);
            let started = Instant::now();
            let threads = scrollback::thread::analyse(&log);
            let thread_time = started.elapsed();
            println!("threads {}", threads.n_threads());
            println!("threads_ms {:.3}", thread_time.as_secs_f64() * 1000.0);
            println!("diagnostics {}", log.diagnostics.len());
            println!("parse_ms {:.3}", parse_time.as_secs_f64() * 1000.0);
            println!("parse_mb_per_s {:.1}", bytes.len() as f64 / 1e6 / parse_time.as_secs_f64().max(1e-9));
        }
        "sections" => {
            print!("{}", scrollback::agenda::sections_report(&scrollback::agenda::analyse(&log)));
        }
        "minutes" => {
            let agenda = scrollback::agenda::analyse(&log);
            let title = log.meta.title.clone().or_else(|| agenda.meeting_name.clone()).unwrap_or_else(|| format!("Minutes of {}", file_name.unwrap_or("the log")));
            print!("{}", scrollback::agenda::minutes_markdown(&log, &agenda, &title));
        }
        _ => return Err(USAGE.to_owned()),
    }
    Ok(())
}

/// Writes the static site of a folder of logs and says what it did.
#[cfg(not(target_arch = "wasm32"))]
fn site(logs: &Path, rest: &[String]) -> Result<(), String> {
    let out = rest.first().filter(|out| !out.starts_with("--")).ok_or(USAGE)?;
    let mut options = scrollback::site::SiteOptions { logs: logs.to_path_buf(), out: out.into(), viewer: "dist".into(), title: None };
    let mut flags = rest[1..].iter();
    while let Some(flag) = flags.next() {
        let value = flags.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--viewer" => options.viewer = value.into(),
            "--title" => options.title = Some(value.clone()),
            other => return Err(format!("unexpected argument {other:?}\n{USAGE}")),
        }
    }
    let started = Instant::now();
    let report = scrollback::site::build(&options)?;
    let seconds = started.elapsed().as_secs_f64();
    for skipped in &report.skipped {
        eprintln!("skipped {skipped}");
    }
    let share = |bytes: u64| 100.0 * bytes as f64 / report.log_bytes.max(1) as f64;
    println!("logs {}", report.logs - report.skipped.len());
    println!("log_bytes {}", report.log_bytes);
    println!("pages_rendered {}", report.pages_rendered);
    println!("files_written {}", report.files_written);
    println!("files_unchanged {}", report.files_unchanged);
    println!("files_removed {}", report.files_removed);
    println!("index_bytes {} ({:.1}% of the logs)", report.index_bytes, share(report.index_bytes));
    println!("hit_lines_bytes {} ({:.1}% of the logs)", report.hit_lines_bytes, share(report.hit_lines_bytes));
    println!("seconds {seconds:.2}");
    println!("mb_per_s {:.1}", report.log_bytes as f64 / 1e6 / seconds.max(1e-9));
    Ok(())
}

/// Scores the reply model on a directory of the irc-disentanglement benchmark.
#[cfg(not(target_arch = "wasm32"))]
fn eval_threads(dir: &Path) -> Result<(), String> {
    use scrollback::thread::benchmark::{evaluate, read_dir};
    let files = read_dir(dir)?;
    let evaluation = evaluate(&files, None);
    for (name, score, n_lines) in &evaluation.per_file {
        println!("{name}: p/r/f {} ({} links, {n_lines} lines)", score.summary(), score.gold);
    }
    println!("p/r/f: {}", evaluation.total.summary());
    println!("ms per 10k lines: {:.2}", evaluation.ms_per_10k_lines());
    Ok(())
}

/// Trains the agenda's boundary model on every annotated meeting and prints `src/agenda/weights.rs`.
#[cfg(not(target_arch = "wasm32"))]
fn train_agenda(gold_dir: &Path, corpus: &Path) -> Result<(), String> {
    use scrollback::agenda::gold::{load, train, weights_source};
    let meetings = load(gold_dir, corpus)?;
    let model = train(&meetings.iter().collect::<Vec<_>>());
    let how_made = format!("`scrollback train-agenda tests/agenda-gold ../shared/corpus` ({} meetings); see tests/agenda_gold.rs.", meetings.len());
    print!("{}", weights_source(&model, &how_made));
    Ok(())
}

/// Trains the reply model on a benchmark directory and prints `src/thread/weights.rs`; with
/// `--hold-out K`, trains on all but every K-th file and prints the score on those instead.
#[cfg(not(target_arch = "wasm32"))]
fn train_threads(dir: &Path, options: &[String]) -> Result<(), String> {
    use scrollback::thread::benchmark::{evaluate, read_dir};
    use scrollback::thread::train::{train, weights_source, Settings};
    let mut settings = Settings::default();
    let mut hold_out = None;
    let mut score_on: Option<String> = None;
    let mut options = options.iter();
    while let Some(option) = options.next() {
        let mut value = |name: &str| -> Result<String, String> { options.next().cloned().ok_or(format!("{name} needs a value")) };
        match option.as_str() {
            "--hold-out" => hold_out = Some(value("--hold-out")?.parse::<usize>().map_err(|error| error.to_string())?.max(2)),
            "--epochs" => settings.epochs = value("--epochs")?.parse().map_err(|error: std::num::ParseIntError| error.to_string())?,
            "--learning-rate" => settings.learning_rate = value("--learning-rate")?.parse().map_err(|error: std::num::ParseFloatError| error.to_string())?,
            "--score-on" => score_on = Some(value("--score-on")?),
            "--l2" => settings.l2 = value("--l2")?.parse().map_err(|error: std::num::ParseFloatError| error.to_string())?,
            other => return Err(format!("unexpected argument {other:?}\n{USAGE}")),
        }
    }
    let files = read_dir(dir)?;
    if let Some(other) = score_on {
        let weights = train(&files, settings);
        println!("trained on {} files: {settings:?}", files.len());
        println!("{other} p/r/f: {}", evaluate(&read_dir(Path::new(&other))?, Some(&weights)).total.summary());
        return Ok(());
    }
    match hold_out {
        Some(k) => {
            let (held, kept): (Vec<_>, Vec<_>) = files.into_iter().enumerate().partition(|(index, _)| index % k == k - 1);
            let kept: Vec<_> = kept.into_iter().map(|(_, file)| file).collect();
            let held: Vec<_> = held.into_iter().map(|(_, file)| file).collect();
            let weights = train(&kept, settings);
            let on_kept = evaluate(&kept, Some(&weights));
            let on_held = evaluate(&held, Some(&weights));
            println!("trained on {} files, held out {}: {settings:?}", kept.len(), held.len());
            println!("train p/r/f: {}", on_kept.total.summary());
            println!("held-out p/r/f: {}", on_held.total.summary());
        }
        None => {
            let weights = train(&files, settings);
            let how_made = format!(
                "`scrollback train-threads {}` ({} files, {settings:?}); see scripts/train-threads.sh.",
                dir.file_name().map_or_else(|| dir.display().to_string(), |name| format!("../shared/threads/{}", name.to_string_lossy())),
                files.len()
            );
            print!("{}", weights_source(&weights, &how_made));
        }
    }
    Ok(())
}
