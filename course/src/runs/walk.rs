//! Walking the samples with the arrow keys: left and right move one validation
//! prompt through the run, up and down switch prompts. Plain logic, no DOM.

/// Where a key moves: `(steps, prompts)` deltas, or `None` for other keys.
pub fn direction(key: &str) -> Option<(isize, isize)> {
    match key {
        "ArrowLeft" => Some((-1, 0)),
        "ArrowRight" => Some((1, 0)),
        "ArrowUp" => Some((0, -1)),
        "ArrowDown" => Some((0, 1)),
        "Home" => Some((isize::MIN, 0)),
        "End" => Some((isize::MAX, 0)),
        _ => None,
    }
}

/// `index` moved by `delta` within `0..len`, stopping at the ends.
pub fn moved(index: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    match delta {
        isize::MIN => 0,
        isize::MAX => last,
        d if d < 0 => index.saturating_sub(d.unsigned_abs()),
        d => index.saturating_add(d.unsigned_abs()).min(last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_walk_and_stop_at_the_ends() {
        assert_eq!(direction("ArrowRight"), Some((1, 0)));
        assert_eq!(direction("a"), None);
        assert_eq!(moved(0, -1, 5), 0);
        assert_eq!(moved(3, 1, 5), 4);
        assert_eq!(moved(4, 1, 5), 4);
        assert_eq!(moved(2, isize::MIN, 5), 0);
        assert_eq!(moved(2, isize::MAX, 5), 4);
        assert_eq!(moved(0, 1, 0), 0);
    }
}
