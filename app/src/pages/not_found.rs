use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page not found · Portico" />
        <main class="chooser" id="main">
            <h1>"Page not found"</h1>
            <p>"If you typed the web address, check it is correct."</p>
            <p>
                <a href="/">"Go to the start page"</a>
            </p>
        </main>
    }
}
