//! Domain values shared by server and browser, each parsed once at the edge and trusted after.

pub mod email;
pub mod enterprise_number;
pub mod enterprise_status;
pub mod ids;
pub mod implicit_access;
pub mod language;
pub mod localized_name;
mod mod97;
pub mod nrn;
pub mod password_policy;
pub mod person_name;
pub mod text;

pub use email::{Email, EmailError};
pub use enterprise_number::{EnterpriseNumber, EnterpriseNumberError};
pub use enterprise_status::EnterpriseStatus;
pub use ids::{DomainId, EnterpriseId, GroupId, PersonId, ServiceId};
pub use implicit_access::ImplicitAccess;
pub use language::{Language, LanguageError};
pub use localized_name::LocalizedName;
pub use nrn::{Nrn, NrnError, NrnKind};
pub use password_policy::PasswordPolicyError;
pub use person_name::PersonName;
pub use text::NameError;
