//! Each portal's frame: its own look (a theme class), header and footer, with a link to
//! the other portal so that a person in the wrong place finds the right one.
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::api::{current_user, Role, SessionUser};
use crate::portal::Portal;

/// The person logged in, loaded once per page by its layout for everything on it.
#[derive(Clone, Copy)]
pub struct CurrentUser(pub Resource<Result<Option<SessionUser>, ServerFnError>>);

/// The page's [`CurrentUser`]; loads it if the page has no portal layout.
pub fn current_user_resource() -> Resource<Result<Option<SessionUser>, ServerFnError>> {
    use_context::<CurrentUser>()
        .map(|user| user.0)
        .unwrap_or_else(|| Resource::new_blocking(|| (), |_| current_user()))
}

#[component]
pub fn PortalLayout(portal: Portal, title: &'static str, children: Children) -> impl IntoView {
    let user = Resource::new_blocking(|| (), |_| current_user());
    provide_context(CurrentUser(user));
    let other = portal.other();
    view! {
        <Title text=format!("{title} · {}", portal.name()) />
        <Meta name="description" content=portal.description() />
        <div class=format!("page {}", portal.theme())>
            <a class="skip-link" href="#main">
                "Skip to main content"
            </a>
            <header class="site-header">
                <div class="site-header__inner">
                    <a class="site-header__brand" href=portal.prefix()>
                        <span class="site-header__mark" aria-hidden="true"></span>
                        {portal.name()}
                    </a>
                    <nav class="site-header__nav" aria-label="Account" id="account-nav" data-refresh="">
                        <Suspense fallback=|| ()>
                            {move || Suspend::new(async move {
                                match user.await {
                                    Ok(Some(user)) if user.portal == portal => {
                                        view! { <SignedIn portal user /> }.into_any()
                                    }
                                    _ => view! { <SignedOut portal /> }.into_any(),
                                }
                            })}
                        </Suspense>
                    </nav>
                </div>
            </header>
            <main class="site-main" id="main">
                {children()}
            </main>
            <footer class="site-footer">
                <div class="site-footer__inner">
                    <p>
                        {format!("Looking for the {}? ", other.name())}
                        <a href=other.prefix()>{format!("Go to {}", other.prefix())}</a>
                    </p>
                    <p>
                        <a href=portal.path("/privacy")>"Privacy Policy"</a>
                        " · "
                        <a href=portal.path("/terms")>"Terms and Conditions"</a>
                        " · "
                        <a href="/">"Portico"</a>
                    </p>
                </div>
            </footer>
        </div>
    }
}

#[component]
fn SignedOut(portal: Portal) -> impl IntoView {
    view! {
        <a class="site-header__link" href=portal.path("/log-in")>
            "Log in"
        </a>
        <a class="site-header__link site-header__link--primary" href=portal.path("/register")>
            "Register"
        </a>
    }
}

#[component]
fn SignedIn(portal: Portal, user: SessionUser) -> impl IntoView {
    let manage = match user.role {
        Role::Member => None,
        Role::CustomerAdmin => Some(
            view! {
                <a class="site-header__link" href=portal.path("/approvals") rel="external">"Approvals"</a>
                <a class="site-header__link" href=portal.path("/contacts") rel="external">"Contacts"</a>
            }
            .into_any(),
        ),
        Role::Admin => Some(
            view! {
                <a class="site-header__link" href="/admin" rel="external">"Administration"</a>
            }
            .into_any(),
        ),
    };
    view! {
        {manage}
        <a class="site-header__link site-header__user" href=portal.path("/profile") title="Your profile">
            {user.first_name}
        </a>
        <a class="site-header__link" href=portal.path("/security")>"Security"</a>
        // A plain post: with JavaScript the islands router sends it and shows the page
        // it leads to, without a load.
        <form method="post" action=portal.path("/log-out")>
            <button class="site-header__link site-header__button" type="submit">
                "Log out"
            </button>
        </form>
    }
}
