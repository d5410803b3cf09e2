//! The decoder's fast path: a run of bytes that go into the stream as
//! they are (lower-case letters, plain punctuation, single spaces) or
//! only lowered (capitals), most of a page's prose, copied sixteen bytes
//! at a time on x86-64 (SSE2, which every such processor has), byte by
//! byte elsewhere and in the tests that hold the two to the same reading.

use super::{BREAK, CLASS, JOIN, LOWER};

/// Bytes a plain run copies as they are where no run of digits is open:
/// lower-case letters, plain punctuation, and the brackets and slashes
/// that join a number's digits.
const COPIED: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = matches!(CLASS[i], LOWER | BREAK | JOIN);
        i += 1;
    }
    t
};

/// Copy the run of plain bytes, upper-case letters (lowered, their bits
/// set in `upper`) and single spaces from `b[j]` (a plain byte) into
/// `text`; where it ends. Most of a page's prose: sixteen bytes at a time
/// where `vector` (and the processor is x86-64), then byte by byte.
#[inline]
pub(super) fn copy_plain(
    b: &[u8],
    j: usize,
    end: usize,
    text: &mut Vec<u8>,
    upper: &mut Vec<u64>,
    vector: bool,
) -> usize {
    text.push(b[j]);
    let mut k = j + 1;
    loop {
        #[cfg(target_arch = "x86_64")]
        while vector && k + 16 <= end {
            let (n, lowered, ups) = plain16(b, k);
            if n == 0 {
                break;
            }
            let at = text.len();
            // All sixteen written, `n` kept: a fixed-size copy, not a call.
            text.extend_from_slice(&lowered);
            text.truncate(at + n);
            if ups != 0 {
                set_uppers(upper, at, ups);
            }
            k += n;
            if n < 16 {
                break;
            }
        }
        if k >= end {
            return k;
        }
        let c = b[k];
        if COPIED[usize::from(c)] || (c == b' ' && b[k - 1] != b' ') {
            text.push(c);
        } else if c.is_ascii_uppercase() {
            set_uppers(upper, text.len(), 1);
            text.push(c | 0x20);
        } else {
            return k;
        }
        k += 1;
    }
}

/// Set the bits of `bits` (bit `i` for byte `at + i`) in `upper`.
#[inline]
fn set_uppers(upper: &mut Vec<u64>, at: usize, bits: u64) {
    // The word of `at` and the one after it.
    let next = at / 64 + 1;
    if next >= upper.len() {
        upper.resize(next + 1024, 0);
    }
    upper[at / 64] |= bits << (at % 64);
    if at % 64 != 0 {
        upper[at / 64 + 1] |= bits >> (64 - at % 64);
    }
}

/// Of the sixteen bytes at `b[k..]` (after a byte of a plain run): how
/// many lead that are letters, punctuation copied as it is ([`COPIED`])
/// or single spaces; the sixteen bytes with upper-case letters lowered; and
/// which bytes were upper-case (of the leading ones).
#[cfg(target_arch = "x86_64")]
#[inline]
fn plain16(b: &[u8], k: usize) -> (usize, [u8; 16], u64) {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8, _mm_setzero_si128, _mm_storeu_si128,
    };

    use crate::gate::masks::in_range;
    let bytes = &b[k..k + 16];
    let mut lowered = [0u8; 16];
    // SAFETY: SSE2 is part of x86-64; the load reads the sixteen bytes of
    // `bytes` and the store writes the sixteen of `lowered`, neither
    // aligned.
    let (lower, up, space, punct) = unsafe {
        let v = _mm_loadu_si128(bytes.as_ptr().cast::<__m128i>());
        let within = |from: u8, n: u8| in_range(v, from, n);
        let up = within(b'A', 26);
        let low = _mm_or_si128(v, _mm_and_si128(up, _mm_set1_epi8(0x20)));
        _mm_storeu_si128(lowered.as_mut_ptr().cast::<__m128i>(), low);
        (
            _mm_movemask_epi8(within(b'a', 26)) as u32,
            _mm_movemask_epi8(up) as u32,
            _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b' ' as i8))) as u32,
            // Punctuation copied as it is ([`COPIED`]): the ASCII
            // punctuation but `& % \ < * ~ \``, `- _ +` and `.`.
            _mm_movemask_epi8(
                [
                    within(0x21, 4),
                    within(0x27, 3),
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(0x2C)),
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(0x2F)),
                    within(0x3A, 2),
                    within(0x3D, 4),
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(0x5B)),
                    within(0x5D, 2),
                    within(0x7B, 3),
                ]
                .into_iter()
                .fold(_mm_setzero_si128(), |a, m| _mm_or_si128(a, m)),
            ) as u32,
        )
    };
    let after_space = space << 1 | u32::from(b[k - 1] == b' ');
    let ok = lower | up | punct | (space & !after_space);
    let n = (!ok).trailing_zeros().min(16) as usize;
    let lead = (1u64 << n) - 1;
    (n, lowered, u64::from(up) & lead)
}
