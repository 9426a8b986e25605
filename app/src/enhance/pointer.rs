//! The pointer, watched: an error drawn while a click is in progress would move what is
//! under the pointer between press and release, and the click would land elsewhere or
//! be lost, so such drawing waits for the release.
use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;

use super::dom::listen;

/// Something to do once the pointer is released.
type Deferred = Box<dyn FnOnce()>;

/// Whether a pointer button is down, and what to do once it is released. (`Cell`s, taken
/// and put back, rather than a `RefCell`: a borrow's panic message would carry this
/// file's name into the WASM.)
#[derive(Clone)]
pub(super) struct PointerWatch {
    down: Rc<Cell<bool>>,
    after: Rc<Cell<Vec<Deferred>>>,
}

impl PointerWatch {
    pub(super) fn start() -> Self {
        let watch = Self {
            down: Rc::new(Cell::new(false)),
            after: Rc::new(Cell::new(Vec::new())),
        };
        let document: web_sys::EventTarget = document().into();
        let down = watch.down.clone();
        listen(&document, "pointerdown", move |_| down.set(true));
        for released in ["pointerup", "pointercancel"] {
            let watch = watch.clone();
            listen(&document, released, move |_| {
                watch.down.set(false);
                let waiting = watch.after.take();
                if !waiting.is_empty() {
                    // After this task, in which the click itself is delivered.
                    set_timeout(
                        move || waiting.into_iter().for_each(|run| run()),
                        std::time::Duration::ZERO,
                    );
                }
            });
        }
        watch
    }

    pub(super) fn when_released(&self, run: impl FnOnce() + 'static) {
        if self.down.get() {
            let mut after = self.after.take();
            after.push(Box::new(run));
            self.after.set(after);
        } else {
            run();
        }
    }
}
