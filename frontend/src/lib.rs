//! The browser's entry point: hydrates the islands of the server-rendered page.
// The islands are wasm-bindgen exports of `app`; nothing else here names the crate, and
// without this it would not be linked and the exports would vanish.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Readable panics in development builds only: the hook's formatting code would be
    // in every visitor's download.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
