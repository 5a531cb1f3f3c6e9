//! Typed codes: every finding and error code the app reports is a variant of one area's enum
//! (declared with `codes!`), so a code cannot be misspelt or defined twice with two texts.
//!
//! [`Code`] is what [`Finding`](crate::checks::finding::Finding) and
//! [`AppError`](crate::foundation::error::AppError) take; it can only be made from an area's
//! enum. On the wire a code stays its SCREAMING_SNAKE string. The full list, area by area, is
//! [`crate::codes::all_codes`].

use std::fmt;

use serde::Serialize;

/// One finding or error code, made from an area's enum (`EnvCode::FileTracked.into()`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Code(&'static str);

impl Code {
    /// For [`codes!`] only: a code exists as a variant of an area's enum, nowhere else.
    #[doc(hidden)]
    pub(crate) const fn from_area(code: &'static str) -> Self {
        Self(code)
    }

    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Code {
    fn eq(&self, other: &String) -> bool {
        self.0 == other.as_str()
    }
}

/// What every area's enum is: a closed list of codes, each with its string.
pub trait CodeArea: Copy + Into<Code> + 'static {
    /// The enum's name (`"EnvCode"`), as [`crate::codes::all_codes`] lists it.
    const AREA: &'static str;
    /// Every code of the area, in declaration order.
    const ALL: &'static [Self];
}

/// Declares one area's codes:
///
/// ```text
/// codes! {
///     /// What `.env*` files report.
///     pub enum EnvCode {
///         /// git tracks a file that holds a secret.
///         FileTracked = "ENV_FILE_TRACKED",
///     }
/// }
/// ```
///
/// Generates the enum (Copy, Eq, Hash, Debug, `Serialize` as the string), `as_str`, `ALL`,
/// `from_code`, `Display`, [`CodeArea`] and `From<Area> for Code`. Attributes on the enum
/// (`#[derive(TS)]`) are kept; serde renames each variant to its string.
macro_rules! codes {
    ($(
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $code:literal
            ),+ $(,)?
        }
    )+) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize)]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $code)]
                $variant,
            )+
        }

        impl $name {
            /// Every code of the area, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The code as it appears in findings, errors and `--json`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)+
                }
            }

            /// The variant whose string is `code`, if this area has one.
            #[allow(dead_code)]
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|c| c.as_str() == code)
            }
        }

        impl $crate::foundation::code::CodeArea for $name {
            const AREA: &'static str = stringify!($name);
            const ALL: &'static [Self] = $name::ALL;
        }

        impl From<$name> for $crate::foundation::code::Code {
            fn from(code: $name) -> Self {
                $crate::foundation::code::Code::from_area(code.as_str())
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )+};
}

pub(crate) use codes;

codes! {
    /// Plumbing under every layer: background work, randomness, the app's own state files, the
    /// window's dialogs.
    pub enum FoundationCode {
        /// A blocking task panicked or was cancelled.
        InternalError = "INTERNAL_ERROR",
        /// The OS gave no random bytes.
        RandomUnavailable = "RANDOM_UNAVAILABLE",
        /// A small JSON state file could not be written.
        StateNotSaved = "STATE_NOT_SAVED",
        /// The folder picker failed.
        DialogFailed = "DIALOG_FAILED",
        /// The system has no folder for the app's log.
        LogFolderUnknown = "LOG_FOLDER_UNKNOWN",
    }
}
