//! Domain values shared by server and browser, each parsed once at the edge and trusted after.

pub mod email;
pub mod enterprise_number;
pub mod ids;
pub mod language;
mod mod97;
pub mod nrn;
pub mod person_name;
pub mod text;

pub use email::{Email, EmailError};
pub use enterprise_number::{EnterpriseNumber, EnterpriseNumberError};
pub use ids::{DomainId, EnterpriseId, GroupId, PersonId, ServiceId};
pub use language::{Language, LanguageError};
pub use nrn::{Nrn, NrnError, NrnKind};
pub use person_name::PersonName;
pub use text::NameError;
