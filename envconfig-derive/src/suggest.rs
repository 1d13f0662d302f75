//! "Did you mean": the key a typo most likely meant.

/// The allowed key closest to `written`, if it is close enough to be what
/// was meant.
pub fn closest<'a>(written: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|key| (edit_distance(written, key), *key))
        .filter(|(distance, key)| *distance <= key.len() / 3)
        .min()
        .map(|(_, key)| key)
}

/// The optimal string alignment distance: insertions, deletions,
/// substitutions and swaps of two neighbours (`defualt`), one edit each.
/// The runtime's "did you mean" for variable names counts the same way.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // `table[i][j]`: the distance between the first `i` of `a` and the
    // first `j` of `b`. Keys are short; the whole table is cheap.
    let mut table = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in table.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in table[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = table[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut distance = substitution
                .min(table[i - 1][j] + 1)
                .min(table[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                distance = distance.min(table[i - 2][j - 2] + 1);
            }
            table[i][j] = distance;
        }
    }
    table[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distances() {
        let table = [
            ("", "", 0),
            ("", "env", 3),
            ("env", "", 3),
            ("env", "env", 0),
            ("defualt", "default", 1),
            ("prefx", "prefix", 1),
            ("seperator", "separator", 1),
            ("kitten", "sitting", 3),
            // Optimal string alignment edits no substring twice.
            ("ca", "abc", 3),
        ];
        for (a, b, distance) in table {
            assert_eq!(edit_distance(a, b), distance, "{a} -> {b}");
            assert_eq!(edit_distance(b, a), distance, "{b} -> {a}");
        }
    }
}
