use super::*;

#[test]
fn backoff_doubles_and_is_capped() {
    assert_eq!(backoff(1).num_seconds(), 2);
    assert_eq!(backoff(2).num_seconds(), 4);
    assert_eq!(backoff(5).num_seconds(), 32);
    assert_eq!(backoff(30).num_seconds(), 15 * 60);
}
