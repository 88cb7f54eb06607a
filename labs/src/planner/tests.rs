//! The whole plan against the brief's figures, and the directive's parameters.

use super::*;

fn album(kind: Kind, images: u32) -> Album {
    Album {
        kind,
        images,
        repeats: 1,
    }
}

#[test]
fn twenty_photo_subject() {
    let plan = plan(album(Kind::Subject, 20));
    let c = &plan.course;
    assert_eq!(c.steps.value, 1000);
    assert_eq!(c.batch, 1);
    assert_eq!(c.looks.rounded(), 50);
    assert_eq!(c.learning_rate.value.to_string(), "5e-5");
    assert_eq!(c.rank.value, 16);
    assert_eq!(c.checkpoint_every.value, 250);
    let p = &plan.per_image;
    assert_eq!(p.steps.value, 800);
    assert_eq!(p.batch, 2);
    assert_eq!(p.looks.rounded(), 80);
    assert_eq!(p.learning_rate.value.to_string(), "1e-4");
    assert_eq!(p.rank.value, 16);
    assert_eq!(p.checkpoint_every.value, 100);
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
    assert!(plan.repeats.is_example);
    assert_eq!(
        plan.summary(),
        "20 photos (subject): 1,000 steps at learning rate 5e-5, rank 16, a checkpoint every 250 steps; 50 looks per photo."
    );
}

#[test]
fn forty_image_style() {
    let plan = plan(album(Kind::Style, 40));
    assert_eq!(plan.course.steps.value, 1300);
    assert_eq!(plan.course.looks.count(), "about 33 looks");
    assert_eq!(plan.course.rank.value, 32);
    assert_eq!(plan.course.checkpoint_every.value, 300);
    assert_eq!(plan.per_image.steps.value, 1600);
    assert_eq!(plan.per_image.checkpoint_every.value, 250);
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
    assert!(plan.course.steps.reason.contains("validation"));
}

#[test]
fn fifteen_pair_edit() {
    let plan = plan(album(Kind::Edit, 15));
    assert_eq!(plan.course.steps.value, 1000);
    assert_eq!(plan.course.looks.count(), "about 67 looks");
    assert_eq!(plan.course.rank.value, 16);
    assert_eq!(plan.course.checkpoint_every.value, 250);
    assert_eq!(plan.per_image.steps.value, 600);
    assert_eq!(plan.per_image.checkpoint_every.value, 100);
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
    assert!(plan.course.steps.reason.contains("pair"));
}

#[test]
fn the_briefs_step_examples() {
    // 1,000 steps on 20 photos is 50 looks, healthy; on 8 photos 125, copying.
    let twenty = Looks {
        steps: 1000,
        batch: 1,
        images: 20,
    };
    let eight = Looks {
        images: 8,
        ..twenty
    };
    assert_eq!(
        (twenty.rounded(), twenty.verdict()),
        (50, LooksVerdict::Healthy)
    );
    assert_eq!(
        (eight.rounded(), eight.verdict()),
        (125, LooksVerdict::Copying)
    );
    // So an 8-photo album gets the small-album band instead.
    let plan = plan(album(Kind::Subject, 8));
    assert!((400..=700).contains(&plan.course.steps.value));
    assert_eq!(plan.course.looks.verdict(), LooksVerdict::Healthy);
    assert_eq!(plan.warnings[0].severity, Severity::Caution);
}

#[test]
fn tiny_albums_are_flagged_twice() {
    let plan = plan(album(Kind::Subject, 2));
    assert_eq!(plan.course.steps.value, 400);
    assert_eq!(plan.course.looks.rounded(), 200);
    let cautions = plan
        .warnings
        .iter()
        .filter(|w| w.severity == Severity::Caution)
        .count();
    assert_eq!(cautions, 2, "{:?}", plan.warnings);
}

#[test]
fn big_style_albums_warn_from_both_sides() {
    let plan = plan(album(Kind::Style, 80));
    let texts: Vec<&str> = plan.warnings.iter().map(|w| w.text.as_str()).collect();
    assert!(
        texts.iter().any(|t| t.contains("averaging out")),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.contains("above 60")), "{texts:?}");
}

#[test]
fn repeats_are_caught() {
    let plan = plan(Album {
        kind: Kind::Subject,
        images: 43,
        repeats: 10,
    });
    assert!(!plan.repeats.is_example);
    assert_eq!(plan.repeats.entries, 430);
    assert_eq!(plan.repeats.per_entry().rounded(), 4);
    assert_eq!(plan.repeats.per_image().rounded(), 40);
    assert!(plan.warnings.iter().any(|w| w.text.contains("430 entries")));
    // Repeats never change the recommendation itself.
    assert_eq!(plan.course, course_rules::plan(album(Kind::Subject, 43)));
}

#[test]
fn every_reason_is_one_sentence() {
    for kind in Kind::ALL {
        for images in [1, 9, 12, 20, 45, 200] {
            let plan = plan(album(kind, images));
            for rules in [&plan.course, &plan.per_image] {
                for reason in [
                    &rules.steps.reason,
                    &rules.learning_rate.reason,
                    &rules.rank.reason,
                    &rules.checkpoint_every.reason,
                ] {
                    assert!(reason.ends_with('.'), "{reason}");
                    assert_eq!(reason.matches(". ").count(), 0, "one sentence: {reason}");
                }
            }
        }
    }
}

#[test]
fn parses_the_form() {
    assert_eq!(
        Album::parse(Kind::Edit, " 15 ", "1"),
        Ok(album(Kind::Edit, 15))
    );
    for bad in ["", "0", "-3", "2.5", "501", "twenty"] {
        assert_eq!(
            Album::parse(Kind::Style, bad, "1"),
            Err(InputError::Images { item: "image" }),
            "{bad:?}"
        );
    }
    assert_eq!(
        Album::parse(Kind::Subject, "20", "0"),
        Err(InputError::Repeats)
    );
    assert_eq!(
        InputError::Images { item: "pair" }.to_string(),
        "Enter a whole number of pairs from 1 to 500."
    );
}

#[test]
fn reads_the_directive() {
    let call = |params: &[(&str, &str)]| WidgetCall {
        name: "planner".into(),
        params: params
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    };
    assert_eq!(
        PlannerSpec::from_call(&call(&[])).map(|s| s.album),
        Ok(Album::default())
    );
    assert_eq!(
        PlannerSpec::from_call(&call(&[("kind", "style"), ("images", "40")])).map(|s| s.album),
        Ok(album(Kind::Style, 40))
    );
    let err = |params| {
        PlannerSpec::from_call(&call(params))
            .expect_err("refused")
            .to_string()
    };
    assert_eq!(
        err(&[("kind", "person")]),
        "widget `planner`: `kind` must be subject, style or edit, got `person`"
    );
    assert_eq!(
        err(&[("images", "0")]),
        "widget `planner`: `images` must be a whole number from 1 to 500, got `0`"
    );
}

#[test]
fn kinds_round_trip() {
    for kind in Kind::ALL {
        assert_eq!(Kind::parse(kind.as_str()), Some(kind));
    }
    assert_eq!(Kind::Edit.items(1), "1 pair");
    assert_eq!(Kind::Subject.items(1200), "1,200 photos");
    assert_eq!(
        Rate {
            mantissa: 5,
            exponent: -5
        }
        .value(),
        5e-5
    );
}
