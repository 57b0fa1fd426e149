//! The house's rules, read from the source: every `crate::` path in `src/` names its own layer or
//! one below (the table in [`LAYERS`], drawn in ARCHITECTURE.md), no two sibling modules import
//! each other, and no source file is over 400 lines.
//!
//! Test modules (`#[cfg(test)]`) are left out: like dev-dependencies, they may build their
//! fixtures with any layer. Macro bodies (`html!`, `format!`) are read token by token.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

/// The layers from the ground up, each with the top-level modules in it. A module may use its
/// own layer and the ones before it, never one after.
const LAYERS: &[(&str, &[&str])] = &[
    ("core", &["model", "casefold", "text", "colour", "format_codes", "speakers", "input", "source", "demo"]),
    ("parse", &["parse"]),
    ("analyses", &["thread", "agenda", "archive", "activity", "search", "listing", "permalink", "snippet", "report"]),
    ("worker boundary", &["transfer"]),
    ("state", &["state"]),
    ("browser", &["browser"]),
    ("view", &["view"]),
    ("app", &["app"]),
    ("entry points", &["export", "site"]),
];

/// The crates that reach the browser (the DOM, JS, the component framework). Every layer up to
/// and including `state` is plain Rust and names none of them.
const BROWSER_CRATES: &[&str] = &["yew", "web_sys", "js_sys", "gloo", "wasm_bindgen", "wasm_bindgen_futures", "serde_wasm_bindgen", "console_error_panic_hook"];

/// The highest layer that must stay plain Rust.
const LAST_PLAIN_LAYER: &str = "state";

/// No source file may be longer; the generated weight tables are data, not reading.
const MOST_LINES: usize = 400;

fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, sorted so reports come in a stable order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).expect("src/ is readable").map(|entry| entry.expect("a directory entry").path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
    files
}

/// The module a library file is: `src/parse/infer/mod.rs` is `["parse", "infer"]`, `src/lib.rs`
/// the root. `None` for the binaries, which are crates of their own on top of everything.
fn module_of(relative: &Path) -> Option<Vec<String>> {
    let mut segments: Vec<String> = relative.with_extension("").iter().map(|part| part.to_string_lossy().into_owned()).collect();
    if segments.first().is_some_and(|first| first == "bin") || segments == ["main"] {
        return None;
    }
    if segments.last().is_some_and(|last| last == "mod" || last == "lib") {
        segments.pop();
    }
    Some(segments)
}

fn layer_of(module: &[String]) -> Option<usize> {
    let top = module.first()?;
    LAYERS.iter().position(|(_, members)| members.contains(&top.as_str()))
}

fn shown(module: &[String]) -> String {
    if module.is_empty() {
        "crate".to_owned()
    } else {
        format!("crate::{}", module.join("::"))
    }
}

/// One place a file names another module.
#[derive(Debug, Clone)]
struct Import {
    file: String,
    line: usize,
    from: Vec<String>,
    path: Vec<String>,
}

impl fmt::Display for Import {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}:{} uses {}", self.file, self.line, shown(&self.path))
    }
}

/// Collects a file's paths that start at `crate`, `super` or `self`, made absolute, and those
/// into a browser crate.
struct PathCollector<'a> {
    file: &'a str,
    /// The module the visitor is in: the file's, then any inline module inside it.
    module: Vec<String>,
    file_module: Vec<String>,
    imports: Vec<Import>,
    /// Paths into a browser crate (`yew::…`, `web_sys::…`), kept as written.
    browser_crate_uses: Vec<Import>,
    /// Files declared `#[cfg(test)] mod name;`: test code in a file of its own.
    test_files: Vec<Vec<String>>,
}

/// `#[cfg(test)]` or `#[cfg(all(test, …))]`; not `#[cfg(not(test))]`, which is the library's.
fn is_test_only(attributes: &[syn::Attribute]) -> bool {
    attributes.iter().any(|attribute| {
        let words = |list: &syn::MetaList| list.tokens.to_string().split(|c: char| !c.is_alphanumeric() && c != '_').filter(|word| !word.is_empty()).map(str::to_owned).collect::<Vec<_>>();
        attribute.path().is_ident("cfg") && attribute.meta.require_list().is_ok_and(|list| {
            let words = words(list);
            words.iter().any(|word| word == "test") && !words.iter().any(|word| word == "not" || word == "any")
        })
    })
}

impl<'a> PathCollector<'a> {
    fn new(file: &'a str, module: Vec<String>) -> PathCollector<'a> {
        PathCollector { file, module: module.clone(), file_module: module, imports: Vec::new(), browser_crate_uses: Vec::new(), test_files: Vec::new() }
    }

    /// `segments` made absolute from the current module; `None` when it is not a module path.
    fn absolute(&self, segments: &[String]) -> Option<Vec<String>> {
        let mut base = match segments.first()?.as_str() {
            "crate" => Vec::new(),
            "super" | "self" => self.module.clone(),
            _ => return None,
        };
        let mut rest = if segments[0] == "crate" { &segments[1..] } else { segments };
        while let Some(first) = rest.first() {
            match first.as_str() {
                "super" => {
                    base.pop()?;
                }
                "self" => {}
                _ => break,
            }
            rest = &rest[1..];
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    fn record(&mut self, segments: &[String], line: usize) {
        if segments.first().is_some_and(|first| BROWSER_CRATES.contains(&first.as_str())) {
            self.browser_crate_uses.push(Import { file: self.file.to_owned(), line, from: self.file_module.clone(), path: segments.to_vec() });
        }
        if let Some(path) = self.absolute(segments) {
            self.imports.push(Import { file: self.file.to_owned(), line, from: self.file_module.clone(), path });
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(path) => {
                prefix.push(path.ident.to_string());
                self.use_tree(prefix, &path.tree);
                prefix.pop();
            }
            syn::UseTree::Name(name) => self.use_leaf(prefix, &name.ident),
            syn::UseTree::Rename(rename) => self.use_leaf(prefix, &rename.ident),
            syn::UseTree::Glob(glob) => {
                let line = glob.star_token.spans[0].start().line;
                self.record(&prefix.clone(), line);
            }
            syn::UseTree::Group(group) => {
                for tree in &group.items {
                    self.use_tree(prefix, tree);
                }
            }
        }
    }

    fn use_leaf(&mut self, prefix: &[String], ident: &syn::Ident) {
        let mut segments = prefix.to_vec();
        if ident != "self" {
            segments.push(ident.to_string());
        }
        self.record(&segments, ident.span().start().line);
    }

    /// Paths written inside a macro's tokens: `crate :: a :: b`.
    fn tokens(&mut self, tokens: TokenStream) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut at = 0;
        while at < trees.len() {
            match &trees[at] {
                TokenTree::Group(group) => self.tokens(group.stream()),
                TokenTree::Ident(ident) if ident == "crate" || ident == "super" || BROWSER_CRATES.iter().any(|name| ident == name) => {
                    let line = ident.span().start().line;
                    let mut segments = vec![ident.to_string()];
                    while let (Some(TokenTree::Punct(first)), Some(TokenTree::Punct(second)), Some(TokenTree::Ident(next))) = (trees.get(at + 1), trees.get(at + 2), trees.get(at + 3)) {
                        if first.as_char() != ':' || second.as_char() != ':' {
                            break;
                        }
                        segments.push(next.to_string());
                        at += 3;
                    }
                    self.record(&segments, line);
                }
                _ => {}
            }
            at += 1;
        }
    }
}

impl<'ast> Visit<'ast> for PathCollector<'_> {
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if is_test_only(&item.attrs) {
            if item.content.is_none() {
                let mut file = self.module.clone();
                file.push(item.ident.to_string());
                self.test_files.push(file);
            }
            return;
        }
        self.module.push(item.ident.to_string());
        syn::visit::visit_item_mod(self, item);
        self.module.pop();
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        if !is_test_only(&item.attrs) {
            syn::visit::visit_item_fn(self, item);
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        if !is_test_only(&item.attrs) {
            self.use_tree(&mut Vec::new(), &item.tree);
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|segment| segment.ident.to_string()).collect();
        if let Some(first) = path.segments.first() {
            self.record(&segments, first.ident.span().start().line);
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.visit_path(&mac.path);
        self.tokens(mac.tokens.clone());
    }
}

/// What the library's files say: every module, every import of another module, and every path
/// into a browser crate, with the test-only files left out.
struct Source {
    modules: BTreeSet<Vec<String>>,
    imports: Vec<Import>,
    browser_crate_uses: Vec<Import>,
}

fn read_source() -> Source {
    let root = source_root();
    let mut modules = BTreeSet::new();
    let mut imports = Vec::new();
    let mut browser_crate_uses = Vec::new();
    let mut test_files = Vec::new();
    for path in rust_files(&root) {
        let relative = path.strip_prefix(&root).expect("under src/");
        let Some(module) = module_of(relative) else { continue };
        let file = format!("src/{}", relative.display());
        let text = std::fs::read_to_string(&path).expect("a readable source file");
        let syntax = syn::parse_file(&text).unwrap_or_else(|error| panic!("{file} does not parse: {error}"));
        let mut collector = PathCollector::new(&file, module.clone());
        collector.visit_file(&syntax);
        modules.insert(module);
        imports.extend(collector.imports);
        browser_crate_uses.extend(collector.browser_crate_uses);
        test_files.extend(collector.test_files);
    }
    let in_test_file = |import: &Import| test_files.iter().any(|test| import.from.starts_with(test));
    imports.retain(|import| !in_test_file(import));
    browser_crate_uses.retain(|import| !in_test_file(import));
    modules.retain(|module| !test_files.iter().any(|test| module.starts_with(test)));
    Source { modules, imports, browser_crate_uses }
}

/// The module a path lands in: its longest prefix that is a file of `src/`.
fn target_module(modules: &BTreeSet<Vec<String>>, path: &[String]) -> Vec<String> {
    (0..=path.len()).rev().map(|length| path[..length].to_vec()).find(|prefix| modules.contains(prefix)).unwrap_or_default()
}

/// Where a cycle of imports among siblings runs, one import per step.
fn cycles_among_siblings(imports: &[(String, String, Import)]) -> Vec<Vec<Import>> {
    let mut edges: BTreeMap<&str, BTreeMap<&str, &Import>> = BTreeMap::new();
    for (from, to, import) in imports {
        edges.entry(from).or_default().entry(to).or_insert(import);
    }
    let mut cycles = Vec::new();
    let mut reported: BTreeSet<BTreeSet<&str>> = BTreeSet::new();
    for &start in edges.keys() {
        // Depth-first from each module back to itself: the graphs are small, plain search will do.
        let mut stack: Vec<(&str, Vec<(&str, &Import)>)> = vec![(start, Vec::new())];
        let mut seen = BTreeSet::new();
        while let Some((at, trail)) = stack.pop() {
            for (&next, &import) in edges.get(at).into_iter().flatten() {
                let mut longer = trail.clone();
                longer.push((at, import));
                if next == start {
                    if reported.insert(longer.iter().map(|&(module, _)| module).collect()) {
                        cycles.push(longer.iter().map(|&(_, import)| import.clone()).collect());
                    }
                } else if seen.insert(next) {
                    stack.push((next, longer));
                }
            }
        }
    }
    cycles
}

#[test]
fn every_import_goes_to_its_own_layer_or_one_below() {
    let Source { modules, imports, .. } = read_source();
    let mut problems = Vec::new();
    for module in &modules {
        if !module.is_empty() && layer_of(module).is_none() {
            problems.push(format!("{} is in no layer: add it to LAYERS in tests/layers.rs and to ARCHITECTURE.md", shown(module)));
        }
    }
    for import in &imports {
        let target = target_module(&modules, &import.path);
        let (Some(from), Some(to)) = (layer_of(&import.from), layer_of(&target)) else { continue };
        if to > from {
            problems.push(format!("{import}: layer '{}' reaches up into layer '{}'", LAYERS[from].0, LAYERS[to].0));
        }
    }
    assert!(problems.is_empty(), "{} imports break the layers:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn no_two_sibling_modules_import_each_other() {
    let Source { modules, imports, .. } = read_source();
    // Each import between two modules, lifted to the children of their closest common parent.
    // A module may use its parent (the interface its siblings share) and its own children.
    let mut by_parent: BTreeMap<Vec<String>, Vec<(String, String, Import)>> = BTreeMap::new();
    for import in &imports {
        let target = target_module(&modules, &import.path);
        let common = import.from.iter().zip(&target).take_while(|(a, b)| a == b).count();
        if common == import.from.len() || common == target.len() {
            continue;
        }
        by_parent.entry(target[..common].to_vec()).or_default().push((import.from[common].clone(), target[common].clone(), import.clone()));
    }
    let mut problems = Vec::new();
    for (parent, imports) in &by_parent {
        for cycle in cycles_among_siblings(imports) {
            let steps: Vec<String> = cycle.iter().map(ToString::to_string).collect();
            problems.push(format!("a circle in {}:\n  {}", shown(parent), steps.join("\n  ")));
        }
    }
    assert!(problems.is_empty(), "{} circles of imports:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_plain_layers_name_no_browser_crate() {
    let Source { browser_crate_uses, .. } = read_source();
    let last_plain = LAYERS.iter().position(|(name, _)| *name == LAST_PLAIN_LAYER).expect("the plain layers' top is a layer");
    let problems: Vec<String> = browser_crate_uses
        .iter()
        .filter(|import| layer_of(&import.from).is_some_and(|layer| layer <= last_plain))
        .map(|import| format!("{}:{} uses {}: layer '{}' is plain Rust", import.file, import.line, import.path.join("::"), LAYERS[layer_of(&import.from).unwrap_or(0)].0))
        .collect();
    assert!(problems.is_empty(), "{} paths into a browser crate below the browser layer:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn no_source_file_is_over_400_lines() {
    let root = source_root();
    let long: Vec<String> = rust_files(&root)
        .into_iter()
        .filter_map(|path| {
            let lines = std::fs::read_to_string(&path).expect("a readable source file").lines().count();
            (lines > MOST_LINES).then(|| format!("{} has {lines} lines", path.strip_prefix(&root).expect("under src/").display()))
        })
        .collect();
    assert!(long.is_empty(), "files over {MOST_LINES} lines: split them by concern:\n{}", long.join("\n"));
}

#[test]
fn the_reader_finds_imports_in_every_form() {
    // The collector itself, on a file written for it: if it missed a form, the rules above
    // would pass on a tree that breaks them.
    let text = "use crate::model::{Log, parse::Reader};\nuse super::sibling::*;\nfn f() { crate::view::draw(); html! { <p>{crate::text::shown(x)}</p> } }\nuse yew::prelude::*;\nfn g() -> yew::Html { format!(\"{}\", web_sys::window()) }\n#[cfg(test)]\nmod tests { use crate::app::App; use gloo::timers; }\n#[cfg(not(test))]\nuse crate::state::State;\n";
    let syntax = syn::parse_file(text).expect("the sample parses");
    let mut collector = PathCollector::new("sample.rs", vec!["agenda".to_owned(), "titles".to_owned()]);
    collector.visit_file(&syntax);
    let found: Vec<(usize, String)> = collector.imports.iter().map(|import| (import.line, shown(&import.path))).collect();
    assert_eq!(
        found,
        [
            (1, "crate::model::Log".to_owned()),
            (1, "crate::model::parse::Reader".to_owned()),
            (2, "crate::agenda::sibling".to_owned()),
            (3, "crate::view::draw".to_owned()),
            (3, "crate::text::shown".to_owned()),
            (9, "crate::state::State".to_owned()),
        ]
    );
    let browser: Vec<(usize, String)> = collector.browser_crate_uses.iter().map(|import| (import.line, import.path.join("::"))).collect();
    assert_eq!(browser, [(4, "yew::prelude".to_owned()), (5, "yew::Html".to_owned()), (5, "web_sys::window".to_owned())]);
}
