//! The Audit page's endpoint.

use super::{AuditPage, AuditQuery};
use crate::AppError;
#[cfg(feature = "ssr")]
use crate::features::auth::request::{Caller, caller};
use leptos::prelude::*;

/// A page of the acting enterprise's audit trail; its main access manager and co-main access
/// managers only.
#[server(endpoint = "audit/list")]
pub async fn list_audit(#[server(default)] query: AuditQuery) -> Result<AuditPage, AppError> {
    use super::list::{ListError, list};
    let Caller { acting, db, .. } = caller().await?;
    list(&db, &acting, &query)
        .await
        .map_err(|error| match error {
            ListError::Refused(reason) => AppError::Refused { reason }.respond(),
            ListError::InvalidFilter(field) => AppError::InvalidInput {
                field: field.to_owned(),
            }
            .respond(),
            ListError::Database(e) => AppError::from(e).respond(),
        })
}
