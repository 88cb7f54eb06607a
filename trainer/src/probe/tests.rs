//! Tests of the probes: the exam asks every question once per pair and counts
//! every picture it paints.

use burn::backend::Flex;

use super::exam::{self, ExamConfig};
use crate::judge::{Judges, SubjectKind};
use crate::model::PainterConfig;
use crate::world::{Framing, Scene, Style};

fn shipped_judges() -> Judges<Flex> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../assets/judges/judges.safetensors"
    );
    let bytes = std::fs::read(path).expect("the shipped judges are in assets/judges/");
    Judges::load(&bytes, &Default::default()).expect("the shipped judges load")
}

#[test]
fn the_exam_asks_every_scene_with_every_generic_kind() {
    let config = ExamConfig {
        per_pair: 2,
        ..ExamConfig::default()
    };
    let questions = exam::questions(&config);
    assert_eq!(questions.len(), Scene::ALL.len() * 8 * 2);
    for scene in Scene::ALL {
        for kind in SubjectKind::ALL
            .into_iter()
            .filter(|k| *k != SubjectKind::Tok)
        {
            let asked = questions
                .iter()
                .filter(|q| q.spec.scene == scene && SubjectKind::of(q.spec.subject) == kind)
                .count();
            assert_eq!(asked, 2, "{scene:?} with {kind:?}");
        }
    }
    assert!(questions.iter().all(|q| q.spec.style == Style::Photo
        && q.spec.framing == Framing::Normal
        && !q.prompt.contains("TOK")));
    assert_eq!(questions, exam::questions(&config), "seeded");
    let other = exam::questions(&ExamConfig { seed: 7, ..config });
    assert_ne!(
        questions, other,
        "another seed asks other colours and noise"
    );
}

#[test]
fn sitting_the_exam_counts_every_picture() {
    let painter =
        PainterConfig::new(16, 32, 2, 2, 32).init_jittered::<Flex>(3, &Default::default());
    let config = ExamConfig {
        per_pair: 1,
        tok_pictures: 2,
        steps: 2,
        ..ExamConfig::default()
    };
    let mut seen = 0;
    let report = exam::sit(&painter, &shipped_judges(), &config, |done, total| {
        seen = done;
        assert_eq!(total, 80 + 4);
    })
    .expect("the exam runs");
    assert_eq!(seen, 84);
    assert_eq!(report.scene.count, 80);
    assert_eq!(report.subject.count, 80);
    assert_eq!(report.tok_bare.count, 2);
    assert_eq!(report.tok_captioned.count, 2);
    let per_scene: usize = report.by_scene.iter().map(|(_, s)| s.count).sum();
    let per_scene_hits: usize = report.by_scene.iter().map(|(_, s)| s.hits).sum();
    assert_eq!((per_scene, per_scene_hits), (80, report.scene.hits));
    let per_kind: usize = report.by_kind.iter().map(|(_, s)| s.hits).sum();
    assert_eq!(per_kind, report.subject.hits);
    let subject_by_scene: Vec<(usize, usize)> = report
        .subject_by_scene
        .iter()
        .map(|(_, s)| (s.count, s.hits))
        .collect();
    assert_eq!(subject_by_scene.len(), 10);
    assert!(subject_by_scene.iter().all(|(count, _)| *count == 8));
    let hits: usize = subject_by_scene.iter().map(|(_, hits)| hits).sum();
    assert_eq!(hits, report.subject.hits);
    assert!(report.line().contains("scene"));
}

#[test]
fn the_probe_set_is_fixed_and_measures_both_families() {
    use super::probes::{FamilyScores, ProbeSet, UNSEEN, measure};
    let set = ProbeSet::tok(2, 5);
    assert_eq!(set, ProbeSet::tok(2, 5));
    assert_eq!(set.probes.len(), 1 + UNSEEN.len());
    assert_eq!(set.pictures(), 4 + 4 * 2);
    assert!(set.probes[0].album_like && set.probes[0].prompt.contains("windowsill"));
    assert!(set.probes.iter().all(|p| p.prompt.contains("TOK")));
    let painter =
        PainterConfig::new(16, 32, 2, 2, 32).init_jittered::<Flex>(3, &Default::default());
    let mut rng = <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(1);
    let album: Vec<_> = (0..3)
        .map(|_| {
            let spec = crate::world::SceneSpec::random_tok(&mut rng);
            crate::world::render(&spec, 32).expect("renders")
        })
        .collect();
    let set = ProbeSet {
        sampling: crate::sample::SampleConfig {
            steps: 2,
            ..set.sampling
        },
        ..set
    };
    let (report, pictures) =
        measure(&painter, &[], &shipped_judges(), &album, &set).expect("measures");
    assert_eq!(pictures.len(), set.pictures());
    assert_eq!(report.album_like.count, 4);
    assert_eq!(report.unseen.count, 8);
    assert_eq!(report.unseen_identity.len(), UNSEEN.len());
    assert_eq!(report.per_scene.len(), UNSEEN.len());
    // Each unseen scene has as many pictures, so the family is their mean.
    let mean = |f: fn(&FamilyScores) -> f64| {
        report.per_scene.iter().map(f).sum::<f64>() / UNSEEN.len() as f64
    };
    for (family, scenes) in [
        (report.unseen.obedience, mean(|s| s.obedience)),
        (report.unseen.windowsill_leak, mean(|s| s.windowsill_leak)),
        (report.unseen.album_leak, mean(|s| s.album_leak)),
        (report.unseen.identity, mean(|s| s.identity)),
    ] {
        assert!((family - scenes).abs() < 1e-9, "{family} vs {scenes}");
    }
    for family in [report.album_like, report.unseen] {
        for share in [family.identity, family.obedience, family.windowsill_leak] {
            assert!((0.0..=1.0).contains(&share), "{family:?}");
        }
        assert!((-1.0..=1.0).contains(&family.album_leak));
    }
    assert_eq!(
        report.album_like.windowsill_leak, 0.0,
        "asked for the windowsill"
    );
}
