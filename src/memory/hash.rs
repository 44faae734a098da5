//! A fast, stable 64-bit hash of byte strings: the content hash that deduplicates units is
//! stored in the file, so it must never change with a library version, and an import
//! hashes hundreds of megabytes, so it must read eight bytes at a time.

const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

#[inline]
fn mix(state: u64, word: u64) -> u64 {
    (state ^ word).wrapping_mul(MULTIPLIER).rotate_left(29)
}

/// Feeds bytes into a running hash.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hasher(u64);

impl Hasher {
    /// A hash started from a seed.
    pub fn new(seed: u64) -> Hasher {
        Hasher(seed ^ 0x5851_f42d_4c95_7f2d)
    }

    /// Feeds `bytes`, and their length so that ("ab", "c") and ("a", "bc") differ.
    #[inline]
    pub fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = mix(self.0, u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        self.0 = mix(
            self.0,
            u64::from_le_bytes(word) ^ ((bytes.len() as u64) << 56),
        );
    }

    /// The hash, with its bits well spread (the high bits choose buckets).
    #[inline]
    pub fn finish(self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        x ^ (x >> 33)
    }
}

/// The hash of one byte string.
#[inline]
pub(crate) fn hash(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = Hasher::new(seed);
    h.write(bytes);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_stable_and_separates_parts() {
        // Stored in files: these values must never change.
        assert_eq!(hash(0, b""), hash(0, b""));
        assert_eq!(hash(0, b"peace"), 0x9ab7_5b74_0609_ed1d);
        assert_ne!(hash(0, b"peace"), hash(1, b"peace"));
        let mut a = Hasher::new(0);
        a.write(b"ab");
        a.write(b"c");
        let mut b = Hasher::new(0);
        b.write(b"a");
        b.write(b"bc");
        assert_ne!(a.finish(), b.finish());
        assert_ne!(hash(0, b"abcdefgh"), hash(0, b"abcdefgh\0"));
    }
}
