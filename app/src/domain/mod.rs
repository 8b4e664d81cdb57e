//! Domain values shared by server and browser, each parsed once at the edge and trusted after.

pub mod enterprise_number;
pub mod ids;
mod mod97;
pub mod nrn;

pub use enterprise_number::{EnterpriseNumber, EnterpriseNumberError};
pub use ids::{DomainId, EnterpriseId, GroupId, PersonId, ServiceId};
pub use nrn::{Nrn, NrnError, NrnKind};
