//! A manifest's bytes as kubectl decodes them before it reads any YAML
//! (`k8s.io/cli-runtime`, `FileVisitor`, for a file and for stdin alike:
//! `golang.org/x/text`'s `unicode.BOMOverride(unicode.UTF8.NewDecoder())`).
//! A UTF-16 byte order mark switches to UTF-16 in that order (Windows
//! PowerShell's `>` writes UTF-16LE with one), a UTF-8 one is dropped, and
//! what is not well-formed becomes U+FFFD instead of an error: kubectl
//! reads such a manifest, so it is read.

use zeroize::Zeroizing;

/// The text kubectl reads from the bytes of a file: [`decode`], without a
/// copy when they are UTF-8 without a byte order mark, as most are (a
/// manifest of 16 MiB is then held once, not twice).
pub(in crate::deployment::manifest) fn decode_file(
    mut bytes: Zeroizing<Vec<u8>>,
) -> Zeroizing<String> {
    if !bytes.starts_with(b"\xef\xbb\xbf")
        && !bytes.starts_with(b"\xff\xfe")
        && !bytes.starts_with(b"\xfe\xff")
    {
        match String::from_utf8(std::mem::take(&mut *bytes)) {
            Ok(text) => return Zeroizing::new(text),
            Err(error) => *bytes = error.into_bytes(),
        }
    }
    decode(&bytes)
}

/// The text kubectl reads from `bytes`.
pub(in crate::deployment::manifest) fn decode(bytes: &[u8]) -> Zeroizing<String> {
    if let Some(units) = bytes.strip_prefix(b"\xff\xfe") {
        return utf16(units, u16::from_le_bytes);
    }
    if let Some(units) = bytes.strip_prefix(b"\xfe\xff") {
        return utf16(units, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    // Room for the worst case up front: a buffer that grew would leave
    // copies of the text behind that nothing clears.
    // As long as the bytes: most are text, and what is not grows it by two
    // bytes at most each. Three times as much, for a manifest of 16 MiB,
    // would be 48 MiB that the check's bound does not afford.
    let mut text = Zeroizing::new(String::with_capacity(bytes.len()));
    // Each maximal ill-formed part becomes one U+FFFD, as in x/text.
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
        }
    }
    text
}

/// UTF-16 as x/text decodes it: a surrogate followed by a trailing one
/// goes with it, as one character or, unless the first leads, one U+FFFD;
/// any other surrogate, and an odd last byte, is U+FFFD.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Zeroizing<String> {
    let mut text = Zeroizing::new(String::with_capacity(bytes.len()));
    let at = |index: usize| unit([bytes[index], bytes[index + 1]]);
    let trailing = |unit: u16| (0xdc00..=0xdfff).contains(&unit);
    let mut index = 0;
    while index < bytes.len() {
        if index + 1 == bytes.len() {
            text.push(char::REPLACEMENT_CHARACTER);
            break;
        }
        let first = at(index);
        let is_surrogate = (0xd800..=0xdfff).contains(&first);
        if is_surrogate && index + 3 < bytes.len() && trailing(at(index + 2)) {
            let second = at(index + 2);
            let pair = char::decode_utf16([first, second])
                .next()
                .and_then(Result::ok);
            text.push(pair.unwrap_or(char::REPLACEMENT_CHARACTER));
            index += 4;
            continue;
        }
        text.push(char::from_u32(u32::from(first)).unwrap_or(char::REPLACEMENT_CHARACTER));
        index += 2;
    }
    text
}

#[cfg(test)]
mod tests {
    use super::decode;

    fn le(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    /// What each stream decodes to; kubectl's own answers for whole
    /// manifests are among the recorded cases of `yaml_kubectl_tests.rs`.
    #[test]
    fn bytes_decode_as_kubectl_decodes_them() {
        let mut be = vec![0xfe, 0xff];
        be.extend("k: é😀".encode_utf16().flat_map(u16::to_be_bytes));
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("utf-8", "k: é".into(), "k: é"),
            ("utf-8 bom", b"\xef\xbb\xbfk: v".to_vec(), "k: v"),
            (
                "two utf-8 boms",
                b"\xef\xbb\xbf\xef\xbb\xbfk".to_vec(),
                "\u{feff}k",
            ),
            ("lone byte", b"k: caf\xe9".to_vec(), "k: caf\u{fffd}"),
            ("truncated", b"k: \xe2\x82x".to_vec(), "k: \u{fffd}x"),
            ("truncated at end", b"k: \xe2\x82".to_vec(), "k: \u{fffd}"),
            (
                "surrogate in utf-8",
                b"\xed\xa0\x80".to_vec(),
                "\u{fffd}\u{fffd}\u{fffd}",
            ),
            ("overlong", b"\xc0\xaf".to_vec(), "\u{fffd}\u{fffd}"),
            ("utf-16le", le("k: é😀\r\n"), "k: é😀\r\n"),
            ("utf-16be", be, "k: é😀"),
            ("utf-16 bom then utf-8 bom", le("\u{feff}k"), "\u{feff}k"),
            ("odd last byte", [le("k"), vec![b'A']].concat(), "k\u{fffd}"),
            (
                "lone leading surrogate",
                [le("k"), vec![0x00, 0xd8], le("x")[2..].to_vec()].concat(),
                "k\u{fffd}x",
            ),
            (
                "lone trailing surrogate",
                [le("k"), vec![0x00, 0xdc], le("x")[2..].to_vec()].concat(),
                "k\u{fffd}x",
            ),
            (
                "two trailing surrogates",
                [le("k"), vec![0x00, 0xdc, 0x00, 0xdc]].concat(),
                "k\u{fffd}",
            ),
            (
                "leading surrogate at end",
                [le("k"), vec![0x00, 0xd8]].concat(),
                "k\u{fffd}",
            ),
        ];
        for (name, bytes, text) in cases {
            assert_eq!(decode(&bytes).as_str(), text, "{name}");
            let file = super::decode_file(bytes.clone().into());
            assert_eq!(file.as_str(), text, "{name}: read from a file");
        }
    }
}
