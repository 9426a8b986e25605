//! Who a person is to Portico: one of our administrators, or a company's customer
//! administrator. (Their rights follow from this in `session::caller`.)
use crate::db::entities::user::{self, UserKind, UserRole};

pub fn is_administrator(user: &user::Model) -> bool {
    user.kind == UserKind::Staff && user.role == UserRole::Admin
}

pub fn is_customer_admin(user: &user::Model) -> bool {
    user.kind == UserKind::Contact && user.role == UserRole::CustomerAdmin
}
