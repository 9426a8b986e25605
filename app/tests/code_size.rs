//! The size rule of the code (see DEVELOPERS.md, "Rules the code keeps"): no file in
//! `app/src` or `server/src` over 400 lines, and no function over 80 lines, so that a file
//! is one concept and a function fits on a screen. Test code may be longer: items under
//! `#[cfg(test)]`, files named `tests.rs` and files under a `tests/` folder are not counted.

use std::path::{Path, PathBuf};

use syn::spanned::Spanned;
use syn::visit::Visit;

const MAX_FILE_LINES: usize = 400;
const MAX_FN_LINES: usize = 80;

/// Folders that are being split right now (issue 21), not yet held to the rule.
/// This list must become empty: remove a prefix as soon as its folder keeps the rule.
const STILL_BEING_SPLIT: &[&str] = &[];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `.rs` file under `dir` that is not test code, as paths relative to the workspace.
fn rust_files(dir: &Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(workspace().join(dir)).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let relative = dir.join(&name);
        if path.is_dir() {
            if name != "tests" {
                rust_files(&relative, found);
            }
        } else if name.ends_with(".rs") && name != "tests.rs" {
            found.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .meta
                .require_list()
                .is_ok_and(|list| list.tokens.to_string().trim() == "test")
    })
}

/// The functions of one file that are too long, as "path:line name (n lines)".
struct LongFunctions<'a> {
    path: &'a str,
    found: Vec<String>,
}

impl LongFunctions<'_> {
    fn measure(&mut self, name: &syn::Ident, sig: &syn::Signature, block: &syn::Block) {
        let start = sig.fn_token.span.start().line;
        let end = block.span().end().line;
        let lines = end - start + 1;
        if lines > MAX_FN_LINES {
            self.found
                .push(format!("{}:{start} fn {name} ({lines} lines)", self.path));
        }
    }
}

impl<'ast> Visit<'ast> for LongFunctions<'_> {
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if !is_cfg_test(&item.attrs) {
            syn::visit::visit_item_mod(self, item);
        }
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        if !is_cfg_test(&item.attrs) {
            syn::visit::visit_item_impl(self, item);
        }
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        if !is_cfg_test(&item.attrs) {
            self.measure(&item.sig.ident, &item.sig, &item.block);
            syn::visit::visit_item_fn(self, item);
        }
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        if !is_cfg_test(&item.attrs) {
            self.measure(&item.sig.ident, &item.sig, &item.block);
            syn::visit::visit_impl_item_fn(self, item);
        }
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        if let (false, Some(block)) = (is_cfg_test(&item.attrs), &item.default) {
            self.measure(&item.sig.ident, &item.sig, block);
        }
        syn::visit::visit_trait_item_fn(self, item);
    }
}

/// What breaks the rule in `app/src` and `server/src`: one line per file or function.
fn too_long() -> Vec<String> {
    let mut files = Vec::new();
    rust_files(Path::new("app/src"), &mut files);
    rust_files(Path::new("server/src"), &mut files);
    files.sort();
    let mut found = Vec::new();
    for path in files
        .iter()
        .filter(|path| !STILL_BEING_SPLIT.iter().any(|p| path.starts_with(p)))
    {
        let source = std::fs::read_to_string(workspace().join(path)).unwrap();
        let lines = source.lines().count();
        if lines > MAX_FILE_LINES {
            found.push(format!("{path}: {lines} lines"));
        }
        let file = syn::parse_file(&source)
            .unwrap_or_else(|error| panic!("{path} does not parse: {error}"));
        let mut functions = LongFunctions {
            path,
            found: Vec::new(),
        };
        functions.visit_file(&file);
        found.extend(functions.found);
    }
    found
}

#[test]
fn no_file_is_over_400_lines_and_no_function_over_80() {
    let found = too_long();
    assert!(
        found.is_empty(),
        "over {MAX_FILE_LINES} lines a file or {MAX_FN_LINES} a function (split by concept):\n{}",
        found.join("\n")
    );
}

#[test]
fn a_function_is_measured_from_fn_to_its_closing_brace() {
    let lines = |n: usize| "let x = 1;\n".repeat(n);
    let source = format!(
        "/// Doc.\n/// More doc.\nfn exactly_80() {{\n{}}}\n\
         #[cfg(test)]\nmod tests {{ fn in_a_test() {{\n{}}} }}\n\
         impl A {{ fn over_80() {{\n{}}} }}\n",
        lines(78),
        lines(156),
        lines(79)
    );
    let file = syn::parse_file(&source).unwrap();
    let mut functions = LongFunctions {
        path: "x.rs",
        found: Vec::new(),
    };
    functions.visit_file(&file);
    assert_eq!(functions.found, ["x.rs:242 fn over_80 (81 lines)"]);
}
