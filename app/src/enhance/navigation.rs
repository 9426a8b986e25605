//! Going to another page: through the islands router where it can, with a load where it
//! cannot.
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Goes to another page: through the islands router (a click on a link it handles, so
/// the page changes without a load), or with a load for the pages it does not handle.
pub fn go_to(path: &str) {
    if crate::is_server_only(path.split('?').next().unwrap_or(path)) {
        let _ = window().location().assign(path);
        return;
    }
    let Ok(link) = document().create_element("a") else {
        let _ = window().location().assign(path);
        return;
    };
    let _ = link.set_attribute("href", path);
    let _ = link.set_attribute("hidden", "");
    if let (Some(body), Ok(link)) = (document().body(), link.dyn_into::<HtmlElement>()) {
        let _ = body.append_child(&link);
        link.click();
        link.remove();
    }
}
