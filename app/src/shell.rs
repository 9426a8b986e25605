//! The HTML document around every page: its head, the scripts that hydrate the page's
//! islands (and the islands router), and the Content-Security-Policy that allows those
//! scripts and nothing else.
use leptos::prelude::*;
use leptos_meta::MetaTags;

use crate::App;

/// Stops the islands router from sending a form whose island has not taken over yet
/// (its code is still loading): that form posts the plain way and the server answers
/// with the whole page. (Once attached, an island marks its root `data-enhanced` and
/// sends its form itself.) Forms marked `data-reload` always post the plain way: their
/// answer changes the page's structure (a notice, a list), which the router's node-by-node
/// diff cannot apply (it would mix old and new nodes). Registered in the capture phase,
/// before the router's own listener on `window` would see the event.
pub const FORMS_BEFORE_ISLANDS: &str = "document.addEventListener(\"submit\",function(e){var f=e.target;if(f.closest&&(f.hasAttribute(\"data-reload\")||f.closest(\"leptos-island\")&&!f.closest(\"[data-enhanced]\")))e.stopPropagation()},true)";

/// Loads `/passkeys.js` for the pages that offer passkeys, and for no other page. Where a
/// passkey is added or is the second step (`data-passkeys="add"`, `"second-factor"`), at
/// once; on the log-in pages, where most visitors use their password, at the person's
/// first focus, press or key (the email field's autofill offers passkeys from then on),
/// so that the first visit stays as light as before. The log-in page's button is shown
/// here when the browser has WebAuthn; a press on it before the script is ready is marked
/// `data-pressed`, and the script carries it out. (Scripts that the router's DOM diff
/// inserts do not run, hence this loader; and it imports the module rather than adding a
/// `<script>`, because the router diffs the whole document node by node and an extra node
/// would misalign it.)
pub const PASSKEYS_WHEN_NEEDED: &str = "(function(){var d=document,l=0,k=\"[data-passkeys]\";function load(){if(!l&&d.querySelector(k)){l=1;import(\"/passkeys.js\")}}new MutationObserver(function(){if(d.querySelector(\"[data-passkeys]:not([data-passkeys=log-in])\"))load();if(window.PublicKeyCredential)d.querySelectorAll(\"[data-passkeys=log-in] [data-passkey-action][hidden]\").forEach(function(b){b.hidden=false})}).observe(d.documentElement,{childList:true,subtree:true});[\"focusin\",\"pointerdown\",\"keydown\"].forEach(function(t){d.addEventListener(t,load,true)});d.addEventListener(\"click\",function(e){var b=e.target.closest&&e.target.closest(\"[data-passkey-action]\");if(b&&!window.passkeysReady)b.setAttribute(\"data-pressed\",\"\")},true)})()";

/// Switching language reloads the page in the other language (the switcher is a plain
/// post to `crate::i18n::SWITCH_PATH`), which would empty a half-filled form. What the
/// person typed into the page's forms is kept across that reload in the tab's
/// `sessionStorage` (never in a URL), passwords, hidden fields and the Security Code
/// excepted, and put back once, before the islands hydrate. A few hundred bytes of plain
/// script here rather than in the WASM: the WASM's share of the log-in page's 80 KB budget
/// is spent. (On the window while capturing: `FORMS_BEFORE_ISLANDS` stops a `data-reload`
/// form's submit at the document.) Without JavaScript the switch shows the forms empty.
pub const KEEP_FIELDS_ON_SWITCH: &str = r#"(function(){var K="portico-kept-fields",d=document,s;try{s=sessionStorage}catch(e){return}function inputs(){return Array.prototype.filter.call(d.querySelectorAll("[data-form] input"),function(i){return i.name&&!/captcha|security_code/.test(i.name)&&!/^(password|hidden|submit|button|file)$/.test(i.type)})}function choice(i){return i.type=="checkbox"||i.type=="radio"}addEventListener("submit",function(e){var f=e.target;if(f.getAttribute&&f.getAttribute("action")=="/language"){var k=[location.pathname];inputs().forEach(function(i){if(i.value&&(!choice(i)||i.checked))k.push([i.name,i.value])});s.setItem(K,JSON.stringify(k))}},true);d.addEventListener("DOMContentLoaded",function(){var k=s.getItem(K);if(!k)return;s.removeItem(K);try{k=JSON.parse(k)}catch(e){return}if(k[0]!=location.pathname)return;inputs().forEach(function(i){var v=k.slice(1).filter(function(p){return p[0]==i.name}).map(function(p){return p[1]});if(choice(i))i.checked=v.indexOf(i.value)>=0;else if(v.length)i.value=v[0]})})})()"#;

/// The HTML document around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let hydrated = hydrated_here();
    #[cfg(feature = "ssr")]
    csp::set_header();
    let nonce = leptos::nonce::use_nonce();
    view! {
        <!DOCTYPE html>
        <html lang=crate::i18n::lang().tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" id="leptos" href=stylesheet_href(&options) />
                {hydrated.then(|| view! {
                    <script nonce=nonce.clone()>{format!("{FORMS_BEFORE_ISLANDS};{PASSKEYS_WHEN_NEEDED};{KEEP_FIELDS_ON_SWITCH}")}</script>
                    <HydrationScripts options islands=true islands_router=true />
                })}
                // The administration's log-in offers passkeys without islands.
                {(!hydrated && offers_passkeys_without_islands()).then(|| view! {
                    <script nonce=nonce>{PASSKEYS_WHEN_NEEDED}</script>
                })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Whether the page being rendered is a server-only page with a passkey log-in.
fn offers_passkeys_without_islands() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .is_some_and(|parts| parts.uri.path() == crate::pages::admin::log_in::PATH)
    }
    #[cfg(not(feature = "ssr"))]
    false
}

/// Whether the page being rendered has islands to hydrate (not [`is_server_only`]).
fn hydrated_here() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .is_none_or(|parts| !crate::is_server_only(parts.uri.path()))
    }
    #[cfg(not(feature = "ssr"))]
    true
}

/// The stylesheet's address, with the content hash cargo-leptos gave it (so that it can
/// be cached for good). Read once from the hash file beside the server binary. The dev
/// mailbox links it too.
pub fn stylesheet_href(options: &LeptosOptions) -> String {
    static HREF: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HREF.get_or_init(|| {
        let hash = options
            .hash_files
            .then(|| {
                let file = std::env::current_exe()
                    .ok()?
                    .parent()?
                    .join(&*options.hash_file);
                let hashes = std::fs::read_to_string(file).ok()?;
                hashes.lines().find_map(|line| {
                    let (name, hash) = line.split_once(':')?;
                    (name.trim() == "css").then(|| format!(".{}", hash.trim()))
                })
            })
            .flatten()
            .unwrap_or_default();
        format!(
            "/{}/{}{hash}.css",
            options.site_pkg_dir, options.output_name
        )
    })
    .clone()
}

/// The Content-Security-Policy of every page: scripts only with this response's nonce
/// (the hydration loader and the router) or from this site (the WASM's JavaScript), the
/// WASM compiled with `'wasm-unsafe-eval'`; nothing inline otherwise; no framing, no
/// plugins, forms posted only here.
#[cfg(feature = "ssr")]
pub mod csp {
    use leptos::prelude::*;

    pub fn policy(nonce: &str) -> String {
        format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        )
    }

    pub fn set_header() {
        let (Some(nonce), Some(response)) = (
            leptos::nonce::use_nonce(),
            use_context::<leptos_axum::ResponseOptions>(),
        ) else {
            return;
        };
        if let Ok(value) = http::HeaderValue::from_str(&policy(&nonce.to_string())) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

#[cfg(test)]
mod keep_fields_tests {
    use super::KEEP_FIELDS_ON_SWITCH;

    #[test]
    fn the_kept_fields_script_listens_for_the_language_switchers_own_path() {
        let action = format!("\"{}\"", crate::i18n::SWITCH_PATH);
        assert!(KEEP_FIELDS_ON_SWITCH.contains(&action));
    }

    #[test]
    fn the_kept_fields_script_never_keeps_passwords_or_hidden_fields() {
        assert!(KEEP_FIELDS_ON_SWITCH.contains("password|hidden"));
    }
}
