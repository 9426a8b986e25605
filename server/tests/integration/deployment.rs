//! The container files the README tells operators to use: compose.yaml is valid YAML and
//! runs exactly the services the README names; the Dockerfile's final image runs the
//! server as an unprivileged user and holds only the server and its site files.
use std::collections::BTreeSet;
use std::path::Path;

use yaml_rust2::YamlLoader;

fn workspace_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The services listed in the README's "In containers" section: "- `name`: …".
fn services_in_readme() -> BTreeSet<String> {
    let readme = workspace_file("README.md");
    let section = readme
        .split("### In containers")
        .nth(1)
        .expect("the README has an \"In containers\" section");
    let section = section.split("\n#").next().unwrap_or_default();
    section
        .lines()
        .filter_map(|line| line.strip_prefix("- `"))
        .filter_map(|rest| rest.split('`').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn compose_runs_the_services_the_readme_names() {
    let documents = YamlLoader::load_from_str(&workspace_file("compose.yaml"))
        .expect("compose.yaml is valid YAML");
    let compose = &documents[0];
    let services: BTreeSet<String> = compose["services"]
        .as_hash()
        .expect("compose.yaml has services")
        .keys()
        .filter_map(|key| key.as_str().map(str::to_owned))
        .collect();
    assert_eq!(services, services_in_readme());
    let portico = &compose["services"]["portico"];
    assert_eq!(
        portico["build"].as_str(),
        Some("."),
        "built from the Dockerfile"
    );
    let environment = &portico["environment"];
    assert!(environment["DATABASE_URL"]
        .as_str()
        .is_some_and(|url| url.starts_with("postgres://") && url.contains("@postgres:")));
    assert!(environment["SMTP_URL"]
        .as_str()
        .is_some_and(|url| url.starts_with("smtp://mailpit:")));
}

#[test]
fn the_image_runs_the_server_alone_as_an_unprivileged_user() {
    let dockerfile = workspace_file("Dockerfile");
    let stages: Vec<&str> = dockerfile.split("\nFROM ").collect();
    assert!(stages.len() >= 3, "a build stage and a final stage");
    let last = stages[stages.len() - 1];
    let user = last
        .lines()
        .find_map(|line| line.strip_prefix("USER "))
        .expect("the final stage names its user");
    assert!(!["root", "0"].contains(&user.trim()));
    let copies: Vec<&str> = last
        .lines()
        .filter(|line| line.starts_with("COPY"))
        .collect();
    assert_eq!(copies, ["COPY --from=build /out/ /app/"]);
    let build = stages[stages.len() - 2];
    assert!(build.contains("cp target/release/server target/release/hash.txt /out/"));
    assert!(build.contains("cp -r target/site /out/site"));
    assert!(last.contains("ENTRYPOINT [\"/app/server\"]"));
}
