//! Going to another page, and bringing the parts of this one that a form's success
//! changes up to date (the island's own requests for pages, not for server functions).
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::browser::elements;

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

/// Brings the parts of the page that a form's success changes (marked `data-refresh`,
/// with an id) up to date from a fresh copy of the page, leaving the rest — the forms and
/// what they show — as it is.
pub(super) fn refresh() {
    leptos::task::spawn_local(async {
        let Ok(href) = window().location().href() else {
            return;
        };
        let Ok(page) = fetch_text(&href).await else {
            return;
        };
        let Ok(parser) = web_sys::DomParser::new() else {
            return;
        };
        let Ok(fresh) = parser.parse_from_string(&page, web_sys::SupportedType::TextHtml) else {
            return;
        };
        let Some(body) = document().body() else {
            return;
        };
        for region in elements(&body, "[data-refresh][id]") {
            if let Some(new) = fresh.get_element_by_id(&region.id()) {
                region.set_inner_html(&new.inner_html());
            }
        }
    });
}

async fn fetch_text(href: &str) -> Result<String, wasm_bindgen::JsValue> {
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(window().fetch_with_str(href))
            .await?
            .unchecked_into();
    Ok(wasm_bindgen_futures::JsFuture::from(response.text()?)
        .await?
        .as_string()
        .unwrap_or_default())
}
