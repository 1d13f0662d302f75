//! What the `envconfig` runtime and its derive share, so that the two
//! cannot disagree: the syntax of the values envconfig parses itself, and
//! how far a typo is from the name it meant. Use it through the `envconfig`
//! crate; it changes without notice.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod syntax;

/// The optimal string alignment distance between `a` and `b`: Levenshtein's
/// insertions, deletions and substitutions, plus swaps of two neighbours,
/// the commonest typo (`PROT` for `PORT`, `defualt` for `default`), each
/// one edit. No substring is edited twice (`ca` to `abc` is 3).
///
/// ```
/// assert_eq!(envconfig_core::edit_distance("PROT", "PORT"), 1);
/// assert_eq!(envconfig_core::edit_distance("kitten", "sitting"), 3);
/// ```
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the classic table: the one before last, last, current.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut last: Vec<usize> = vec![0; b.len() + 1];
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    // A loop, not `(0..=n).collect()`: that is a copy of the collecting
    // code of its own.
    for (j, cell) in last.iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            current[j] = (last[j] + 1)
                .min(current[j - 1] + 1)
                .min(last[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(before[j - 2] + 1);
            }
        }
        std::mem::swap(&mut before, &mut last);
        std::mem::swap(&mut last, &mut current);
    }
    last[b.len()]
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn edit_distances() {
        let table = [
            ("", "", 0),
            ("", "ABC", 3),
            ("PORT", "PORT", 0),
            ("PROT", "PORT", 1),
            ("POR", "PORT", 1),
            ("PORTS", "PORT", 1),
            ("PART", "PORT", 1),
            ("DATABSE_URL", "DATABASE_URL", 1),
            ("TIMEOUT", "REQUEST_TIMEOUT", 8),
            ("defualt", "default", 1),
            ("seperator", "separator", 1),
            ("kitten", "sitting", 3),
            ("CA", "ABC", 3),
            ("é", "e", 1),
        ];
        for (a, b, distance) in table {
            assert_eq!(edit_distance(a, b), distance, "{a} -> {b}");
            assert_eq!(edit_distance(b, a), distance, "{b} -> {a}");
        }
    }
}
