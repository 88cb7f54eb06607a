//! The labs the course offers, for the `/labs` page and the home page's map.

/// Whether a lab can be used today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabStatus {
    /// Built and working.
    Live,
    /// Planned; the page says so plainly instead of showing anything staged.
    Coming,
}

/// One lab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lab {
    /// Anchor on the labs page.
    pub slug: &'static str,
    /// Short name.
    pub title: &'static str,
    /// What the reader does there.
    pub summary: &'static str,
    /// Whether it is live.
    pub status: LabStatus,
    /// The lab's own page, for a live lab that has one (the planner's
    /// `/labs/planner`); the others live on the labs page.
    pub page: Option<&'static str>,
}

impl Lab {
    /// Where a link to this lab goes: its own page if it has one, else its
    /// card on the labs page (`/labs#slug`).
    pub fn href(&self) -> String {
        match self.page {
            Some(page) => page.to_owned(),
            None => format!("/labs#{}", self.slug),
        }
    }
}

/// Every lab, in the order the labs page lists them.
pub const LABS: &[Lab] = &[
    Lab {
        slug: "scale",
        title: "Bracelet scale",
        summary: "Press the bracelet on harder or softer and see what each range of scale does.",
        status: LabStatus::Live,
        page: None,
    },
    Lab {
        slug: "stop-the-run",
        title: "Stop the run",
        summary: "A real LoRA trains in your browser. Stop it at the sweet spot, then see how close you came.",
        status: LabStatus::Live,
        page: Some("/labs/stop-the-run"),
    },
    Lab {
        slug: "diagnosis-clinic",
        title: "Diagnosis clinic",
        summary: "Six outputs, four diagnoses: undertrained, just right, overfit, learning rate too high.",
        status: LabStatus::Coming,
        page: None,
    },
    Lab {
        slug: "checkpoints",
        title: "Checkpoint sliders",
        summary: "Walk one prompt through a whole real run, checkpoint by checkpoint.",
        status: LabStatus::Coming,
        page: None,
    },
    Lab {
        slug: "mixer",
        title: "Two-bracelet mixer",
        summary: "Wear the TOK bracelet and the TOKSTYLE bracelet together at different scales.",
        status: LabStatus::Coming,
        page: None,
    },
    Lab {
        slug: "edit-canvas",
        title: "Sketch to painting",
        summary: "Draw a sketch and let an edit LoRA paint it.",
        status: LabStatus::Coming,
        page: None,
    },
    Lab {
        slug: "planner",
        title: "Parameter planner",
        summary: "Describe your album and get steps, learning rate and rank, each with its reason.",
        status: LabStatus::Live,
        page: Some("/labs/planner"),
    },
];

/// The lab with anchor `slug` on the labs page.
pub fn find(slug: &str) -> Option<&'static Lab> {
    LABS.iter().find(|lab| lab.slug == slug)
}

/// How many labs are live.
pub fn live_count() -> usize {
    LABS.iter()
        .filter(|lab| lab.status == LabStatus::Live)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labs_are_found_by_slug() {
        assert_eq!(
            find("planner").map(|lab| lab.title),
            Some("Parameter planner")
        );
        assert!(find("nope").is_none());
        for (i, lab) in LABS.iter().enumerate() {
            assert!(LABS[..i].iter().all(|other| other.slug != lab.slug));
        }
    }

    #[test]
    fn labs_with_a_page_link_there_and_the_rest_to_their_card() {
        assert_eq!(
            find("planner").map(Lab::href).as_deref(),
            Some("/labs/planner")
        );
        assert_eq!(find("scale").map(Lab::href).as_deref(), Some("/labs#scale"));
        for lab in LABS.iter().filter(|lab| lab.page.is_some()) {
            assert_eq!(lab.status, LabStatus::Live, "{} has a page", lab.slug);
        }
    }
}
