//! Bit masks of a stretch of bytes: bit `i` for byte `i` of a block of at
//! most 64, made sixteen bytes at a time with the SSE2 instructions that
//! every x86-64 processor has (a portable loop elsewhere). The gate's hot
//! loops find what they look for by walking a mask's set bits instead of
//! branching on every byte: where a form may start ([`classes`], for
//! [`crate::gate::matcher`]) and a page's line feeds ([`mask_of`], for
//! [`crate::gate::seen`]).

/// Bit masks of the lower-case letters, digits and spaces of `chunk` (at
/// most 64 bytes of the stream): bit `i` for byte `i`.
#[inline]
pub fn classes(chunk: &[u8]) -> [u64; 3] {
    let mut padded = [0u8; 64];
    let block = block_of(chunk, &mut padded);
    #[cfg(target_arch = "x86_64")]
    {
        classes_sse2(block)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        classes_bytewise(block)
    }
}

/// `chunk` as a block of 64 bytes: itself when it is one, else copied
/// into `padded` (zeros after it: no letter, digit, space or line feed).
#[inline]
fn block_of<'a>(chunk: &'a [u8], padded: &'a mut [u8; 64]) -> &'a [u8; 64] {
    match chunk.try_into() {
        Ok(full) => full,
        Err(_) => {
            padded[..chunk.len()].copy_from_slice(chunk);
            padded
        }
    }
}

/// Where the bytes of `v` lie in `from..from + n` (as unsigned bytes):
/// all ones there. SSE2 compares signed bytes, so both sides are moved
/// by 128 first.
#[cfg(target_arch = "x86_64")]
#[inline]
pub(crate) fn in_range(
    v: std::arch::x86_64::__m128i,
    from: u8,
    n: u8,
) -> std::arch::x86_64::__m128i {
    use std::arch::x86_64::{_mm_cmplt_epi8, _mm_set1_epi8, _mm_sub_epi8};
    // SAFETY: SSE2 is part of x86-64; these touch no memory.
    unsafe {
        _mm_cmplt_epi8(
            _mm_sub_epi8(v, _mm_set1_epi8((from ^ 0x80) as i8)),
            _mm_set1_epi8((n ^ 0x80) as i8),
        )
    }
}

#[cfg(any(test, not(target_arch = "x86_64")))]
fn classes_bytewise(block: &[u8; 64]) -> [u64; 3] {
    let (mut letters, mut digits, mut spaces) = (0u64, 0u64, 0u64);
    for (i, &b) in block.iter().enumerate() {
        letters |= u64::from(b.is_ascii_lowercase()) << i;
        digits |= u64::from(b.is_ascii_digit()) << i;
        spaces |= u64::from(b == b' ') << i;
    }
    [letters, digits, spaces]
}

/// [`classes`] sixteen bytes at a time, with the SSE2 instructions every
/// x86-64 processor has (the compiler does not make vector compares of
/// the byte-by-byte loop: it took a third more instructions than the
/// loop it replaced).
#[cfg(target_arch = "x86_64")]
fn classes_sse2(block: &[u8; 64]) -> [u64; 3] {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
    };
    let (mut letters, mut digits, mut spaces) = (0u64, 0u64, 0u64);
    for k in 0..4 {
        // SAFETY: SSE2 is part of x86-64; the load reads 16 bytes at
        // `16 * k`, inside the 64-byte block, and needs no alignment.
        let [l, d, s] = unsafe {
            let v = _mm_loadu_si128(block.as_ptr().add(16 * k).cast::<__m128i>());
            [
                _mm_movemask_epi8(in_range(v, b'a', 26)),
                _mm_movemask_epi8(in_range(v, b'0', 10)),
                _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b' ' as i8))),
            ]
        };
        let at = 16 * k;
        letters |= u64::from(l as u16) << at;
        digits |= u64::from(d as u16) << at;
        spaces |= u64::from(s as u16) << at;
    }
    [letters, digits, spaces]
}

/// A bit for every `byte` of `chunk` (at most 64 bytes).
#[inline]
pub fn mask_of(chunk: &[u8], byte: u8) -> u64 {
    let mut padded = [0u8; 64];
    let block = block_of(chunk, &mut padded);
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
        };
        let mut mask = 0u64;
        for k in 0..4 {
            // SAFETY: SSE2 is part of x86-64; the load reads sixteen bytes
            // inside the 64-byte block, and needs no alignment.
            let m = unsafe {
                let v = _mm_loadu_si128(block.as_ptr().add(16 * k).cast::<__m128i>());
                _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(byte as i8)))
            };
            mask |= u64::from(m as u16) << (16 * k);
        }
        mask & if chunk.len() == 64 {
            !0
        } else {
            (1 << chunk.len()) - 1
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        block[..chunk.len()]
            .iter()
            .enumerate()
            .fold(0, |m, (i, &c)| m | u64::from(c == byte) << i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "x86_64")]
    proptest::proptest! {
        #[test]
        fn classes_by_vector_as_byte_by_byte(block in proptest::array::uniform32(0u8..=255)) {
            let mut b = [0u8; 64];
            b[..32].copy_from_slice(&block);
            b[32..].copy_from_slice(&block.map(|x| x.wrapping_add(96)));
            proptest::prop_assert_eq!(classes_sse2(&b), classes_bytewise(&b));
        }
    }

    proptest::proptest! {
        #[test]
        fn finds_every_byte_it_looks_for(b in proptest::collection::vec(
            proptest::sample::select(vec![b'\n', b'a', b'"', 0, 0xE2, b' ']), 0..300)
        ) {
            for byte in [b'\n', b'"', 0] {
                let found: Vec<usize> = b
                    .chunks(64)
                    .enumerate()
                    .flat_map(|(k, chunk)| {
                        let m = mask_of(chunk, byte);
                        (0..64).filter(move |i| m >> i & 1 == 1).map(move |i| k * 64 + i)
                    })
                    .collect();
                let expected: Vec<usize> = memchr::memchr_iter(byte, &b).collect();
                proptest::prop_assert_eq!(found, expected);
            }
        }
    }
}
