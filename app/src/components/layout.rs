//! Each portal's frame: its own look (a theme class), header and footer, with a link to
//! the other portal so that a person in the wrong place finds the right one.
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::api::{current_user, Role, SessionUser};
use crate::i18n::{t, t_with};
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
pub fn PortalLayout(
    portal: Portal,
    #[prop(into)] title: String,
    children: Children,
) -> impl IntoView {
    let user = Resource::new_blocking(|| (), |_| current_user());
    provide_context(CurrentUser(user));
    let other = portal.other();
    view! {
        <Title text=format!("{title} · {}", portal.name()) />
        <Meta name="description" content=portal.description() />
        <div class=format!("page {}", portal.theme())>
            <a class="skip-link" href="#main">
                {t("layout-skip-to-main")}
            </a>
            <header class="site-header">
                <div class="site-header__inner">
                    <a class="site-header__brand" href=portal.prefix()>
                        <span class="site-header__mark" aria-hidden="true"></span>
                        {portal.name()}
                    </a>
                    <LanguageSwitcher />
                    <nav class="site-header__nav" aria-label=t("layout-account-nav") id="account-nav" data-refresh="">
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
                        {t_with("layout-looking-for", &[("portal", other.name())])}
                        " "
                        <a href=other.prefix()>{t("layout-go-to")}</a>
                    </p>
                    <p>
                        <a href=portal.path("/privacy")>{t("layout-privacy-policy")}</a>
                        " · "
                        <a href=portal.path("/terms")>{t("layout-terms")}</a>
                        " · "
                        <a href="/">{t("layout-product")}</a>
                    </p>
                </div>
            </footer>
        </div>
    }
}

#[component]
fn SignedOut(portal: Portal) -> impl IntoView {
    view! {
        <a class="site-header__link site-header__link--secondary" href=portal.path("/log-in")>
            {t("layout-log-in")}
        </a>
        <a class="site-header__link site-header__link--primary" href=portal.path("/register")>
            {t("layout-register")}
        </a>
    }
}

/// A signed-in person's links, twice: in one row on a wide screen, and behind a "Menu"
/// disclosure on a narrow one (`<details>`, so it opens without JavaScript too). The
/// stylesheet shows one of the two; the hidden one (`display: none`) is out of the
/// accessibility tree, so a screen reader meets each link once.
#[component]
fn SignedIn(portal: Portal, user: SessionUser) -> impl IntoView {
    view! {
        <div class="account-nav__row">
            <AccountLinks portal user=user.clone() in_menu=false />
        </div>
        <AccountMenu>
            <AccountLinks portal user in_menu=true />
        </AccountMenu>
    }
}

/// The phone's "Menu": a disclosure holding the account's links.
#[component]
pub fn AccountMenu(children: Children) -> impl IntoView {
    view! {
        <details class="account-menu">
            <summary class="account-menu__toggle">{t("layout-menu")}</summary>
            <div class="account-menu__items">{children()}</div>
        </details>
    }
}

/// The account's links. In the menu the profile is "Your profile" rather than the
/// person's name: the name already stands in the row (hidden on a phone), and tests and
/// screen readers find it once.
#[component]
fn AccountLinks(portal: Portal, user: SessionUser, in_menu: bool) -> impl IntoView {
    let profile = if in_menu {
        t("layout-your-profile")
    } else {
        user.first_name.clone()
    };
    let manage = match user.role {
        Role::Member => None,
        Role::CustomerAdmin => Some(
            view! {
                <a class="site-header__link" href=portal.path("/approvals") rel="external">{t("layout-approvals")}</a>
                <a class="site-header__link" href=portal.path("/contacts") rel="external">{t("layout-contacts")}</a>
            }
            .into_any(),
        ),
        Role::Admin => Some(
            view! {
                <a class="site-header__link" href="/admin" rel="external">{t("layout-administration")}</a>
            }
            .into_any(),
        ),
    };
    view! {
        {manage}
        <a class="site-header__link site-header__user" href=portal.path("/profile") title=t("layout-your-profile")>
            {profile}
        </a>
        <a class="site-header__link" href=portal.path("/security")>{t("layout-security")}</a>
        // A plain post: with JavaScript the islands router sends it and shows the page
        // it leads to, without a load.
        <form method="post" action=portal.path("/log-out")>
            <button class="site-header__link site-header__button" type="submit">
                {t("layout-log-out")}
            </button>
        </form>
    }
}

/// The other languages, each a button in its own language, posted to the switcher with
/// the page to come back to. A plain post (`data-reload`): the whole page changes.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let back = format!(
        "{}{}",
        location.pathname.get_untracked(),
        location
            .search
            .with_untracked(|search| if search.is_empty() {
                String::new()
            } else {
                format!("?{search}")
            })
    );
    #[cfg(feature = "ssr")]
    let others: Vec<(&'static str, String)> = {
        let current = crate::i18n::lang();
        crate::i18n::Lang::all()
            .filter(|lang| *lang != current)
            .map(|lang| (lang.tag(), lang.text("language-name")))
            .collect()
    };
    #[cfg(not(feature = "ssr"))]
    let others: Vec<(&'static str, String)> = Vec::new();
    view! {
        <form
            class="language-switcher"
            method="post"
            action=crate::i18n::SWITCH_PATH
            data-reload=""
            aria-label=t("layout-language")
        >
            <input type="hidden" name="back" value=back />
            {others
                .into_iter()
                .map(|(tag, name)| {
                    view! {
                        <button class="language-switcher__button" type="submit" name="lang" value=tag lang=tag>
                            {name}
                        </button>
                    }
                })
                .collect_view()}
        </form>
    }
}
