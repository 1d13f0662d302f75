//! The bounds of building one container's environment.
//!
//! What the YAML holds is bounded by the manifest's size; what building the
//! environment makes of it is not: `$(A)` in each of 60,000 entries copies
//! `A` 60,000 times, a large ConfigMap value read by many
//! `configMapKeyRef`s (or an `envFrom` repeated with many prefixes) is
//! copied as often, and an alias repeats a node's text without its bytes.
//! Every such copy is counted here, in bytes, and each variable held at a
//! fixed cost, against one total: past it, the build stops and the check
//! fails, saying so, whatever the shape of the manifest.

/// The most that building one environment may copy. A container's whole
/// environment cannot exceed 6 MiB (see [`MAX_EXEC_BYTES`]); this leaves
/// room for the values that later entries hide, and keeps a 16 MiB
/// manifest of any shape well within 256 MiB of memory.
pub(super) const MAX_COPIED_BYTES: usize = 32 << 20;

/// What each variable held costs, besides its name and value: the memory
/// the check takes for one at its peak, in the environment being built and
/// in the one checked, hash tables' room included (600 bytes to 1.3 KiB,
/// measured with heaptrack on 120,000 entries and on 60,000 service
/// links). So at most 32,768 variables are held, and a manifest at the
/// reader's million YAML nodes stays within 256 MiB.
pub(super) const VAR_COST: usize = 1024;

/// The most that Linux passes to a new process, its arguments and
/// environment together (each string, its NUL, and a pointer to it): a
/// quarter of the stack limit, and never more than 6 MiB (three quarters of
/// the kernel's 8 MiB `_STK_LIM`, fs/exec.c). A container whose environment
/// is larger does not start.
pub(super) const MAX_EXEC_BYTES: usize = 6 << 20;

/// What is left of [`MAX_COPIED_BYTES`].
pub(super) struct Budget {
    left: usize,
    exhausted: bool,
}

impl Budget {
    pub(super) fn new() -> Budget {
        Budget::with(MAX_COPIED_BYTES)
    }

    pub(super) fn with(total: usize) -> Budget {
        Budget {
            left: total,
            exhausted: false,
        }
    }

    /// Takes `bytes` from what is left; `false`, from then on, once there
    /// is not enough.
    pub(super) fn charge(&mut self, bytes: usize) -> bool {
        if self.exhausted {
            return false;
        }
        match self.left.checked_sub(bytes) {
            Some(left) => {
                self.left = left;
                true
            }
            None => {
                self.exhausted = true;
                false
            }
        }
    }

    /// What is left.
    pub(super) fn left(&self) -> usize {
        self.left
    }

    /// Whether a charge failed: the environment is not wholly built.
    pub(super) fn is_exhausted(&self) -> bool {
        self.exhausted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_charge_past_the_total_exhausts_it_for_good() {
        let mut budget = Budget::with(10);
        assert!(budget.charge(6));
        assert!(budget.charge(4));
        assert!(!budget.is_exhausted());
        assert!(!budget.charge(1));
        assert!(budget.is_exhausted());
        assert!(!budget.charge(0), "nothing more once exhausted");
    }
}
