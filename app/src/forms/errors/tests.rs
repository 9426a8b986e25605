use super::*;

#[test]
fn every_field_is_found_by_its_id() {
    for field in Field::ALL {
        assert_eq!(Field::of_id(field.id()), Some(field));
    }
    assert_eq!(Field::of_id("nope"), None);
}

#[test]
fn a_field_keeps_its_first_error_only() {
    let mut errors = FieldErrors::new();
    errors.add(Field::Email, "first");
    errors.add(Field::Email, "second");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors.get(Field::Email).unwrap().message, "first".into());
}

#[test]
fn replacing_a_field_takes_the_fresh_error_or_clears_it() {
    let mut shown = FieldErrors::one(Field::Email, "old");
    shown.add(Field::Password, "keep");
    shown.replace_field(Field::Email, &FieldErrors::new());
    assert!(shown.get(Field::Email).is_none());
    assert!(shown.get(Field::Password).is_some());
    shown.replace_field(Field::Email, &FieldErrors::one(Field::Email, "new"));
    assert_eq!(shown.get(Field::Email).unwrap().message, "new".into());
    shown.replace_field(Field::Password, &FieldErrors::one(Field::Password, "fresh"));
    let order: Vec<Field> = shown.iter().map(|e| e.field).collect();
    assert_eq!(
        order,
        [Field::Password, Field::Email],
        "replaced in its place"
    );
}
