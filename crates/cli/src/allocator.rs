//! The global allocator: mimalloc, asked for plain blocks where the
//! alignment allows.
//!
//! Extraction allocates many small strings and vectors per sentence. The
//! `mimalloc` crate passes every request to `mi_malloc_aligned`, whose
//! checks cost a few percent of extraction; mimalloc's blocks are already
//! aligned to a machine word, which is all that strings, vectors of numbers
//! and most structures ask for, so those take the plain calls.

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// Every mimalloc block is aligned to at least a word (its block sizes are
/// multiples of one, in pages that begin aligned).
const WORD_ALIGN: usize = std::mem::size_of::<usize>();

pub struct Allocator;

type Plain = unsafe extern "C" fn(usize) -> *mut c_void;
type Aligned = unsafe extern "C" fn(usize, usize) -> *mut c_void;

/// A block from mimalloc's plain call when the layout's alignment is one
/// every block has, else from its aligned call.
#[inline(always)]
fn by_alignment(layout: Layout, plain: Plain, aligned: Aligned) -> *mut u8 {
    // SAFETY: mimalloc's allocation calls take any size; the aligned one
    // any power of two, which a `Layout`'s alignment is.
    let block = unsafe {
        if layout.align() <= WORD_ALIGN {
            plain(layout.size())
        } else {
            aligned(layout.size(), layout.align())
        }
    };
    block.cast()
}

// SAFETY: each method hands the request to mimalloc, asking for the
// layout's alignment whenever it is larger than the one mimalloc always gives.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        by_alignment(layout, mi::mi_malloc, mi::mi_malloc_aligned)
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        by_alignment(layout, mi::mi_zalloc, mi::mi_zalloc_aligned)
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` is a block mimalloc gave, freed once.
        unsafe { mi::mi_free(ptr.cast::<c_void>()) };
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` is a block mimalloc gave with this layout.
        unsafe {
            if layout.align() <= WORD_ALIGN {
                mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_the_alignment_asked_for() {
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 3, 8, 17, 24, 100, 5000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: a non-zero size; each block is freed once, with its layout.
                unsafe {
                    let p = Allocator.alloc(layout);
                    assert!(!p.is_null() && (p as usize).is_multiple_of(align), "size {size} align {align}");
                    let q = Allocator.realloc(p, layout, size * 3);
                    assert!(!q.is_null() && (q as usize).is_multiple_of(align), "realloc: size {size} align {align}");
                    Allocator.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                    let z = Allocator.alloc_zeroed(layout);
                    assert!(std::slice::from_raw_parts(z, size).iter().all(|&b| b == 0));
                    Allocator.dealloc(z, layout);
                }
            }
        }
    }
}
