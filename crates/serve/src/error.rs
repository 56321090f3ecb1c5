//! The one error envelope: `{"error": {"status": 404, "code": "not_found",
//! "message": "..."}}` as JSON, or the same on an HTML page.

use accord_store::{ErrorKind, StoreError};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    #[serde(serialize_with = "status_code")]
    pub status: StatusCode,
    /// A stable word for programs: `bad_parameter`, `not_found`, ...
    pub code: &'static str,
    /// What was wrong and what to do, for people.
    pub message: String,
}

fn status_code<S: serde::Serializer>(s: &StatusCode, ser: S) -> Result<S::Ok, S::Error> {
    ser.serialize_u16(s.as_u16())
}

/// The JSON body of an error.
#[derive(Serialize)]
pub struct Envelope<'a> {
    pub error: &'a ApiError,
}

impl ApiError {
    pub fn bad_parameter(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::BAD_REQUEST, code: "bad_parameter", message: message.into() }
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::NOT_FOUND, code: "not_found", message: message.into() }
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, code: "internal", message: message.into() }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e.kind {
            ErrorKind::UnknownCountry | ErrorKind::NoRecord => ApiError::not_found(e.message),
            ErrorKind::BadArgument => ApiError::bad_parameter(e.message),
            _ => {
                tracing::error!("database: {}", e.message);
                ApiError::internal(format!("the knowledge base could not be read: {}", e.message))
            }
        }
    }
}

/// The answer to a handler that panicked (a bug): a 500 envelope in JSON,
/// which both browsers and programs can read.
pub(crate) fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let err = ApiError::internal("the server hit a bug while answering; the request was not completed");
    json_error(&err)
}

/// An error as its JSON envelope, with its status.
pub(crate) fn json_error(e: &ApiError) -> Response {
    (e.status, Json(Envelope { error: e })).into_response()
}
