//! Small number helpers the planner's sentences share.

/// `n` with commas between thousands: `17200` → `17,200`.
pub fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `numerator / denominator` rounded to the nearest whole number, halves up.
/// A zero denominator gives zero (the planner never divides by zero: albums
/// hold at least one picture).
pub fn div_round(numerator: u64, denominator: u64) -> u64 {
    if denominator == 0 {
        return 0;
    }
    (2 * numerator + denominator) / (2 * denominator)
}

/// `numerator / denominator` rounded to the nearest hundred, halves up.
pub fn round_hundred(numerator: u64, denominator: u64) -> u64 {
    div_round(numerator, denominator * 100) * 100
}

/// Narrows a count the planner computed to `u32`; every value here is far below
/// `u32::MAX` (at most a few hundred thousand), so saturation never happens.
pub fn to_u32(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1720), "1,720");
        assert_eq!(thousands(17200), "17,200");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn rounds_halves_up() {
        assert_eq!(div_round(125, 1), 125);
        assert_eq!(div_round(1000, 30), 33);
        assert_eq!(div_round(500, 8), 63);
        assert_eq!(div_round(1, 0), 0);
        assert_eq!(round_hundred(9000, 15), 600);
        assert_eq!(round_hundred(7000, 15), 500);
        assert_eq!(round_hundred(40_000, 30), 1300);
        assert_eq!(round_hundred(450, 1), 500);
        assert_eq!(round_hundred(449, 1), 400);
    }
}
