//! The pointer, watched: an error drawn while a click is in progress would move what is
//! under the pointer between press and release, and the click would land elsewhere or
//! be lost, so such drawing waits for the release.
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;

use super::browser::listen;

/// Something to do once the pointer is released.
type Deferred = Box<dyn FnOnce()>;

/// Whether a pointer button is down, and what to do once it is released.
#[derive(Clone)]
pub(super) struct PointerWatch {
    down: Rc<Cell<bool>>,
    after: Rc<RefCell<Vec<Deferred>>>,
}

impl PointerWatch {
    pub(super) fn start() -> Self {
        let watch = Self {
            down: Rc::new(Cell::new(false)),
            after: Rc::new(RefCell::new(Vec::new())),
        };
        let document: web_sys::EventTarget = document().into();
        let down = watch.down.clone();
        listen(&document, "pointerdown", move |_| down.set(true));
        for released in ["pointerup", "pointercancel"] {
            let watch = watch.clone();
            listen(&document, released, move |_| {
                watch.down.set(false);
                let waiting: Vec<_> = watch.after.borrow_mut().drain(..).collect();
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
            self.after.borrow_mut().push(Box::new(run));
        } else {
            run();
        }
    }
}
