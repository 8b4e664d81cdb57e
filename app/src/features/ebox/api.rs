//! The e-Box endpoints: each reads or marks only the signed-in person's own messages in the
//! enterprise they act for.

use super::EboxPage;
use crate::AppError;
#[cfg(feature = "ssr")]
use crate::features::auth::request::{Caller, caller};
use leptos::prelude::*;

/// A page of the signed-in person's e-Box.
#[server(endpoint = "ebox/list")]
pub async fn read_ebox(after: Option<String>) -> Result<EboxPage, AppError> {
    let Caller { acting, db, .. } = caller().await?;
    super::inbox::page(&db, acting.enterprise, acting.person, after.as_deref())
        .await
        .map_err(AppError::respond)
}

/// Marks one of the signed-in person's messages read.
#[server(endpoint = "ebox/read")]
pub async fn mark_message_read(id: i64) -> Result<(), AppError> {
    let Caller { acting, db, .. } = caller().await?;
    super::inbox::mark_read(&db, acting.enterprise, acting.person, id)
        .await
        .map_err(AppError::respond)
}
