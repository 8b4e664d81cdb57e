//! The one error type of the application: every server function returns it, every page shows it.
//!
//! Each variant carries a stable machine code (for the API and logs), an HTTP status and a
//! translated message. Details that could help an attacker (SQL, paths) never leave the server:
//! they are logged there and the client sees `internal`.

use crate::i18n::{Locale, td_string};
use http::StatusCode;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

mod activation;

pub use activation::ActivationError;

/// An error a request can end with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AppError {
    /// No valid session.
    #[error("authentication required")]
    Unauthenticated,
    /// Signed in, but the policy refuses the action.
    #[error("forbidden")]
    Forbidden,
    /// The target does not exist (or is not visible to the actor).
    #[error("not found")]
    NotFound,
    /// A field of the request failed validation; `field` names it for the form.
    #[error("invalid input in field `{field}`")]
    InvalidInput {
        /// The form field or argument that was refused.
        field: String,
    },
    /// The state changed since the client read it.
    #[error("conflict")]
    Conflict,
    /// The request's body is larger than any the endpoint accepts.
    #[error("request too large")]
    TooLarge,
    /// The endpoint exists but not for this HTTP method.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// Too many attempts from this account or address.
    #[error("rate limited")]
    RateLimited,
    /// A dependency (the database) is not reachable right now.
    #[error("service unavailable")]
    Unavailable,
    /// A bug or an unexpected failure; the details are in the server log.
    #[error("internal error")]
    Internal,
    /// An enterprise activation was refused; `reason` says why.
    #[error("activation refused: {reason}")]
    #[serde(rename = "activation_refused")]
    Activation {
        /// Why.
        reason: ActivationError,
    },
    /// The policy refused the action; `reason` names the rule.
    #[error("refused: {reason}")]
    Refused {
        /// Which rule.
        reason: crate::policy::Refusal,
    },
    /// Sign-in refused: unknown person, wrong password or wrong code (deliberately not which).
    #[error("sign-in refused")]
    SignInRefused,
    /// The request never got a proper answer (network down, malformed response).
    #[error("transport error: {message}")]
    Transport {
        /// What the client library reported.
        message: String,
    },
}

impl AppError {
    /// Every variant once, for exhaustive tests of codes, statuses and messages.
    pub fn examples() -> Vec<AppError> {
        vec![
            AppError::Unauthenticated,
            AppError::Forbidden,
            AppError::NotFound,
            AppError::InvalidInput {
                field: "nrn".into(),
            },
            AppError::Conflict,
            AppError::TooLarge,
            AppError::MethodNotAllowed,
            AppError::RateLimited,
            AppError::Unavailable,
            AppError::Internal,
            AppError::Activation {
                reason: ActivationError::WrongCode,
            },
            AppError::Refused {
                reason: crate::policy::Refusal::GroupTaken,
            },
            AppError::SignInRefused,
            AppError::Transport {
                message: "offline".into(),
            },
        ]
    }

    /// Stable, machine-readable code; also the `code` field of the JSON form.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::InvalidInput { .. } => "invalid_input",
            AppError::Conflict => "conflict",
            AppError::TooLarge => "too_large",
            AppError::MethodNotAllowed => "method_not_allowed",
            AppError::RateLimited => "rate_limited",
            AppError::Unavailable => "unavailable",
            AppError::Internal => "internal",
            AppError::Activation { .. } => "activation_refused",
            AppError::Refused { .. } => "refused",
            AppError::SignInRefused => "sign_in_refused",
            AppError::Transport { .. } => "transport",
        }
    }

    /// The HTTP status a response carrying this error gets.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::InvalidInput { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict => StatusCode::CONFLICT,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Activation { reason } => reason.status(),
            AppError::Refused { .. } => StatusCode::FORBIDDEN,
            AppError::SignInRefused => StatusCode::UNAUTHORIZED,
            AppError::Transport { .. } => StatusCode::BAD_GATEWAY,
        }
    }

    /// The message shown to a person, in their language.
    pub fn message(&self, locale: Locale) -> &'static str {
        match self {
            AppError::Unauthenticated => td_string!(locale, errors.unauthenticated),
            AppError::Forbidden => td_string!(locale, errors.forbidden),
            AppError::NotFound => td_string!(locale, errors.not_found),
            AppError::InvalidInput { .. } => td_string!(locale, errors.invalid_input),
            AppError::Conflict => td_string!(locale, errors.conflict),
            AppError::TooLarge => td_string!(locale, errors.too_large),
            AppError::MethodNotAllowed => td_string!(locale, errors.method_not_allowed),
            AppError::RateLimited => td_string!(locale, errors.rate_limited),
            AppError::Unavailable => td_string!(locale, errors.unavailable),
            AppError::Internal => td_string!(locale, errors.internal),
            AppError::Activation { reason } => reason.message(locale),
            AppError::Refused { reason } => reason.message(locale),
            AppError::SignInRefused => td_string!(locale, sign_in_errors.refused),
            AppError::Transport { .. } => td_string!(locale, errors.transport),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => AppError::InvalidInput {
                field: "request".into(),
            },
            ServerFnErrorErr::Request(message) | ServerFnErrorErr::Response(message) => {
                AppError::Transport { message }
            }
            ServerFnErrorErr::Registration(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_)
            | ServerFnErrorErr::MiddlewareError(_)
            | ServerFnErrorErr::Serialization(_)
            | ServerFnErrorErr::ServerError(_) => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// Sets this error's status on the current response, then hands the error back, so a server
    /// function can end with `return Err(AppError::Forbidden.respond())`.
    pub fn respond(self) -> Self {
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(self.status());
        }
        self
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => AppError::NotFound,
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                tracing::warn!(%error, "database unavailable");
                AppError::Unavailable
            }
            other => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_error_has_a_distinct_code_and_an_error_status() {
        let examples = AppError::examples();
        let codes: HashSet<_> = examples.iter().map(AppError::code).collect();
        assert_eq!(codes.len(), examples.len());
        for error in &examples {
            let status = error.status();
            assert!(
                status.is_client_error() || status.is_server_error(),
                "{error:?}: {status}"
            );
        }
    }

    #[test]
    fn every_error_is_translated_into_every_language() {
        for error in AppError::examples() {
            let english = error.message(Locale::en);
            assert!(!english.is_empty());
            for locale in [Locale::de, Locale::fr, Locale::nl] {
                let message = error.message(locale);
                assert!(!message.is_empty());
                assert_ne!(
                    message, english,
                    "{error:?} is not translated into {locale:?}"
                );
            }
        }
    }

    #[test]
    fn json_form_carries_the_code_and_round_trips() {
        for error in AppError::examples() {
            let json = serde_json::to_value(&error).expect("serialize");
            assert_eq!(json["code"], error.code());
            let back: AppError = serde_json::from_value(json).expect("deserialize");
            assert_eq!(back, error);
        }
    }

    #[test]
    fn server_fn_encoding_round_trips() {
        for error in AppError::examples() {
            assert_eq!(AppError::de(error.ser()), error);
        }
    }

    #[test]
    fn bad_request_arguments_become_invalid_input() {
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Args("nrn".into()));
        assert_eq!(error.code(), "invalid_input");
        assert_eq!(error.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}
