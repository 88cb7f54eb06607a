//! Glossary tooltips on touch screens and under the Escape key.
//!
//! The content pipeline writes each linked term as a link with its tooltip
//! beside it, and CSS shows the tooltip on hover and on keyboard focus; screen
//! readers hear it as the link's description. Two things need code, attached to
//! the element that holds a page's prose:
//!
//! - **A tap** on a touch screen would follow the link at once, so the first tap
//!   opens the tooltip instead (`data-open` on the `.term-wrap`); a second tap on
//!   the same term follows the link to the glossary. A tap elsewhere closes it.
//! - **Escape** hides a tooltip that is showing (`data-dismissed`) until focus or
//!   the pointer leaves the term, as WCAG 1.4.13 asks of content on hover or focus.
//!
//! Without JavaScript a tap simply opens the glossary page at the term.

use leptos::ev::{FocusEvent, KeyboardEvent, MouseEvent, PointerEvent};
use leptos::prelude::*;

/// What a click on a term does.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tap {
    /// Show the tooltip and stay on the page.
    Open,
    /// Let the link take the reader to the glossary.
    Follow,
}

/// The rule: a touch on a closed tooltip opens it; anything else follows the
/// link (a mouse click, the Enter key, or a second touch).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub(crate) fn tap(by_touch: bool, already_open: bool) -> Tap {
    if by_touch && !already_open {
        Tap::Open
    } else {
        Tap::Follow
    }
}

/// The event handlers for one container of prose.
#[derive(Clone, Copy)]
pub(crate) struct TermTips {
    /// Whether the last pointer to go down was a finger or a pen.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    last_touch: StoredValue<bool>,
}

impl TermTips {
    pub(crate) fn new() -> Self {
        Self {
            last_touch: StoredValue::new(false),
        }
    }

    pub(crate) fn pointer_down(self, event: PointerEvent) {
        #[cfg(feature = "hydrate")]
        self.last_touch.set_value(event.pointer_type() != "mouse");
        #[cfg(not(feature = "hydrate"))]
        let _ = (self, event);
    }

    pub(crate) fn click(self, event: MouseEvent) {
        #[cfg(feature = "hydrate")]
        dom::click(self.last_touch.get_value(), &event);
        #[cfg(not(feature = "hydrate"))]
        let _ = (self, event);
    }

    pub(crate) fn key_down(self, event: KeyboardEvent) {
        #[cfg(feature = "hydrate")]
        if event.key() == "Escape" {
            dom::dismiss(&event);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (self, event);
    }

    pub(crate) fn focus_out(self, event: FocusEvent) {
        #[cfg(feature = "hydrate")]
        dom::leave(&event, event.related_target(), true);
        #[cfg(not(feature = "hydrate"))]
        let _ = (self, event);
    }

    pub(crate) fn pointer_out(self, event: PointerEvent) {
        #[cfg(feature = "hydrate")]
        dom::leave(&event, event.related_target(), false);
        #[cfg(not(feature = "hydrate"))]
        let _ = (self, event);
    }
}

#[cfg(feature = "hydrate")]
mod dom {
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{Element, Event, EventTarget, MouseEvent, Node};

    use super::{Tap, tap};

    const WRAP: &str = ".term-wrap";

    fn element(target: Option<EventTarget>) -> Option<Element> {
        target?.dyn_into::<Element>().ok()
    }

    /// Every `.term-wrap` inside the container matching `selector`.
    fn each(event: &Event, selector: &str, mut f: impl FnMut(&Element)) {
        let Some(container) = element(event.current_target()) else {
            return;
        };
        let Ok(found) = container.query_selector_all(selector) else {
            return;
        };
        for i in 0..found.length() {
            if let Some(el) = found.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                f(&el);
            }
        }
    }

    pub(super) fn click(last_touch: bool, event: &MouseEvent) {
        let target = element(event.target());
        let term = target
            .as_ref()
            .and_then(|t| t.closest("a.term").ok().flatten());
        let wrap = term.as_ref().and_then(|t| t.closest(WRAP).ok().flatten());
        let open_wrap = wrap.clone();
        each(event, ".term-wrap[data-open]", |el| {
            if Some(el) != open_wrap.as_ref() {
                let _ = el.remove_attribute("data-open");
            }
        });
        let Some(wrap) = wrap else { return };
        // `detail` is 0 when the keyboard fired the click.
        let by_touch = last_touch && event.detail() > 0;
        if tap(by_touch, wrap.has_attribute("data-open")) == Tap::Open {
            event.prevent_default();
            let _ = wrap.remove_attribute("data-dismissed");
            let _ = wrap.set_attribute("data-open", "");
        }
    }

    pub(super) fn dismiss(event: &Event) {
        let selector = ".term-wrap:hover, .term-wrap:focus-within, .term-wrap[data-open]";
        each(event, selector, |el| {
            let _ = el.remove_attribute("data-open");
            let _ = el.set_attribute("data-dismissed", "");
        });
    }

    /// Forgets an Escape once focus or the pointer has left the term entirely;
    /// losing focus also closes a tooltip a tap opened. (A finger lifting fires
    /// `pointerout` too, so the pointer leaving must not close it.)
    pub(super) fn leave(event: &Event, going_to: Option<EventTarget>, close: bool) {
        let Some(wrap) = element(event.target()).and_then(|t| t.closest(WRAP).ok().flatten())
        else {
            return;
        };
        let still_inside = going_to
            .and_then(|t| t.dyn_into::<Node>().ok())
            .is_some_and(|node| wrap.contains(Some(&node)));
        if !still_inside {
            let _ = wrap.remove_attribute("data-dismissed");
            if close {
                let _ = wrap.remove_attribute("data-open");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_touch_opens_first_and_follows_second() {
        assert_eq!(tap(true, false), Tap::Open);
        assert_eq!(tap(true, true), Tap::Follow);
        assert_eq!(tap(false, false), Tap::Follow, "mouse and keyboard follow");
    }
}
