//! Notices to a person about how they log in: a factor added or removed, a recovery code
//! used, their second factors reset, their second step locked. Written in the
//! transaction of the change they tell of (the outbox), so that a change is never made
//! untold. Here because several areas and the session kernel change factors.
use app::forms::Message;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr};

use crate::db::entities::user;
use crate::mail::templates;
use crate::mail::{language_of, outbox};
use crate::services::Portico;

impl Portico {
    /// Tells a person, by email, what changed in how they log in (in `txn`).
    pub(crate) async fn tell<C: ConnectionTrait>(
        &self,
        txn: &C,
        person: &user::Model,
        what: Message,
        now: DateTime<Utc>,
    ) -> Result<(), DbErr> {
        let portal = person.kind.portal();
        let email = templates::security_notice(
            language_of(person),
            portal,
            &person.email,
            &person.first_name,
            what,
            self.link(portal, "/security"),
        );
        outbox::enqueue(txn, &email, now).await
    }
}
