//! Typed database ids, so an enterprise id can never be passed where a person id is meant.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// An enterprise.
    EnterpriseId
);
id_type!(
    /// A person (user or administrator), across enterprises.
    PersonId
);
id_type!(
    /// A domain of the catalogue.
    DomainId
);
id_type!(
    /// A group (enterprise role) of the catalogue.
    GroupId
);
id_type!(
    /// An online service of the catalogue.
    ServiceId
);
