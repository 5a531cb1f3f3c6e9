//! Percent-decoding (RFC 3986 `%XX`), for the loopback return URL's query and for comparing
//! redirect URIs. `None` for a broken escape.

pub fn decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_decode_and_broken_ones_are_none() {
        assert_eq!(decode("a%20b%2Fc").unwrap(), b"a b/c");
        assert_eq!(decode("%7e").unwrap(), b"~");
        assert_eq!(decode("100%"), None);
        assert_eq!(decode("%zz"), None);
    }
}
