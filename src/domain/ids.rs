//! Row ids as their own types, so an account's id is never passed as a method's.

use std::fmt;

macro_rules! id_type {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// A payment account's row id.
    AccountId
);
id_type!(
    /// A linked payment method's row id.
    MethodId
);
id_type!(
    /// A recorded payment's row id.
    TxnId
);
id_type!(
    /// The row id of a cap a person set on an account.
    CapId
);
