//! The second look before a destructive action (deleting, rejecting, disabling,
//! resetting, removing, revoking).
//!
//! Such a form's first post does nothing: its server function answers
//! [`crate::api::ActionOutcome::ConfirmFirst`] and the page shows a confirmation step
//! that names who or what is affected (by address, as names repeat) with a Confirm
//! button, which posts the same fields again with `form[confirmed]=yes`. The server
//! function checks it, so a single forged post does not act either.

/// The value the Confirm button posts as `form[confirmed]`.
pub const CONFIRMED: &str = "yes";

/// Whether a form's `confirmed` field says the person confirmed.
pub fn is_confirmed(value: &str) -> bool {
    value == CONFIRMED
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_confirm_buttons_value_confirms() {
        assert!(is_confirmed(CONFIRMED));
        assert!(!is_confirmed(""));
        assert!(!is_confirmed("on"));
    }
}
