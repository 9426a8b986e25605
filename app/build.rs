//! The translations (`locales/*.ftl`) are embedded by `fluent_templates::static_loader!`,
//! which reads the directory when it expands: a language file added later would not
//! rebuild the app without this.
fn main() {
    println!("cargo::rerun-if-changed=../locales");
}
