//! The codes of `envfiles`: see [`crate::foundation::code`].

use crate::foundation::code::codes;

codes! {
    /// What the `.env*` files of an app report, and writing a key into them.
    pub enum EnvCode {
        NoFiles = "ENV_NO_FILES",
        DirUnreadable = "ENV_DIR_UNREADABLE",
        ReadFailed = "ENV_READ_FAILED",
        FileUnreadable = "ENV_FILE_UNREADABLE",
        FileNotAFile = "ENV_FILE_NOT_A_FILE",
        FileTooLarge = "ENV_FILE_TOO_LARGE",
        FileBinary = "ENV_FILE_BINARY",
        FileNotUtf8 = "ENV_FILE_NOT_UTF8",
        ParseError = "ENV_PARSE_ERROR",
        DuplicateKey = "ENV_DUPLICATE_KEY",
        ApiKeyFound = "ENV_API_KEY_FOUND",
        ApiKeyMissing = "ENV_API_KEY_MISSING",
        ApiKeyBadPrefix = "ENV_API_KEY_BAD_PREFIX",
        ApiKeyPublic = "ENV_API_KEY_PUBLIC",
        ApiKeyProduction = "ENV_API_KEY_PRODUCTION",
        ApiKeyUnknownEnvironment = "ENV_API_KEY_UNKNOWN_ENVIRONMENT",
        ApiKeyMixedEnvironments = "ENV_API_KEY_MIXED_ENVIRONMENTS",
        ClientIdFound = "ENV_CLIENT_ID_FOUND",
        ClientIdMissing = "ENV_CLIENT_ID_MISSING",
        ClientIdBadPrefix = "ENV_CLIENT_ID_BAD_PREFIX",
        ClientIdProjectPrefix = "ENV_CLIENT_ID_PROJECT_PREFIX",
        ValueConflict = "ENV_VALUE_CONFLICT",
        ValueStrayQuotes = "ENV_VALUE_STRAY_QUOTES",
        ValueStrayWhitespace = "ENV_VALUE_STRAY_WHITESPACE",
        GitCheckUnavailable = "ENV_GIT_CHECK_UNAVAILABLE",
        SecretsGitignored = "ENV_SECRETS_GITIGNORED",
        SecretNotGitignored = "ENV_SECRET_NOT_GITIGNORED",
        SecretTrackedByGit = "ENV_SECRET_TRACKED_BY_GIT",
        FileChanged = "ENV_FILE_CHANGED",
        FileNotIgnored = "ENV_FILE_NOT_IGNORED",
        FileTracked = "ENV_FILE_TRACKED",
        WriteFailed = "ENV_WRITE_FAILED",
        WriteKeyChanged = "ENV_WRITE_KEY_CHANGED",
        WriteOutsideProject = "ENV_WRITE_OUTSIDE_PROJECT",
    }

    /// The fix that adds a line to the project's `.gitignore`.
    pub enum GitignoreCode {
        Unreadable = "GITIGNORE_UNREADABLE",
        Changed = "GITIGNORE_CHANGED",
        WriteFailed = "GITIGNORE_WRITE_FAILED",
        BadLine = "GITIGNORE_BAD_LINE",
        FixNotGitignore = "FIX_NOT_GITIGNORE",
        FixOutsideProject = "FIX_OUTSIDE_PROJECT",
    }
}
