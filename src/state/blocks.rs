//! The virtual list's geometry, in plain numbers: rows grouped in blocks, each block's height
//! (estimated from its lines, then measured), and which blocks a stretch of pixels covers.

use super::OpenLog;
use crate::listing::{Entry, Listing};
use crate::model::LineKind;

/// Rows per block: small enough that few rows are off screen, large enough that a scroll
/// frame scans few blocks.
pub const BLOCK_LINES: usize = 32;

/// Lines longer than this show their start and a note: laying out megabytes of one text node
/// would freeze the page. The whole line stays in the log (copy, export, JSON).
pub const LONGEST_SHOWN_LINE: usize = 20_000;

/// What part of the list is on screen: pixels from the list's top, the window's height, and
/// the line number of the row at the top of the log (under the sticky bars), when one is there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub top: f64,
    pub height: f64,
    pub first_line: Option<usize>,
}

impl Viewport {
    /// Server-side there is no screen: everything is "visible", so every row is rendered.
    pub const EVERYTHING: Viewport = Viewport { top: 0.0, height: f64::INFINITY, first_line: None };
}

/// The height of each block: estimated from its lines until it is rendered and measured.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockHeights {
    heights: Vec<f64>,
}

impl BlockHeights {
    /// Rows of about 22 px, blank rows of 5 px, long lines wrapping every ~110 characters,
    /// section headers of 40 px.
    pub fn estimate(open: &OpenLog, listing: &Listing) -> BlockHeights {
        let lines = &open.log.lines;
        let height = |entry: &Entry| match *entry {
            // Reply marks sit at the end of their row's first line: they add no height.
            Entry::Line(index) => match lines[index as usize].kind {
                LineKind::Blank => 5.0,
                _ => 22.0 * (1 + lines[index as usize].body.range().len().min(LONGEST_SHOWN_LINE) / 110) as f64,
            },
            Entry::Joins { .. } | Entry::PageHeader { .. } => 22.0,
            Entry::Section { .. } => 40.0,
        };
        BlockHeights { heights: listing.entries.chunks(BLOCK_LINES).map(|block| block.iter().map(height).sum()).collect() }
    }

    pub fn len(&self) -> usize {
        self.heights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heights.is_empty()
    }

    pub fn total(&self) -> f64 {
        self.heights.iter().sum()
    }

    /// Pixels from the list's top to the top of `block`.
    pub fn offset_of(&self, block: usize) -> f64 {
        self.heights[..block.min(self.heights.len())].iter().sum()
    }

    /// Records a measured height; gives how much taller the block turned out (0 for no change
    /// that matters, under half a pixel).
    pub fn measure_change(&mut self, block: usize, height: f64) -> f64 {
        match self.heights.get_mut(block) {
            Some(known) if (*known - height).abs() > 0.5 => {
                let grown = height - *known;
                *known = height;
                grown
            }
            _ => 0.0,
        }
    }

    /// The first and last block that overlap `[from, to)` pixels (the last block past the end).
    pub fn blocks_in(&self, from: f64, to: f64) -> (usize, usize) {
        let mut offset = 0.0;
        let mut first = None;
        for (block, height) in self.heights.iter().enumerate() {
            let end = offset + height;
            if first.is_none() && end > from {
                first = Some(block);
            }
            if offset >= to {
                return (first.unwrap_or(block), block.saturating_sub(1).max(first.unwrap_or(0)));
            }
            offset = end;
        }
        let last = self.heights.len().saturating_sub(1);
        (first.unwrap_or(last), last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heights(values: &[f64]) -> BlockHeights {
        BlockHeights { heights: values.to_vec() }
    }

    #[test]
    fn finds_the_blocks_in_view() {
        let blocks = heights(&[100.0, 100.0, 100.0, 100.0, 100.0]);
        assert_eq!(blocks.blocks_in(0.0, 50.0), (0, 0));
        assert_eq!(blocks.blocks_in(150.0, 250.0), (1, 2));
        assert_eq!(blocks.blocks_in(-700.0, 100.0), (0, 0));
        assert_eq!(blocks.blocks_in(420.0, 2000.0), (4, 4));
        assert_eq!(blocks.blocks_in(0.0, f64::INFINITY), (0, 4));
        assert_eq!(blocks.blocks_in(5000.0, 6000.0), (4, 4));
        assert_eq!(heights(&[]).blocks_in(0.0, 100.0), (0, 0));
    }

    #[test]
    fn measuring_moves_the_offsets() {
        let mut blocks = heights(&[100.0, 100.0, 100.0]);
        assert_eq!(blocks.offset_of(2), 200.0);
        assert_eq!(blocks.measure_change(0, 150.0), 50.0);
        assert_eq!(blocks.measure_change(0, 150.2), 0.0, "sub-pixel changes do not re-render");
        assert_eq!(blocks.measure_change(1, 80.0), -20.0, "a block shorter than its estimate");
        assert_eq!(blocks.offset_of(2), 230.0);
        assert_eq!(blocks.total(), 330.0);
    }
}
