//! The two-bracelet grid's data: the TOK bracelet and the TOKSTYLE bracelet
//! worn together at every pair of scales, one real picture per pair, and what
//! the judges read in each. No DOM here.
//!
//! The numbers come from `assets/experiments/mix-grid-verdicts.json`, written
//! with the grid's picture (`mix-grid.png`) by `cargo xtask experiments mix`
//! (`trainer sample --grid … --verdicts …`), and are compiled in.

use serde::Deserialize;

const VERDICTS_JSON: &str = include_str!("../../assets/experiments/mix-grid-verdicts.json");

/// Where the grid's picture is served.
pub const GRID_URL: &str = "/assets/experiments/mix-grid.png";

/// One picture of the grid and the judges' reading of it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Cell {
    /// The TOK bracelet's scale, then the TOKSTYLE bracelet's.
    pub scales: (f32, f32),
    /// The judges' probability that it shows `TOK`.
    pub tok: f64,
    /// The subject kind the judges read (`tok`, `figurine`, `realcat`, …).
    pub subject: String,
    /// The style they read (`photo`, `painting`, `sketch`, `tokstyle`).
    pub style: String,
    /// How sure they are of that style.
    pub style_prob: f64,
}

/// The whole grid: rows are the TOK bracelet's scales, columns the TOKSTYLE
/// bracelet's, both from [`MixGrid::scales`].
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct MixGrid {
    /// What was painted.
    pub prompt: String,
    /// The seed every picture shares.
    pub seed: u64,
    /// The two LoRA files, TOK first.
    pub loras: Vec<String>,
    /// The pictures, row by row.
    pub pictures: Vec<Cell>,
}

/// The shipped grid, or why it cannot be read.
pub fn shipped() -> Result<MixGrid, String> {
    parse(VERDICTS_JSON)
}

/// Reads a grid and checks that it is square, row by row, on shared scales.
pub fn parse(json: &str) -> Result<MixGrid, String> {
    let grid: MixGrid =
        serde_json::from_str(json).map_err(|e| format!("the two-bracelet grid's data: {e}"))?;
    let n = grid.scales().len();
    if n == 0 || grid.pictures.len() != n * n {
        return Err(format!(
            "the two-bracelet grid has {} pictures, not a square",
            grid.pictures.len()
        ));
    }
    let scales = grid.scales();
    for (i, cell) in grid.pictures.iter().enumerate() {
        if cell.scales != (scales[i / n], scales[i % n]) {
            return Err(format!("picture {i} is out of row order"));
        }
    }
    Ok(grid)
}

impl MixGrid {
    /// The scales along each side (the first row's second scales).
    pub fn scales(&self) -> Vec<f32> {
        let n = (self.pictures.len() as f64).sqrt().round() as usize;
        self.pictures.iter().take(n).map(|c| c.scales.1).collect()
    }

    /// The picture at TOK scale index `row` and TOKSTYLE scale index `column`.
    pub fn cell(&self, row: usize, column: usize) -> &Cell {
        let n = self.scales().len();
        &self.pictures[(row.min(n - 1)) * n + column.min(n - 1)]
    }

    /// Where the grid comes from, in one sentence.
    pub fn provenance(&self) -> String {
        format!(
            "Real pictures: \u{201c}{}\u{201d}, seed {}, the base painter wearing {} (rows) and {} (columns), one picture per pair of scales; read by the shipped judges.",
            self.prompt,
            self.seed,
            self.loras.first().map_or("", |s| run_name(s)),
            self.loras.get(1).map_or("", |s| run_name(s)),
        )
    }
}

/// `assets/experiments/NAME/lora.safetensors` → `NAME`.
fn run_name(path: &str) -> &str {
    path.rsplit('/').nth(1).unwrap_or(path)
}

/// A style as the page names it.
pub fn style_words(style: &str) -> &str {
    match style {
        "tokstyle" => "a TOKSTYLE painting",
        "painting" => "a plain soft painting",
        "photo" => "a photo",
        "sketch" => "a pencil sketch",
        other => other,
    }
}

/// A subject kind as the page names it.
pub fn subject_words(subject: &str) -> &str {
    match subject {
        "tok" => "TOK",
        "figurine" => "some other cat figurine",
        "realcat" => "a real cat",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_grid_is_square_and_real() {
        let grid = shipped().expect("the shipped grid");
        assert_eq!(grid.scales(), [0.0, 0.5, 1.0, 1.5]);
        // Neither bracelet worn: the painter does not know TOK.
        assert!(grid.cell(0, 0).tok < 0.1);
        assert_eq!(grid.cell(2, 1).scales, (1.0, 0.5));
        assert!(
            grid.provenance()
                .contains("steps-1000 (rows) and style-tokstyle (columns)")
        );
    }

    #[test]
    fn refuses_grids_it_cannot_draw_and_names_things() {
        assert!(parse(r#"{"prompt":"p","seed":1,"loras":[],"pictures":[]}"#).is_err());
        let shuffled = r#"{"prompt":"p","seed":1,"loras":[],"pictures":[
            {"scales":[0,0],"tok":0,"subject":"tok","style":"photo","style_prob":1},
            {"scales":[1,0],"tok":0,"subject":"tok","style":"photo","style_prob":1},
            {"scales":[0,1],"tok":0,"subject":"tok","style":"photo","style_prob":1},
            {"scales":[1,1],"tok":0,"subject":"tok","style":"photo","style_prob":1}]}"#;
        assert!(parse(shuffled).is_err());
        assert_eq!(style_words("tokstyle"), "a TOKSTYLE painting");
        assert_eq!(subject_words("realcat"), "a real cat");
        assert_eq!(subject_words("vase"), "vase");
    }
}
