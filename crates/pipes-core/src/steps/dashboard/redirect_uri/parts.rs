//! A URI split into its RFC 3986 parts exactly as written: nothing is lowercased, decoded
//! or dropped, so two spellings of "the same" URL stay two spellings.

/// `scheme://userinfo@host:port/path?query#fragment`, each part as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UriParts<'a> {
    pub scheme: &'a str,
    pub userinfo: Option<&'a str>,
    pub host: &'a str,
    pub port: Option<&'a str>,
    pub path: &'a str,
    pub query: Option<&'a str>,
    pub fragment: Option<&'a str>,
}

impl<'a> UriParts<'a> {
    /// `None` when there is no `scheme://` authority (a relative path, a bare host).
    pub fn split(uri: &'a str) -> Option<Self> {
        let (scheme, rest) = uri.split_once("://")?;
        let valid_scheme = scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if !valid_scheme {
            return None;
        }
        let (rest, fragment) = split_off(rest, '#');
        let (rest, query) = split_off(rest, '?');
        let authority_end = rest.find('/').unwrap_or(rest.len());
        let (authority, path) = rest.split_at(authority_end);
        let (userinfo, host_port) = match authority.rsplit_once('@') {
            Some((userinfo, host_port)) => (Some(userinfo), host_port),
            None => (None, authority),
        };
        let (host, port) = split_port(host_port);
        Some(Self {
            scheme,
            userinfo,
            host,
            port,
            path,
            query,
            fragment,
        })
    }

    /// The port that applies: the written one, else the scheme's default.
    pub fn effective_port(&self) -> Option<u16> {
        match self.port {
            Some(port) => port.parse().ok(),
            None => default_port(self.scheme),
        }
    }

    /// 127.0.0.1 (any 127.x), [::1] or localhost: the hosts RFC 8252 §7.3 lets use any port.
    pub fn is_loopback(&self) -> bool {
        let host = self.host.to_ascii_lowercase();
        host == "localhost" || host == "[::1]" || host.starts_with("127.")
    }
}

pub fn default_port(scheme: &str) -> Option<u16> {
    match scheme.to_ascii_lowercase().as_str() {
        "http" => Some(80),
        "https" => Some(443),
        _ => None,
    }
}

fn split_off(text: &str, mark: char) -> (&str, Option<&str>) {
    match text.split_once(mark) {
        Some((before, after)) => (before, Some(after)),
        None => (text, None),
    }
}

/// `host:port`, with IPv6 literals in brackets kept whole.
fn split_port(host_port: &str) -> (&str, Option<&str>) {
    let colon = if host_port.starts_with('[') {
        host_port
            .find(']')
            .and_then(|end| host_port[end..].find(':').map(|c| end + c))
    } else {
        host_port.rfind(':')
    };
    match colon {
        Some(at) => (&host_port[..at], Some(&host_port[at + 1..])),
        None => (host_port, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_is_kept_as_written() {
        let parts = UriParts::split("HTTPS://u:p@API.WorkOS.com:443/a//b/?x=%2F#frag").unwrap();
        assert_eq!(parts.scheme, "HTTPS");
        assert_eq!(parts.userinfo, Some("u:p"));
        assert_eq!(parts.host, "API.WorkOS.com");
        assert_eq!(parts.port, Some("443"));
        assert_eq!(parts.path, "/a//b/");
        assert_eq!(parts.query, Some("x=%2F"));
        assert_eq!(parts.fragment, Some("frag"));
    }

    #[test]
    fn ipv6_loopback_and_missing_parts() {
        let parts = UriParts::split("http://[::1]:8080").unwrap();
        assert_eq!(
            (parts.host, parts.port, parts.path),
            ("[::1]", Some("8080"), "")
        );
        assert!(parts.is_loopback());
        assert_eq!(UriParts::split("http://[::1]/cb").unwrap().port, None);
        assert_eq!(
            UriParts::split("https://x.example/cb")
                .unwrap()
                .effective_port(),
            Some(443)
        );
        assert!(UriParts::split("x.example/cb").is_none());
        assert!(UriParts::split("1http://x").is_none());
    }
}
