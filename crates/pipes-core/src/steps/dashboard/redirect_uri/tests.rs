//! Real-world cases, and properties: a URI always matches itself, and any single-character
//! change is named.

use proptest::prelude::*;

use super::*;

const WORKOS_CALLBACK: &str =
    "https://api.workos.com/data-integrations/github/dik_01JDEM0SBGITHUB00000000000/callback";

struct Case {
    expected: &'static str,
    actual: &'static str,
    rule: RedirectRule,
    verdict: Verdict,
    kinds: &'static [DifferenceKind],
}

use DifferenceKind as K;
use RedirectRule as R;
use Verdict as V;

const CASES: &[Case] = &[
    Case {
        expected: WORKOS_CALLBACK,
        actual: WORKOS_CALLBACK,
        rule: R::Github,
        verdict: V::ExactMatch,
        kinds: &[],
    },
    // The old guide's one fixed redirect URI is not the integration's.
    Case {
        expected: WORKOS_CALLBACK,
        actual: "https://api.workos.com/sso/oauth/redirect",
        rule: R::Github,
        verdict: V::WillFail,
        kinds: &[K::Path],
    },
    Case {
        expected: "https://app.example/callback",
        actual: "https://app.example/callback/",
        rule: R::Exact,
        verdict: V::WillFail,
        kinds: &[K::TrailingSlash],
    },
    Case {
        expected: "https://app.example/callback",
        actual: "http://app.example/callback",
        rule: R::Exact,
        verdict: V::WillFail,
        kinds: &[K::Scheme],
    },
    Case {
        expected: "https://app.example/callback",
        actual: "https://App.Example/callback",
        rule: R::Exact,
        verdict: V::WillFail,
        kinds: &[K::HostCase],
    },
    Case {
        expected: "https://app.example/callback",
        actual: "https://app.example:443/callback",
        rule: R::Exact,
        verdict: V::WillFail,
        kinds: &[K::DefaultPortWritten],
    },
    Case {
        expected: "https://app.example/auth/callback",
        actual: "https://app.example/auth//callback",
        rule: R::Exact,
        verdict: V::WillFail,
        kinds: &[K::DoubleSlash],
    },
    Case {
        expected: "https://app.example/a%20b",
        actual: "https://app.example/a%2520b",
        rule: R::Exact,
        verdict: V::WillFail,
        kinds: &[K::Path],
    },
    Case {
        expected: "https://app.example/~me/cb",
        actual: "https://app.example/%7Eme/cb",
        rule: R::Exact,
        verdict: V::WillFail,
        kinds: &[K::PercentEncoding],
    },
    Case {
        expected: "https://app.example/cb",
        actual: "https://app.example/cb?x=1",
        rule: R::Exact,
        verdict: V::WillFail,
        kinds: &[K::Query],
    },
    Case {
        expected: "https://app.example/cb",
        actual: "https://app.example/cb#top",
        rule: R::Exact,
        verdict: V::WillFail,
        kinds: &[K::Fragment],
    },
    Case {
        expected: "https://app.example/cb",
        actual: "https://app.example/cb ",
        rule: R::Exact,
        verdict: V::WillFail,
        kinds: &[K::Whitespace],
    },
    Case {
        expected: "https://app.example/cb",
        actual: "https://app.example/cb\u{200B}",
        rule: R::Exact,
        verdict: V::WillFail,
        kinds: &[K::InvisibleCharacter],
    },
    Case {
        expected: "https://app.example/cb",
        actual: "https://\u{0430}pp.example/cb",
        rule: R::Exact,
        verdict: V::WillFail,
        kinds: &[K::LookAlikeCharacter, K::Host],
    },
    Case {
        expected: "https://app.example/Callback",
        actual: "https://app.example/callback",
        rule: R::Microsoft,
        verdict: V::WillFail,
        kinds: &[K::PathCase],
    },
    Case {
        expected: "http://localhost:5173/cb",
        actual: "http://localhost:3000/cb",
        rule: R::Microsoft,
        verdict: V::Accepted,
        kinds: &[K::Port],
    },
    Case {
        expected: "https://app.example:8443/cb",
        actual: "https://app.example/cb",
        rule: R::Microsoft,
        verdict: V::WillFail,
        kinds: &[K::Port],
    },
    // GitHub's own examples (callback http://example.com/path).
    Case {
        expected: "http://example.com/path/subdir/other",
        actual: "http://example.com/path",
        rule: R::Github,
        verdict: V::Accepted,
        kinds: &[K::SubPath],
    },
    Case {
        expected: "http://oauth.example.com/path",
        actual: "http://example.com/path",
        rule: R::Github,
        verdict: V::Accepted,
        kinds: &[K::Subdomain],
    },
    Case {
        expected: "http://example.com/bar",
        actual: "http://example.com/path",
        rule: R::Github,
        verdict: V::WillFail,
        kinds: &[K::Path],
    },
    Case {
        expected: "http://example.com/",
        actual: "http://example.com/path",
        rule: R::Github,
        verdict: V::WillFail,
        kinds: &[K::TrailingSlash, K::Path],
    },
    Case {
        expected: "http://example.com:8080/path",
        actual: "http://example.com/path",
        rule: R::Github,
        verdict: V::WillFail,
        kinds: &[K::Port],
    },
    Case {
        expected: "http://example.org",
        actual: "http://example.com/path",
        rule: R::Github,
        verdict: V::WillFail,
        kinds: &[K::Host, K::Path],
    },
    Case {
        expected: "http://127.0.0.1:1234/path",
        actual: "http://127.0.0.1/path",
        rule: R::Github,
        verdict: V::Accepted,
        kinds: &[K::Port],
    },
    // WorkOS return URLs.
    Case {
        expected: "http://127.0.0.1/pipes-setup/callback",
        actual: "http://127.0.0.1:49152/pipes-setup/callback",
        rule: R::WorkosReturnUrl,
        verdict: V::Accepted,
        kinds: &[K::Port],
    },
    Case {
        expected: "http://localhost/callback",
        actual: "http://127.0.0.1:3000/callback",
        rule: R::WorkosReturnUrl,
        verdict: V::WillFail,
        kinds: &[K::Host, K::Port],
    },
    Case {
        expected: "https://app.example/pipes/return",
        actual: "https://app.example:8443/pipes/return",
        rule: R::WorkosReturnUrl,
        verdict: V::WillFail,
        kinds: &[K::Port],
    },
    Case {
        expected: "https://app.example/return?from=pipes",
        actual: "https://app.example/return?from=pipes",
        rule: R::WorkosReturnUrl,
        verdict: V::WillFail,
        kinds: &[K::RuleViolation, K::RuleViolation],
    },
    Case {
        expected: "https://*.app.example/return",
        actual: "https://eu.app.example/return",
        rule: R::WorkosReturnUrl,
        verdict: V::WillFail,
        kinds: &[K::Host, K::RuleViolation],
    },
    Case {
        expected: "app.example/return",
        actual: "https://app.example/return",
        rule: R::Exact,
        verdict: V::WillFail,
        kinds: &[K::NotAUri],
    },
];

#[test]
fn the_real_world_cases_get_their_verdict_and_every_difference_is_named() {
    for case in CASES {
        let comparison = compare_redirect(case.expected, case.actual, case.rule);
        let kinds: Vec<DifferenceKind> = comparison.differences.iter().map(|d| d.kind).collect();
        assert_eq!(
            (comparison.verdict, kinds.as_slice()),
            (case.verdict, case.kinds),
            "{} vs {} under {:?}: {:#?}",
            case.expected,
            case.actual,
            case.rule,
            comparison.differences
        );
    }
}

#[test]
fn invisible_and_look_alike_characters_are_named_with_their_code_point() {
    let comparison = compare_redirect(
        "https://app.example/cb",
        "https://\u{0430}pp.example/cb\u{FEFF}",
        R::Exact,
    );
    let messages: Vec<&str> = comparison
        .differences
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("U+0430") && m.contains("looks like 'a'")),
        "{messages:#?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("U+FEFF")),
        "{messages:#?}"
    );
}

#[test]
fn the_registered_uri_that_accepts_the_return_url_is_chosen() {
    let registered = vec![
        "https://app.example/return".to_string(),
        "http://127.0.0.1/pipes-setup/callback".to_string(),
    ];
    let best =
        best_registered_match("http://127.0.0.1:50000/pipes-setup/callback", &registered).unwrap();
    assert_eq!(best.verdict, V::Accepted);
    assert_eq!(best.expected, "http://127.0.0.1/pipes-setup/callback");
    let closest = best_registered_match("https://app.example/return/", &registered).unwrap();
    assert_eq!(closest.verdict, V::WillFail);
    assert_eq!(closest.differences[0].kind, K::TrailingSlash);
    assert!(best_registered_match("https://app.example/return", &[]).is_none());
}

#[test]
fn providers_get_their_rule() {
    assert_eq!(rule_for_provider("github"), R::Github);
    assert_eq!(rule_for_provider("microsoft-teams"), R::Microsoft);
    assert_eq!(rule_for_provider("outlook-calendar"), R::Microsoft);
    assert_eq!(rule_for_provider("google-drive"), R::Exact);
    assert_eq!(rule_for_provider("slack"), R::Exact);
}

fn uri() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just("http"), Just("https")],
        "[a-z]{1,10}(\\.[a-z]{2,6}){1,2}",
        prop::option::of(1u16..65535),
        "(/[a-zA-Z0-9_~-]{1,8}){0,4}",
    )
        .prop_map(|(scheme, host, port, path)| {
            let port = port.map(|p| format!(":{p}")).unwrap_or_default();
            format!("{scheme}://{host}{port}{path}")
        })
}

proptest! {
    #[test]
    fn a_uri_always_matches_itself(uri in uri(), rule in prop_oneof![Just(R::Exact), Just(R::Github), Just(R::Microsoft), Just(R::WorkosReturnUrl)]) {
        let comparison = compare_redirect(&uri, &uri, rule);
        prop_assert_eq!(comparison.verdict, V::ExactMatch);
        prop_assert!(comparison.differences.is_empty());
    }

    #[test]
    fn any_single_character_change_is_named(uri in uri(), at in any::<prop::sample::Index>(), replacement in "[a-zA-Z0-9/:.?#%~ \u{200B}\u{0430}-]") {
        let chars: Vec<char> = uri.chars().collect();
        let at = at.index(chars.len());
        let mut changed = chars.clone();
        changed[at] = replacement.chars().next().unwrap();
        let changed: String = changed.into_iter().collect();
        prop_assume!(changed != uri);
        let comparison = compare_redirect(&uri, &changed, R::Exact);
        prop_assert_eq!(comparison.verdict, V::WillFail);
        prop_assert!(!comparison.differences.is_empty(), "{} vs {}: nothing named", uri, changed);
        prop_assert!(comparison.diff.iter().any(|s| s.kind != SegmentKind::Same));
    }
}
