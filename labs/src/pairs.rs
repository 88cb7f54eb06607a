//! How the edit album's pairs are made, as data: three real pairs, six stages
//! each, from `assets/albums/pairs/pairs.json` (written with its sheet by
//! `cargo xtask experiments figures`, i.e. `trainer world pairs`), and what each
//! stage does, in words. No DOM here.

use serde::Deserialize;

use crate::crop::Sheet;

const PAIRS_JSON: &str = include_str!("../../assets/albums/pairs/pairs.json");

/// Where the stage sheet is served: a row per pair, a column per stage.
pub const SHEET_URL: &str = "/assets/albums/pairs/pairs.png";

/// The pairs shown and the stages they went through.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PairSheet {
    /// The pairs' numbers in the edit album.
    pub pairs: Vec<usize>,
    /// The stages' names, in order.
    pub stages: Vec<String>,
    /// Each pair's caption.
    pub captions: Vec<String>,
    /// The seed of the albums.
    pub seed: u64,
    /// Picture side in pixels.
    pub size: u32,
}

/// The shipped sheet, or why it cannot be read.
pub fn shipped() -> Result<PairSheet, String> {
    parse(PAIRS_JSON)
}

/// Reads the data and checks it matches the stages this module explains.
pub fn parse(json: &str) -> Result<PairSheet, String> {
    let sheet: PairSheet =
        serde_json::from_str(json).map_err(|e| format!("the pair sheet's data: {e}"))?;
    if sheet.stages.len() != EXPLAINED.len() {
        return Err(format!(
            "the pair sheet has {} stages; the widget explains {}",
            sheet.stages.len(),
            EXPLAINED.len()
        ));
    }
    if sheet.pairs.is_empty() || sheet.captions.len() != sheet.pairs.len() {
        return Err("the pair sheet needs one caption per pair".into());
    }
    Ok(sheet)
}

/// What each stage does, in the sheet's order.
const EXPLAINED: [&str; 6] = [
    "Our world draws the scene from its description: where the subject stands, how the light falls. In a real project this is the photo shoot, or the set of finished pictures we commission.",
    "The side the bracelet will learn to produce is made first, in one steady style. Every colour and every brush mark here is a choice we made on purpose.",
    "The first step downhill throws the colour away. Nothing is invented: brightness is all that is left.",
    "Where brightness changes sharply there is an outline. Finding edges is plain arithmetic on neighbouring pixels, the same for every picture.",
    "The edges are thinned to their ridges, dark areas get a little hatching, and the lines go onto off-white paper. This is the start picture of the pair.",
    "The check: laid over the painting, the lines sit exactly on its shapes. A pair whose lines drift off its shapes gets remade, never kept.",
];

impl PairSheet {
    /// The sheet's geometry: a column per stage, a row per pair.
    pub fn geometry(&self) -> Sheet {
        Sheet::grid(
            self.stages.len() as u32,
            self.pairs.len() as u32,
            self.size,
            1,
        )
    }

    /// What stage `index` does.
    pub fn explain(&self, index: usize) -> &'static str {
        EXPLAINED[index.min(EXPLAINED.len() - 1)]
    }

    /// Where the figure comes from, in one sentence.
    pub fn provenance(&self) -> String {
        let numbers: Vec<String> = self.pairs.iter().map(|n| format!("{n:02}")).collect();
        format!(
            "Real pairs edit_{} of the course's edit album (seed {}), made by the world's own code; every stage is a real intermediate picture.",
            numbers.join(", edit_"),
            self.seed
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_sheet_has_every_stage_explained() {
        let sheet = shipped().expect("the shipped sheet");
        assert_eq!(sheet.pairs, [4, 7, 9]);
        assert_eq!(sheet.stages.len(), 6);
        assert_eq!(sheet.geometry().width, 199);
        assert_eq!(sheet.geometry().height, 100);
        assert!(sheet.explain(5).starts_with("The check"));
        assert_eq!(
            sheet.provenance(),
            "Real pairs edit_04, edit_07, edit_09 of the course's edit album (seed 1), made by the world's own code; every stage is a real intermediate picture."
        );
    }

    #[test]
    fn refuses_sheets_it_cannot_explain() {
        assert!(
            parse(r#"{"pairs":[1],"stages":["a"],"captions":["c"],"seed":1,"size":32}"#).is_err()
        );
        assert!(parse("[]").is_err());
    }
}
