//! The content words of every line, hashed, sorted and counted: which words two lines share, and
//! how many lines of the log hold the rarest of them.


#[derive(Default)]
pub(crate) struct LineWords {
    /// `words[start[i]..start[i + 1]]` are line `i`'s words.
    start: Vec<u32>,
    /// A word's hash, and then the number of lines holding it (once [`LineWords::finish`] ran).
    words: Vec<(u32, u32)>,
    /// Keyed by the word's hash, which needs no hashing again.
    lines_holding: nohash_hasher::IntMap<u32, u32>,
    /// The words of the line being read.
    current: Vec<u32>,
}

impl LineWords {
    pub fn with_capacity(n_lines: usize) -> LineWords {
        let mut start = Vec::with_capacity(n_lines + 1);
        start.push(0);
        LineWords { start, ..LineWords::default() }
    }

    /// A word of the line being read.
    pub fn add(&mut self, hash: u32) {
        self.current.push(hash);
    }

    /// The line being read is complete (it may have no words).
    pub fn end_line(&mut self) {
        self.current.sort_unstable();
        self.current.dedup();
        for &word in &self.current {
            *self.lines_holding.entry(word).or_insert(0) += 1;
            self.words.push((word, 0));
        }
        self.current.clear();
        self.start.push(self.words.len() as u32);
    }

    /// Every line is read: each word learns how many lines hold it.
    pub fn finish(&mut self) {
        for (word, lines) in &mut self.words {
            *lines = self.lines_holding.get(word).copied().unwrap_or(1);
        }
        self.lines_holding = nohash_hasher::IntMap::default();
    }

    fn of(&self, line: usize) -> &[(u32, u32)] {
        &self.words[self.start[line] as usize..self.start[line + 1] as usize]
    }

    /// The words lines `a` and `b` share: how many, and how many lines hold the rarest of them.
    pub fn shared(&self, a: usize, b: usize) -> (u16, u32) {
        let (mut left, mut right) = (self.of(a), self.of(b));
        let (mut shared, mut rarest) = (0u16, u32::MAX);
        while let (Some(&(x, lines)), Some(&(y, _))) = (left.first(), right.first()) {
            if x == y {
                shared += 1;
                rarest = rarest.min(lines);
            }
            if x <= y {
                left = &left[1..];
            }
            if y <= x {
                right = &right[1..];
            }
        }
        (shared, rarest)
    }
}

#[cfg(test)]
mod tests {
    use super::LineWords;

    #[test]
    fn shares_words_and_counts_their_lines() {
        let mut words = LineWords::with_capacity(3);
        for line in [&[7, 3, 7, 9][..], &[3, 9, 11], &[]] {
            line.iter().for_each(|&word| words.add(word));
            words.end_line();
        }
        words.finish();
        // 3 and 9 are on two lines each; 7 once, though said twice.
        assert_eq!(words.shared(0, 1), (2, 2));
        assert_eq!(words.shared(0, 2), (0, u32::MAX));
        assert_eq!(words.shared(1, 1), (3, 1));
    }

    /// Long lists share words as short ones do.
    #[test]
    fn long_lists_share_words() {
        let mut words = LineWords::with_capacity(3);
        let long: Vec<u32> = (0..40).map(|word| word * 3).collect();
        let other: Vec<u32> = (0..30).map(|word| word * 5).collect();
        for line in [&long[..], &other[..], &[15, 30, 31][..]] {
            line.iter().for_each(|&word| words.add(word));
            words.end_line();
        }
        words.finish();
        // Multiples of 15 below 120: 0, 15, …, 105; 15 and 30 are on all three lines.
        assert_eq!(words.shared(0, 1), (8, 2));
        assert_eq!(words.shared(0, 2), (2, 3));
        assert_eq!(words.shared(2, 1), (2, 3));
    }
}
