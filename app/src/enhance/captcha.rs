//! The Security Code in the browser: ticking the box is the whole check. The question the
//! server renders for browsers without JavaScript is removed, and ticking starts the
//! proof-of-work solver at once, in slices so that the page stays responsive; its
//! progress is written into a polite live region ("Checking…", "Done"). A submission
//! that comes while it works waits for it ([`when_solved`]). The challenge lives in the
//! markup's data attributes. The server spends a challenge on any refusal after the
//! check, and its refusal brings a new one ([`replace`]): that one is solved at once,
//! without the person, while the box stays ticked.
use crate::captcha::CaptchaChallenge;

/// Replaces the page's challenge with a new one (after a refused registration) and, if
/// the box is ticked, solves it.
pub fn replace(challenge: &CaptchaChallenge) {
    #[cfg(feature = "hydrate")]
    browser::replace(challenge);
    #[cfg(not(feature = "hydrate"))]
    let _ = challenge;
}

#[cfg(feature = "hydrate")]
pub(super) use browser::{attach, is_solving, when_solved};

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use std::time::Duration;

    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlElement, HtmlInputElement};

    use crate::captcha::{solve_within, target, CaptchaChallenge};
    use crate::data_attributes as attribute;
    use crate::enhance::dom::listen;

    /// Numbers tried between two chances for the browser to paint and handle input: a
    /// few milliseconds' work.
    const SLICE: u64 = 5_000;

    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Unsolved,
        Solving,
        Solved,
    }

    struct SecurityCode {
        toggle: HtmlInputElement,
        token: HtmlInputElement,
        /// The number found; it carries the challenge in its data attributes.
        solution: HtmlInputElement,
        status: HtmlElement,
        state: Cell<State>,
        /// Raised by every start and every new challenge: an older run stops.
        run: Cell<u32>,
        /// What waits for the solver to finish (a submission).
        waiting: RefCell<Vec<Box<dyn FnOnce()>>>,
        /// Takes the field's error away once the person's tick has solved the check.
        on_solved: Box<dyn Fn()>,
    }

    thread_local! {
        /// The page's Security Code (a page has at most one).
        static CURRENT: RefCell<Option<Rc<SecurityCode>>> = const { RefCell::new(None) };
    }

    fn part<T: JsCast>(root: &Element, name: &str) -> Option<T> {
        root.query_selector(&format!("[data-captcha-{name}]"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<T>().ok())
    }

    /// Removes the question and makes ticking the box start the solver.
    pub fn attach(root: &HtmlElement, on_solved: impl Fn() + 'static) {
        let (Some(toggle), Some(token), Some(solution), Some(status)) = (
            part::<HtmlInputElement>(root, "toggle"),
            part::<HtmlInputElement>(root, "token"),
            part::<HtmlInputElement>(root, "solution"),
            part::<HtmlElement>(root, "status"),
        ) else {
            return;
        };
        // With JavaScript the proof of work replaces the question (and its answer field,
        // which would otherwise be sent too).
        if let Some(question) = part::<HtmlElement>(root, "question") {
            question.remove();
        }
        let _ = toggle.remove_attribute("aria-controls");
        let code = Rc::new(SecurityCode {
            toggle,
            token,
            solution,
            status,
            state: Cell::new(State::Unsolved),
            run: Cell::new(0),
            waiting: RefCell::new(Vec::new()),
            on_solved: Box::new(on_solved),
        });
        let ticked = code.clone();
        listen(&code.toggle, "change", move |_| {
            if ticked.toggle.checked() {
                ticked.clone().start(true);
            }
        });
        // Ticked before the page's code had loaded.
        if code.toggle.checked() {
            code.clone().start(true);
        }
        CURRENT.with(|current| *current.borrow_mut() = Some(code));
    }

    /// Whether the Security Code of the form in `root` is being solved.
    pub fn is_solving(root: &HtmlElement) -> bool {
        CURRENT.with(|current| {
            current.borrow().as_ref().is_some_and(|code| {
                code.state.get() == State::Solving && root.contains(Some(code.toggle.as_ref()))
            })
        })
    }

    /// Runs `then` once the solver running now has finished (found the number or not).
    pub fn when_solved(then: impl FnOnce() + 'static) {
        CURRENT.with(|current| match current.borrow().as_ref() {
            Some(code) => code.waiting.borrow_mut().push(Box::new(then)),
            None => then(),
        });
    }

    pub fn replace(challenge: &CaptchaChallenge) {
        let Some(code) = CURRENT.with(|current| current.borrow().clone()) else {
            return;
        };
        code.token.set_value(&challenge.token);
        let solution = &code.solution;
        let _ = solution.set_attribute(attribute::SALT, &challenge.salt);
        let _ = solution.set_attribute(attribute::CHALLENGE, &challenge.challenge);
        let _ = solution.set_attribute(attribute::MAX, &challenge.max_number.to_string());
        solution.set_value("");
        code.state.set(State::Unsolved);
        code.run.set(code.run.get().wrapping_add(1));
        code.status.set_text_content(None);
        // The box stays ticked: the new challenge is solved without the person.
        if code.toggle.checked() {
            code.start(false);
        }
    }

    impl SecurityCode {
        fn start(self: Rc<Self>, clear_error: bool) {
            match self.state.get() {
                State::Solving => return,
                State::Solved => {
                    if clear_error {
                        (self.on_solved)();
                    }
                    return;
                }
                State::Unsolved => {}
            }
            let challenge = self.challenge();
            let Some(target) = target(&challenge) else {
                self.finish(None, false);
                return;
            };
            self.state.set(State::Solving);
            self.run.set(self.run.get().wrapping_add(1));
            self.say("island-captcha-checking");
            let run = self.run.get();
            self.slice(run, Rc::new((challenge, target)), 0, clear_error);
        }

        /// Tries the next slice of numbers after the browser has had its turn (the first
        /// after a paint of "Checking…").
        fn slice(
            self: Rc<Self>,
            run: u32,
            work: Rc<(CaptchaChallenge, [u8; 32])>,
            from: u64,
            clear_error: bool,
        ) {
            let pause = Duration::from_millis(if from == 0 { 16 } else { 0 });
            set_timeout(
                move || {
                    if self.run.get() != run {
                        return;
                    }
                    let (challenge, target) = &*work;
                    let to = from.saturating_add(SLICE - 1).min(challenge.max_number);
                    let found = solve_within(challenge, target, from..=to);
                    if found.is_some() || to >= challenge.max_number {
                        self.finish(found, clear_error);
                    } else {
                        self.slice(run, work, to + 1, clear_error);
                    }
                },
                pause,
            );
        }

        fn finish(&self, found: Option<u64>, clear_error: bool) {
            match found {
                Some(number) => {
                    self.solution.set_value(&number.to_string());
                    self.state.set(State::Solved);
                    self.say("island-captcha-done");
                    if clear_error {
                        (self.on_solved)();
                    }
                }
                None => {
                    self.state.set(State::Unsolved);
                    self.say("island-captcha-failed");
                }
            }
            let waiting: Vec<_> = self.waiting.borrow_mut().drain(..).collect();
            waiting.into_iter().for_each(|then| then());
        }

        fn say(&self, key: &str) {
            self.status.set_text_content(Some(&crate::i18n::t(key)));
        }

        /// The challenge the markup carries.
        fn challenge(&self) -> CaptchaChallenge {
            let read = |name| self.solution.get_attribute(name).unwrap_or_default();
            CaptchaChallenge {
                salt: read(attribute::SALT),
                challenge: read(attribute::CHALLENGE),
                max_number: read(attribute::MAX).parse().unwrap_or_default(),
                ..Default::default()
            }
        }
    }
}
