//! One sort for every list the crate sorts.
//!
//! Each type a sort runs on is one more copy of the algorithm in every
//! binary that links the crate. So every list is sorted here, as keys of
//! one type (a byte string, a number, then the item's place, which makes
//! the sort stable) that point back at the items. The sort is a heap sort
//! (`BinaryHeap::into_sorted_vec`): `O(n log n)` like `sort_unstable`, if
//! slower by a few tens of milliseconds on the 100,000s of lines of the
//! largest env file, in a sixth of its 6 KiB of code.

use std::collections::BinaryHeap;

/// `items` in the order of their keys; items of equal keys keep their
/// order.
pub(crate) fn sorted_by<T>(items: Vec<T>, key: impl Fn(&T) -> (&[u8], usize)) -> Vec<T> {
    let keys: Vec<(&[u8], usize, usize)> = items
        .iter()
        .enumerate()
        .map(|(at, item)| {
            let (bytes, number) = key(item);
            (bytes, number, at)
        })
        .collect();
    let keys = BinaryHeap::from(keys).into_sorted_vec();
    let order: Vec<usize> = keys.into_iter().map(|(.., at)| at).collect();
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|at| slots.get_mut(at).and_then(Option::take))
        .collect()
}

/// `names` sorted, each once.
pub(crate) fn sorted_names<S: AsRef<str>>(names: Vec<S>) -> Vec<S> {
    let mut names = sorted_by(names, |name| (name.as_ref().as_bytes(), 0));
    names.dedup_by(|a, b| a.as_ref() == b.as_ref());
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_bytes_then_number() {
        let items = vec![("b", 1), ("a", 2), ("b", 0), ("", 7)];
        let sorted = sorted_by(items, |(text, n)| (text.as_bytes(), *n));
        assert_eq!(sorted, [("", 7), ("a", 2), ("b", 0), ("b", 1)]);
    }

    #[test]
    fn items_of_equal_keys_keep_their_order() {
        let items: Vec<(usize, usize)> = (0..40).map(|at| (at % 3, at)).collect();
        let sorted = sorted_by(items.clone(), |(class, _)| (&[], *class));
        let mut expected = items;
        expected.sort_by_key(|(class, _)| *class);
        assert_eq!(sorted, expected);
    }

    #[test]
    fn names_are_sorted_as_str_sorts_them_each_once() {
        let names = vec!["é", "Z", "a", "Z", "ab"];
        let mut expected = names.clone();
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(sorted_names(names), expected);
    }
}
