//! The browser's entry point: hydrates the islands of the server-rendered page.
// The islands are wasm-bindgen exports of `app`; nothing else here names the crate, and
// without this it would not be linked and the exports would vanish.
extern crate app;

// Talc instead of the standard library's dlmalloc: a few kilobytes less of the WASM,
// which every first visit downloads (the log-in page's budget is 80 KB in all).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Readable panics in development builds only: the hook's formatting code would be
    // in every visitor's download.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
