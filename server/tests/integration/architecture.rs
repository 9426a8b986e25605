//! The rule between the folders of `server/src/services/` (issue 21): an area uses the
//! session kernel (`session`) and shared support (`support`), never another area; the
//! kernel uses no area; and no folder depends on itself in a circle. Read from the
//! sources: the services modules a file names (`crate::services::x`, `super::super::x`,
//! grouped imports included) and the `Portico` methods it calls on `self` (or names in
//! its part of the contract) that another folder defines.
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The folders every area may use.
const KERNEL: [&str; 2] = ["session", "support"];

/// A file under `services/`: its path there (`admin/people.rs`) and its text.
type Source = (String, String);

/// Why one folder depends on another: where, and what it names.
type Evidence = BTreeMap<(String, String), Vec<String>>;

#[test]
fn areas_use_only_the_session_kernel_and_support_without_a_cycle() {
    let services = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/services");
    let mut sources = Vec::new();
    read_sources(&services, &services, &mut sources);
    let problems = problems(&sources);
    assert!(
        problems.is_empty(),
        "services/ breaks the rule between its folders:\n{}",
        problems.join("\n")
    );
}

/// The checker itself, on a made-up tree with one of each thing it must find (and things
/// it must not count: a comment, a string, a call to the kernel, a folder's own modules).
#[test]
fn the_rule_between_service_folders_finds_edges_and_circles() {
    let tree: Vec<Source> = [
        (
            "alpha/one.rs",
            "use crate::services::{Portico, support::views, gamma::three::thing};\n\
             use crate::services::beta::two::helper;\n\
             use super::own;\n\
             // crate::services::delta is only mentioned\n\
             const S: &str = \"crate::services::delta\";\n\
             impl Portico {\n    fn in_alpha(&self) { self.in_session(); self.in_alpha(); }\n}\n",
        ),
        (
            "beta/two.rs",
            "impl Portico {\n    fn in_beta(&self) { let c = '{'; self.in_alpha() }\n}\n",
        ),
        ("gamma/three.rs", "pub fn thing() {}\n"),
        ("delta/four.rs", "pub fn four() {}\n"),
        (
            "session/gate.rs",
            "use super::super::{beta, support::audit};\n\
             impl Portico {\n    fn in_session(&self) {}\n}\n",
        ),
        ("support/views.rs", "pub fn view() {}\n"),
    ]
    .into_iter()
    .map(|(path, text)| (path.to_owned(), text.to_owned()))
    .collect();
    let problems = problems(&tree).join("\n");
    for expected in [
        "area alpha uses area beta: alpha/one.rs:2",
        "area alpha uses area gamma: alpha/one.rs:1",
        "area beta uses area alpha: beta/two.rs:2 calls self.in_alpha",
        "the kernel's session uses area beta: session/gate.rs:1",
        "circle: alpha → beta → alpha",
    ] {
        assert!(problems.contains(expected), "{expected:?} in:\n{problems}");
    }
    assert!(!problems.contains("delta"), "{problems}");
    assert!(!problems.contains("uses support"), "{problems}");
    assert!(!problems.contains("uses session"), "{problems}");
}

/// Every `.rs` file under `dir`, with its path relative to `root`.
fn read_sources(root: &Path, dir: &Path, found: &mut Vec<Source>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_sources(root, &path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(root).unwrap().to_string_lossy();
            let text = std::fs::read_to_string(&path).unwrap();
            found.push((relative.replace('\\', "/"), text));
        }
    }
}

/// Everything that breaks the rule, one line each.
fn problems(sources: &[Source]) -> Vec<String> {
    let edges = edges(sources);
    let is_kernel = |folder: &str| KERNEL.contains(&folder);
    let mut problems = Vec::new();
    for ((from, to), evidence) in &edges {
        let whom = match (is_kernel(from.as_str()), is_kernel(to.as_str())) {
            (false, false) => format!("area {from} uses area {to}"),
            (true, false) => format!("the kernel's {from} uses area {to}"),
            _ => continue,
        };
        problems.push(format!("{whom}: {}", shown(evidence)));
    }
    for (circle, among) in circles(&edges) {
        problems.push(format!(
            "circle: {} (one of those among {})",
            circle.join(" → "),
            among.join(", ")
        ));
    }
    problems
}

/// The first few places, and how many there are.
fn shown(evidence: &[String]) -> String {
    let first: Vec<&str> = evidence.iter().take(4).map(String::as_str).collect();
    match evidence.len() {
        n if n > first.len() => format!("{} (and {} more)", first.join("; "), n - first.len()),
        _ => first.join("; "),
    }
}

/// Each folder's dependencies on other folders, with where each is seen.
fn edges(sources: &[Source]) -> Evidence {
    let folders: BTreeSet<&str> = sources.iter().filter_map(|(p, _)| folder_of(p)).collect();
    let cleaned: Vec<(&str, String)> = sources
        .iter()
        .map(|(path, text)| (path.as_str(), code_only(text)))
        .collect();
    // Inherent methods are unique to `Portico`: each is defined in one place.
    let mut defined_in = BTreeMap::new();
    for (path, code) in &cleaned {
        if let Some(folder) = folder_of(path) {
            for method in portico_methods(code) {
                defined_in.insert(method, folder);
            }
        }
    }
    let mut edges = Evidence::new();
    for (path, code) in &cleaned {
        let Some(from) = folder_of(path) else {
            continue;
        };
        let mut add = |to: &str, line: usize, what: String| {
            if to != from && folders.contains(to) {
                let place = format!("{path}:{line}{what}");
                edges
                    .entry((from.into(), to.into()))
                    .or_default()
                    .push(place);
            }
        };
        for (line, to) in named_modules(path, code) {
            add(&to, line, String::new());
        }
        for (line, method) in called_methods(path, code) {
            if let Some(to) = defined_in.get(method.as_str()) {
                add(to, line, format!(" calls self.{method}"));
            }
        }
    }
    edges
}

/// `admin` for `admin/people.rs`; none for a file directly in `services/`.
fn folder_of(path: &str) -> Option<&str> {
    path.split_once('/').map(|(folder, _)| folder)
}

/// The text with comments, strings and character literals blanked (lines kept), so that
/// what they mention is not counted and their braces do not count.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < chars.len() {
        let rest = |n: usize| chars.get(i + n).copied();
        let end = match (chars[i], rest(1), rest(2)) {
            ('/', Some('/'), _) => (i..chars.len()).find(|&j| chars[j] == '\n'),
            ('/', Some('*'), _) => (i + 2..chars.len())
                .find(|&j| chars[j] == '*' && chars.get(j + 1) == Some(&'/'))
                .map(|j| j + 2),
            ('"', _, _) => closing_quote(&chars, i + 1).map(|j| j + 1),
            ('r', Some('"' | '#'), _) if !is_ident(chars.get(i.wrapping_sub(1))) => {
                raw_string_end(&chars, i)
            }
            ('\'', Some('\\'), _) => (i + 3..chars.len())
                .find(|&j| chars[j] == '\'')
                .map(|j| j + 1),
            ('\'', Some(_), Some('\'')) => Some(i + 3),
            _ => None,
        };
        match end {
            Some(end) => {
                out.extend(chars[i..end.min(chars.len())].iter().map(|&c| blank(c)));
                i = end;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

fn closing_quote(chars: &[char], from: usize) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        match chars[j] {
            '\\' => j += 2,
            '"' => return Some(j),
            _ => j += 1,
        }
    }
    None
}

/// The end of a raw string `r#"…"#` starting at `start`, if it is one.
fn raw_string_end(chars: &[char], start: usize) -> Option<usize> {
    let hashes = chars[start + 1..].iter().take_while(|&&c| c == '#').count();
    let open = start + 1 + hashes;
    if chars.get(open) != Some(&'"') {
        return None;
    }
    let close: Vec<char> = std::iter::once('"')
        .chain("#".repeat(hashes).chars())
        .collect();
    (open + 1..chars.len())
        .find(|&j| chars[j..].starts_with(&close))
        .map(|j| j + close.len())
}

fn is_ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// The 1-based line of byte offset `at`.
fn line_of(code: &str, at: usize) -> usize {
    code[..at].matches('\n').count() + 1
}

/// The identifier at the start of `text`.
fn ident(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The services modules the file names, by line: after `crate::services::` or after as
/// many `super::` as lead from the file to `services/` (one name, or each of a group's).
fn named_modules(path: &str, code: &str) -> Vec<(usize, String)> {
    let depth = path.split('/').count() - usize::from(path.ends_with("/mod.rs"));
    let up_to_services = format!("{}::", vec!["super"; depth].join("::"));
    let mut found = Vec::new();
    for prefix in ["crate::services::", up_to_services.as_str()] {
        for (at, _) in code.match_indices(prefix) {
            // `super::super::` must not be the tail of a longer chain.
            if code[..at].ends_with("super::") {
                continue;
            }
            let after = &code[at + prefix.len()..];
            let names = match after.strip_prefix('{') {
                Some(group) => group_heads(group),
                None => vec![ident(after).to_owned()],
            };
            let line = line_of(code, at);
            found.extend(names.into_iter().map(|name| (line, name)));
        }
    }
    found
}

/// The first name of each item of a `{ … }` group (its text after the `{`).
fn group_heads(group: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut item_start = true;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => item_start = true,
            c if item_start && !c.is_whitespace() => {
                heads.push(ident(&group[i..]).to_owned());
                item_start = false;
            }
            _ => {}
        }
    }
    heads
}

/// The methods an `impl Portico { … }` block of the file defines.
fn portico_methods(code: &str) -> Vec<String> {
    let mut methods = Vec::new();
    for (at, _) in code.match_indices("impl Portico {") {
        let body = &code[at + "impl Portico {".len()..];
        let mut depth = 0;
        for (i, c) in body.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                'f' if depth == 0 && body[i..].starts_with("fn ") && !follows_ident(body, i) => {
                    methods.push(ident(body[i + 3..].trim_start()).to_owned());
                }
                _ => {}
            }
        }
    }
    methods
}

/// Whether the character before byte `at` continues an identifier (`myself.`, `async_fn `).
fn follows_ident(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// The methods the file calls on `self`, by line; in a part of the contract also the
/// services its lines name (`= service_at(…)`), which the `contract!` macro calls.
fn called_methods(path: &str, code: &str) -> Vec<(usize, String)> {
    let mut patterns = vec!["self."];
    if path.ends_with("/contract.rs") {
        patterns.push("= ");
    }
    let mut found = Vec::new();
    for pattern in patterns {
        for (at, _) in code.match_indices(pattern) {
            if follows_ident(code, at) {
                continue;
            }
            let after = &code[at + pattern.len()..];
            let name = ident(after);
            let rest = after[name.len()..].trim_start();
            if !name.is_empty() && (rest.starts_with('(') || rest.starts_with("::<")) {
                found.push((line_of(code, at), name.to_owned()));
            }
        }
    }
    found
}

/// The circles among the folders: each strongly connected component of more than one
/// folder (Tarjan's algorithm), shown as one circle through it and all its folders.
fn circles(edges: &Evidence) -> Vec<(Vec<String>, Vec<String>)> {
    let mut graph: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (from, to) in edges.keys() {
        graph.entry(from.as_str()).or_default().push(to.as_str());
        graph.entry(to.as_str()).or_default();
    }
    let mut tarjan = Tarjan::default();
    for &node in graph.keys() {
        if !tarjan.index.contains_key(node) {
            tarjan.visit(&graph, node);
        }
    }
    tarjan
        .components
        .into_iter()
        .filter(|component| component.len() > 1)
        .map(|component| {
            let among = component.iter().map(|&f| f.to_owned()).collect();
            (circle_through(&graph, &component), among)
        })
        .collect()
}

#[derive(Default)]
struct Tarjan<'a> {
    index: BTreeMap<&'a str, usize>,
    low: BTreeMap<&'a str, usize>,
    stack: Vec<&'a str>,
    components: Vec<BTreeSet<&'a str>>,
}

impl<'a> Tarjan<'a> {
    fn visit(&mut self, graph: &BTreeMap<&'a str, Vec<&'a str>>, node: &'a str) {
        let index = self.index.len();
        self.index.insert(node, index);
        self.low.insert(node, index);
        self.stack.push(node);
        for &next in &graph[node] {
            if !self.index.contains_key(next) {
                self.visit(graph, next);
                let low = self.low[node].min(self.low[next]);
                self.low.insert(node, low);
            } else if self.stack.contains(&next) {
                let low = self.low[node].min(self.index[next]);
                self.low.insert(node, low);
            }
        }
        if self.low[node] == self.index[node] {
            let mut component = BTreeSet::new();
            while let Some(top) = self.stack.pop() {
                component.insert(top);
                if top == node {
                    break;
                }
            }
            self.components.push(component);
        }
    }
}

/// A shortest circle from the component's first folder back to it, inside the component
/// (breadth first).
fn circle_through(graph: &BTreeMap<&str, Vec<&str>>, component: &BTreeSet<&str>) -> Vec<String> {
    let start = *component.iter().next().unwrap();
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &next in &graph[node] {
            if !component.contains(next) || came_from.contains_key(next) {
                continue;
            }
            came_from.insert(next, node);
            if next == start {
                queue.clear();
                break;
            }
            queue.push_back(next);
        }
    }
    let mut circle = vec![start.to_owned()];
    let mut node = came_from[start];
    while node != start {
        circle.push(node.to_owned());
        node = came_from[node];
    }
    circle.push(start.to_owned());
    circle.reverse();
    circle
}
