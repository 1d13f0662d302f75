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
pub(crate) fn sorted_by<T>(mut items: Vec<T>, key: impl Fn(&T) -> (&[u8], usize)) -> Vec<T> {
    // Only this and the swaps below are compiled once per type of item:
    // the keys are made and sorted through a reference to the closure.
    let mut order = order_by(items.len(), &|at| key(&items[at]));
    // The items are moved into their places by swaps, one cycle of the
    // permutation at a time, so that no item is copied or dropped here: a
    // place done points at itself.
    for start in 0..items.len() {
        let mut place = start;
        loop {
            let from = order[place];
            order[place] = place;
            if from == start {
                break;
            }
            items.swap(place, from);
            place = from;
        }
    }
    items
}

/// The places `0..len` in the order of their keys, equal keys in the
/// order of their places.
fn order_by<'k>(len: usize, key: &dyn Fn(usize) -> (&'k [u8], usize)) -> Vec<usize> {
    let mut keys = Vec::with_capacity(len);
    for at in 0..len {
        let (bytes, number) = key(at);
        keys.push((bytes, number, at));
    }
    let keys = BinaryHeap::from(keys).into_sorted_vec();
    let mut order = Vec::with_capacity(len);
    for (.., at) in keys {
        order.push(at);
    }
    order
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
    fn items_of_every_permutation_come_out_sorted() {
        let items: Vec<String> = (0..97).map(|at| format!("{}", at * 37 % 97)).collect();
        let sorted = sorted_by(items.clone(), |text| (text.as_bytes(), 0));
        let mut expected = items;
        expected.sort();
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
