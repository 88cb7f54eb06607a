//! Each round's setup, drawn from a seed.
//!
//! If every round trained the same album at the same rate, a player would learn
//! the step to stop at instead of learning to read a run. So the album size,
//! the learning rate and the training seed vary, and about one round in five
//! has a twist a careful reader of the bench can spot: a frantic learning rate
//! or a tiny album. The draw is plain arithmetic on a seed (no `rand`), so the
//! same round number always gives the same setup and the page bundle stays
//! small.

use serde::{Deserialize, Serialize};

/// Album sizes a normal round draws from (the course's TOK albums).
pub const ALBUMS: [u32; 3] = [8, 20, 40];

/// A bad setup a round may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Twist {
    /// Four times the bench's learning rate: fast, then worse on new prompts.
    FranticRate,
    /// Only eight pictures looked at again and again: memorised early.
    TinyAlbum,
}

/// What one round trains.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundSetup {
    /// Which round of the player's session (its setup's seed).
    pub round: u32,
    /// Pictures in the TOK album.
    pub album: u32,
    /// The learning rate as a multiple of the bench's default.
    pub rate_factor: f32,
    /// Seed of the LoRA's start and of the training noise.
    pub seed: u64,
    /// Steps the run goes to if nobody stops it.
    pub max_steps: u32,
    /// Steps between validation samples (and the hidden measurements).
    pub validate_every: u32,
    /// The bad setup, if this round has one.
    pub twist: Option<Twist>,
}

impl RoundSetup {
    /// The setup of round `round` in a session seeded `session`.
    pub fn draw(session: u64, round: u32) -> RoundSetup {
        let mut bits = SplitMix(session ^ (u64::from(round) << 32 | u64::from(round)));
        let twist = match bits.below(10) {
            0 => Some(Twist::FranticRate),
            1 => Some(Twist::TinyAlbum),
            _ => None,
        };
        let album = match twist {
            Some(Twist::TinyAlbum) => ALBUMS[0],
            _ => ALBUMS[bits.below(ALBUMS.len() as u64) as usize],
        };
        let rate_factor: f32 = match twist {
            Some(Twist::FranticRate) => 4.0,
            _ => [0.7, 1.0, 1.4][bits.below(3) as usize],
        };
        // A faster rate reaches (and passes) the sweet spot sooner; the run
        // always goes far enough past it that stopping late is possible.
        let max_steps = (3000.0 / rate_factor.min(2.0)).round() as u32;
        RoundSetup {
            round,
            album,
            rate_factor,
            seed: bits.next(),
            max_steps,
            validate_every: 100,
            twist,
        }
    }

    /// The bench as the player sees it, in one line.
    pub fn summary(&self) -> String {
        format!(
            "{} pictures of TOK, learning rate ×{}, seed {}",
            self.album,
            self.rate_factor,
            self.seed % 10_000
        )
    }
}

/// The SplitMix64 generator: a few lines, good enough to vary game rounds.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The options a chapter's `stop-the-run` directive may set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GameSpec {
    /// Cap every round at this many steps (`steps = 600`).
    pub max_steps: Option<u32>,
}

impl GameSpec {
    /// Reads a directive's `steps` (a whole number of at least 100).
    pub fn from_param(steps: Option<&str>) -> Result<GameSpec, String> {
        let max_steps = match steps {
            None => None,
            Some(raw) => match raw.trim().parse::<u32>() {
                Ok(n) if n >= 100 => Some(n),
                _ => {
                    return Err(format!(
                        "`steps` must be a whole number of at least 100, got `{raw}`"
                    ));
                }
            },
        };
        Ok(GameSpec { max_steps })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directive_may_cap_the_rounds() {
        assert_eq!(GameSpec::from_param(None), Ok(GameSpec::default()));
        assert_eq!(
            GameSpec::from_param(Some("600")),
            Ok(GameSpec {
                max_steps: Some(600)
            })
        );
        for bad in ["50", "lots", "-3"] {
            assert!(GameSpec::from_param(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_same_round_always_gets_the_same_setup() {
        assert_eq!(RoundSetup::draw(7, 3), RoundSetup::draw(7, 3));
        assert_ne!(RoundSetup::draw(7, 3), RoundSetup::draw(7, 4));
        assert_ne!(RoundSetup::draw(7, 3), RoundSetup::draw(8, 3));
    }

    #[test]
    fn rounds_vary_and_twists_are_occasional() {
        let rounds: Vec<_> = (0..200).map(|r| RoundSetup::draw(42, r)).collect();
        for size in ALBUMS {
            assert!(rounds.iter().any(|s| s.album == size), "album {size}");
        }
        for factor in [0.7, 1.0, 1.4, 4.0] {
            assert!(
                rounds.iter().any(|s| s.rate_factor == factor),
                "rate ×{factor}"
            );
        }
        let twisted = rounds.iter().filter(|s| s.twist.is_some()).count();
        assert!((20..=60).contains(&twisted), "{twisted} of 200 twisted");
        let seeds: std::collections::HashSet<_> = rounds.iter().map(|s| s.seed).collect();
        assert_eq!(seeds.len(), rounds.len());
    }

    #[test]
    fn a_twist_shows_on_the_bench() {
        for setup in (0..200).map(|r| RoundSetup::draw(1, r)) {
            match setup.twist {
                Some(Twist::FranticRate) => assert_eq!(setup.rate_factor, 4.0),
                Some(Twist::TinyAlbum) => assert_eq!(setup.album, 8),
                None => assert!(setup.rate_factor <= 1.4),
            }
            assert!(setup.max_steps >= 10 * setup.validate_every);
            assert!(setup.summary().contains(&setup.album.to_string()));
        }
    }
}
