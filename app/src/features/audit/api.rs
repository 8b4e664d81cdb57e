//! The Audit page's endpoint.

use super::{AuditPage, AuditQuery};
use crate::AppError;
use leptos::prelude::*;

/// A page of the acting enterprise's audit trail; its main access manager and co-main access
/// managers only.
#[server(endpoint = "audit/list")]
pub async fn list_audit(#[server(default)] query: AuditQuery) -> Result<AuditPage, AppError> {
    use super::list::{ListError, list};
    use crate::platform::request;
    let acting = request::acting().await?;
    crate::policy::may_read_audit(acting.roles)
        .map_err(|reason| AppError::Refused { reason }.respond())?;
    let db = request::database()?;
    list(&db, acting.enterprise, &query)
        .await
        .map_err(|error| match error {
            ListError::InvalidFilter(field) => AppError::InvalidInput {
                field: field.to_owned(),
            }
            .respond(),
            ListError::Database(e) => AppError::from(e).respond(),
        })
}
