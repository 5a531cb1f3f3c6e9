//! Known vectors, one case per named reason, and properties: what is signed verifies, and
//! any change to the body or the signature is rejected.

use proptest::prelude::*;

use super::*;

const SECRET: &str = "whsec_test";
const SIGNED_AT: u64 = 1_700_000_000_000;
const BODY: &str = r#"{"a":1}"#;
/// `echo -n '1700000000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test`
const HEADER: &str =
    "t=1700000000000, v1=33284ebef248a1f463f81384bfb39351b857cb4897c654b820611536fa084f1e";

fn secret(value: &str) -> Sensitive<String> {
    Sensitive::new(value.to_string())
}

fn at(ms: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(ms)
}

#[test]
fn signing_matches_openssl_and_the_workos_crate() {
    assert_eq!(sign(&secret(SECRET), SIGNED_AT, BODY.as_bytes()), HEADER);
    // The `workos` crate's own vector (helpers/webhook_verification.rs).
    let header = sign(&secret("secret"), SIGNED_AT, b"body");
    assert!(header.ends_with("32850522003ebbce01a416e5d5df8ec8354a96e921cac7d0ebbaeef5732bdaea"));
}

#[test]
fn the_official_crate_accepts_what_we_sign_and_we_accept_what_it_signs() {
    let body = r#"{"id":"event_1","object":"event","event":"pipes.connected_account.connected","data":{},"created_at":"2026-01-01T00:00:00.000Z"}"#;
    let header = sign(&secret(SECRET), SIGNED_AT, body.as_bytes());
    let official = workos::webhook_verification::WebhookVerifier::new(SECRET)
        .with_clock(move || at(SIGNED_AT + 1_000));
    assert!(official.verify_payload(&header, body).is_ok());
    let theirs = workos::webhook_verification::compute_webhook_signature(
        SECRET,
        &SIGNED_AT.to_string(),
        body,
    );
    let header = format!("t={SIGNED_AT}, v1={theirs}");
    assert!(verify(&header, body.as_bytes(), &secret(SECRET), at(SIGNED_AT)).is_valid());
}

struct Case {
    name: &'static str,
    header: &'static str,
    body: &'static str,
    secret: &'static str,
    now_ms: u64,
    expected: Option<Rejection>,
}

fn cases() -> Vec<Case> {
    let base = || Case {
        name: "",
        header: HEADER,
        body: BODY,
        secret: SECRET,
        now_ms: SIGNED_AT,
        expected: None,
    };
    let malformed = |detail: &str| {
        Some(Rejection::HeaderMalformed {
            detail: detail.into(),
        })
    };
    vec![
        Case {
            name: "valid",
            ..base()
        },
        Case {
            name: "valid 180 s later (the edge)",
            now_ms: SIGNED_AT + 180_000,
            ..base()
        },
        Case {
            name: "valid 180 s early (the edge)",
            now_ms: SIGNED_AT - 180_000,
            ..base()
        },
        Case {
            name: "valid without the space, and with the header name pasted",
            header: "WorkOS-Signature: t=1700000000000,v1=33284ebef248a1f463f81384bfb39351b857cb4897c654b820611536fa084f1e",
            ..base()
        },
        Case {
            name: "too old",
            now_ms: SIGNED_AT + 420_500,
            expected: Some(Rejection::TimestampTooOld {
                seconds: 420,
                tolerance_seconds: 180,
            }),
            ..base()
        },
        Case {
            name: "in the future",
            now_ms: SIGNED_AT - 181_000,
            expected: Some(Rejection::TimestampInFuture {
                seconds: 181,
                tolerance_seconds: 180,
            }),
            ..base()
        },
        Case {
            name: "t in seconds",
            header: "t=1700000000, v1=33284ebef248a1f463f81384bfb39351b857cb4897c654b820611536fa084f1e",
            expected: Some(Rejection::TimestampInSeconds),
            ..base()
        },
        Case {
            name: "wrong secret",
            secret: "whsec_other",
            expected: Some(Rejection::SignatureMismatch),
            ..base()
        },
        Case {
            name: "body changed",
            body: r#"{"a":2}"#,
            expected: Some(Rejection::SignatureMismatch),
            ..base()
        },
        Case {
            name: "body pretty-printed",
            body: "{\n  \"a\": 1\n}",
            expected: Some(Rejection::BodyReserialized {
                form: "written compactly (whitespace removed)".into(),
            }),
            ..base()
        },
        Case {
            name: "body re-serialized by json.dumps",
            body: r#"{"a": 1}"#,
            expected: Some(Rejection::BodyReserialized {
                form: "written compactly (whitespace removed)".into(),
            }),
            ..base()
        },
        Case {
            name: "an API key for the secret",
            secret: "sk_test_0000000000000000000000000abc",
            expected: Some(Rejection::SecretIsApiKey),
            ..base()
        },
        Case {
            name: "no secret",
            secret: " ",
            expected: Some(Rejection::SecretMissing),
            ..base()
        },
        Case {
            name: "empty header",
            header: "  ",
            expected: Some(Rejection::HeaderMissing),
            ..base()
        },
        Case {
            name: "no v1",
            header: "t=1700000000000",
            expected: Some(Rejection::NoV1Signature),
            ..base()
        },
        Case {
            name: "no t",
            header: "v1=33284ebef248a1f463f81384bfb39351b857cb4897c654b820611536fa084f1e",
            expected: malformed("no t= timestamp"),
            ..base()
        },
        Case {
            name: "a stronger scheme is not skipped",
            header: "t=1700000000000, v1=33284ebef248a1f463f81384bfb39351b857cb4897c654b820611536fa084f1e, v2=abc",
            expected: malformed("unknown part 'v2'"),
            ..base()
        },
        Case {
            name: "not key=value",
            header: "1700000000000 33284ebef248",
            expected: malformed("'1700000000000 33284ebef248' is not key=value"),
            ..base()
        },
        Case {
            name: "t twice",
            header: "t=1, t=2, v1=33284ebef248a1f463f81384bfb39351b857cb4897c654b820611536fa084f1e",
            expected: malformed("'t' appears twice"),
            ..base()
        },
        Case {
            name: "t not a number",
            header: "t=-5, v1=33284ebef248a1f463f81384bfb39351b857cb4897c654b820611536fa084f1e",
            expected: malformed("t=-5 is not a number"),
            ..base()
        },
        Case {
            name: "v1 upper case (the SDKs compare lowercase hex)",
            header: "t=1700000000000, v1=33284EBEF248A1F463F81384BFB39351B857CB4897C654B820611536FA084F1E",
            expected: malformed("v1= must be 64 lowercase hex digits"),
            ..base()
        },
        Case {
            name: "v1 cut short",
            header: "t=1700000000000, v1=33284ebef248",
            expected: malformed("v1= must be 64 lowercase hex digits"),
            ..base()
        },
    ]
}

#[test]
fn each_case_gets_its_named_reason() {
    for case in cases() {
        let verdict = verify(
            case.header,
            case.body.as_bytes(),
            &secret(case.secret),
            at(case.now_ms),
        );
        match &case.expected {
            None => assert!(verdict.is_valid(), "{}: {verdict:?}", case.name),
            Some(expected) => assert_eq!(verdict.rejection(), Some(expected), "{}", case.name),
        }
    }
}

#[test]
fn a_key_reordered_body_is_named_when_the_original_was_sorted() {
    let original = r#"{"created_at":"x","data":{"a":1,"b":2},"event":"e","id":"event_1"}"#;
    let header = sign(&secret(SECRET), SIGNED_AT, original.as_bytes());
    let reordered = r#"{"id":"event_1","event":"e","data":{"b":2,"a":1},"created_at":"x"}"#;
    let verdict = verify(
        &header,
        reordered.as_bytes(),
        &secret(SECRET),
        at(SIGNED_AT),
    );
    assert_eq!(
        verdict.rejection(),
        Some(&Rejection::BodyReserialized {
            form: "with its keys sorted, compact".into()
        })
    );
}

#[test]
fn the_verdict_never_holds_the_secret() {
    let key = "sk_live_0000000000000000000000000secret";
    let verdict = verify(HEADER, BODY.as_bytes(), &secret(key), at(SIGNED_AT));
    let shown = serde_json::to_string(&verdict.view()).unwrap();
    assert!(!shown.contains(key), "{shown}");
}

proptest! {
    #[test]
    fn what_is_signed_verifies_within_the_tolerance(
        body in proptest::collection::vec(any::<u8>(), 0..512),
        key in "whsec_[a-z0-9]{8,40}",
        skew_ms in -180_000i64..=180_000,
    ) {
        let header = sign(&secret(&key), SIGNED_AT, &body);
        let now = at(SIGNED_AT.saturating_add_signed(skew_ms));
        prop_assert!(verify(&header, &body, &secret(&key), now).is_valid());
    }

    #[test]
    fn any_changed_byte_is_rejected(
        body in proptest::collection::vec(any::<u8>(), 1..512),
        at_index in any::<prop::sample::Index>(),
        flip in 1u8..=255,
    ) {
        let header = sign(&secret(SECRET), SIGNED_AT, &body);
        let mut changed = body.clone();
        let index = at_index.index(changed.len());
        changed[index] ^= flip;
        let verdict = verify(&header, &changed, &secret(SECRET), at(SIGNED_AT));
        prop_assert!(!verdict.is_valid());
    }

    #[test]
    fn outside_the_tolerance_is_named_with_its_seconds(extra_ms in 1u64..10_000_000) {
        let verdict = verify(HEADER, BODY.as_bytes(), &secret(SECRET), at(SIGNED_AT + 180_000 + extra_ms));
        let seconds = (180_000 + extra_ms) / 1000;
        prop_assert_eq!(verdict.rejection(), Some(&Rejection::TimestampTooOld { seconds, tolerance_seconds: 180 }));
    }
}
