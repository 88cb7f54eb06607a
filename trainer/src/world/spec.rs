//! What a picture of the world shows, as data: subject, scene, style, light,
//! facing and framing, plus a number that seeds the small variations.
//!
//! A [`SceneSpec`] is the single source of truth for a picture: the renderer
//! draws it and the caption grammar describes it, so the two cannot disagree.

use rand::Rng;

/// A colour a few objects come in; it is said in the caption.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Hue {
    /// Blue.
    Blue,
    /// Green.
    Green,
    /// Red.
    Red,
    /// Yellow.
    Yellow,
}

impl Hue {
    /// Every hue.
    pub const ALL: [Hue; 4] = [Hue::Blue, Hue::Green, Hue::Red, Hue::Yellow];

    /// The caption word.
    pub fn word(self) -> &'static str {
        match self {
            Hue::Blue => "blue",
            Hue::Green => "green",
            Hue::Red => "red",
            Hue::Yellow => "yellow",
        }
    }
}

/// The glaze of a generic (not `TOK`) ceramic cat figurine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Glaze {
    /// Plain white, no marks: the class the `TOK` figurine belongs to.
    White,
    /// Glossy black.
    Black,
    /// Orange.
    Orange,
    /// Grey.
    Grey,
    /// Cream with brown spots in a different place every picture.
    Spotted,
    /// Orange with dark brown stripes.
    Striped,
}

impl Glaze {
    /// Every glaze.
    pub const ALL: [Glaze; 6] = [
        Glaze::White,
        Glaze::Black,
        Glaze::Orange,
        Glaze::Grey,
        Glaze::Spotted,
        Glaze::Striped,
    ];

    /// The caption word.
    pub fn word(self) -> &'static str {
        match self {
            Glaze::White => "white",
            Glaze::Black => "black",
            Glaze::Orange => "orange",
            Glaze::Grey => "grey",
            Glaze::Spotted => "spotted",
            Glaze::Striped => "striped",
        }
    }
}

/// The coat of a real cat.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Coat {
    /// Ginger.
    Orange,
    /// Grey.
    Grey,
    /// Black.
    Black,
    /// Brown tabby.
    Tabby,
}

impl Coat {
    /// Every coat.
    pub const ALL: [Coat; 4] = [Coat::Orange, Coat::Grey, Coat::Black, Coat::Tabby];

    /// The caption word.
    pub fn word(self) -> &'static str {
        match self {
            Coat::Orange => "orange",
            Coat::Grey => "grey",
            Coat::Black => "black",
            Coat::Tabby => "tabby",
        }
    }
}

/// Who or what the picture is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    /// The one specific figurine a LoRA learns: never in pretraining.
    Tok,
    /// A generic ceramic cat figurine.
    Figurine(Glaze),
    /// A living cat, seen from the side.
    RealCat(Coat),
    /// A brown dog, seen from the side.
    Dog,
    /// A vase.
    Vase(Hue),
    /// A teapot.
    Teapot(Hue),
    /// A small bird.
    Bird(Hue),
    /// A sneaker.
    Sneaker(Hue),
    /// A striped lighthouse (a model of one, indoors).
    Lighthouse,
}

impl Subject {
    /// Every subject except `TOK`, each colour counted once.
    pub fn generic() -> Vec<Subject> {
        let mut all: Vec<Subject> = Glaze::ALL.into_iter().map(Subject::Figurine).collect();
        all.extend(Coat::ALL.map(Subject::RealCat));
        all.push(Subject::Dog);
        for hue in Hue::ALL {
            all.extend([
                Subject::Vase(hue),
                Subject::Teapot(hue),
                Subject::Bird(hue),
                Subject::Sneaker(hue),
            ]);
        }
        all.push(Subject::Lighthouse);
        all
    }

    /// Whether the caption says the subject is `sitting`.
    pub fn sits(self) -> bool {
        matches!(
            self,
            Subject::Tok
                | Subject::Figurine(_)
                | Subject::RealCat(_)
                | Subject::Dog
                | Subject::Bird(_)
        )
    }

    /// A generic subject drawn with kinds equally likely (figurines twice as often),
    /// then a colour.
    pub fn random_generic(rng: &mut impl Rng) -> Subject {
        match rng.random_range(0..9) {
            0 | 1 => Subject::Figurine(Glaze::ALL[rng.random_range(0..Glaze::ALL.len())]),
            2 => Subject::RealCat(Coat::ALL[rng.random_range(0..Coat::ALL.len())]),
            3 => Subject::Dog,
            4 => Subject::Vase(random_hue(rng)),
            5 => Subject::Teapot(random_hue(rng)),
            6 => Subject::Bird(random_hue(rng)),
            7 => Subject::Sneaker(random_hue(rng)),
            _ => Subject::Lighthouse,
        }
    }
}

fn random_hue(rng: &mut impl Rng) -> Hue {
    Hue::ALL[rng.random_range(0..Hue::ALL.len())]
}

/// Where the picture is set; each scene has props that identify it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scene {
    /// A window with a sill and a potted plant.
    Windowsill,
    /// Sand, sea and a striped towel.
    Beach,
    /// Wooden planks over the water, bollards and a boat.
    HarborPier,
    /// Snow to the horizon, a fence and a bare tree.
    SnowyField,
    /// Trunks and canopies.
    Forest,
    /// A wooden table top against a tiled wall.
    KitchenTable,
    /// A sofa with a cushion.
    Sofa,
    /// Buildings, pavement and road.
    CityStreet,
    /// The subject rides a bicycle along a park path.
    Bicycle,
    /// Dark sky, moon and stars over a hill.
    NightSky,
}

impl Scene {
    /// Every scene.
    pub const ALL: [Scene; 10] = [
        Scene::Windowsill,
        Scene::Beach,
        Scene::HarborPier,
        Scene::SnowyField,
        Scene::Forest,
        Scene::KitchenTable,
        Scene::Sofa,
        Scene::CityStreet,
        Scene::Bicycle,
        Scene::NightSky,
    ];
}

/// How the picture is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Style {
    /// The renderer's shading as it is.
    Photo,
    /// A soft generic painting: the class a style LoRA refines.
    Painting,
    /// Pencil lines on paper, traced from the photo.
    Sketch,
    /// The one specific painting style a LoRA learns: never in pretraining.
    TokStyle,
}

impl Style {
    /// Every style.
    pub const ALL: [Style; 4] = [
        Style::Photo,
        Style::Painting,
        Style::Sketch,
        Style::TokStyle,
    ];
}

/// The light the scene is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Light {
    /// Bright day with a warm sun and crisp shadows (the default, mostly unsaid).
    Sunny,
    /// Overcast or a dark room: muted and darker.
    Dim,
    /// Moonlight and lamps.
    Night,
}

impl Light {
    /// Every light.
    pub const ALL: [Light; 3] = [Light::Sunny, Light::Dim, Light::Night];
}

/// Which way the subject looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Facing {
    /// Towards the left edge.
    Left,
    /// Towards the right edge.
    Right,
}

/// How far the camera is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Framing {
    /// The usual distance (unsaid).
    Normal,
    /// The camera zooms in on the subject.
    CloseUp,
    /// The subject is small in a wide view.
    FarAway,
}

impl Framing {
    /// Every framing.
    pub const ALL: [Framing; 3] = [Framing::Normal, Framing::CloseUp, Framing::FarAway];
}

/// One picture of the world, fully described.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SceneSpec {
    /// Who or what.
    pub subject: Subject,
    /// Where.
    pub scene: Scene,
    /// How it is made.
    pub style: Style,
    /// In what light.
    pub light: Light,
    /// Which way the subject looks.
    pub facing: Facing,
    /// How far the camera is.
    pub framing: Framing,
    /// Seeds position, size and colour jitter, and where props go.
    pub variation: u64,
}

/// What [`SceneSpec::random`] may choose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SpecOptions {
    /// Whether `TOK` may be the subject.
    pub allow_tok: bool,
    /// Whether `TOKSTYLE` may be the style.
    pub allow_tokstyle: bool,
}

impl SpecOptions {
    /// What pretraining sees: neither call word.
    pub const PRETRAINING: SpecOptions = SpecOptions {
        allow_tok: false,
        allow_tokstyle: false,
    };
}

impl SceneSpec {
    /// A random picture within `options`.
    pub fn random(rng: &mut impl Rng, options: SpecOptions) -> SceneSpec {
        let subject = if options.allow_tok && rng.random_bool(0.1) {
            Subject::Tok
        } else {
            Subject::random_generic(rng)
        };
        let style = match rng.random_range(0..10) {
            0..6 => Style::Photo,
            6 | 7 => Style::Sketch,
            _ if options.allow_tokstyle && rng.random_bool(0.5) => Style::TokStyle,
            _ => Style::Painting,
        };
        let mut spec = SceneSpec::random_photo(rng, subject);
        spec.style = style;
        spec
    }

    /// A random photo of `subject`: scene, light, facing, framing and variation
    /// drawn, style [`Style::Photo`].
    pub fn random_photo(rng: &mut impl Rng, subject: Subject) -> SceneSpec {
        let scene = Scene::ALL[rng.random_range(0..Scene::ALL.len())];
        let light = if scene == Scene::NightSky {
            Light::Night
        } else {
            match rng.random_range(0..20) {
                0..11 => Light::Sunny,
                11..16 => Light::Dim,
                _ => Light::Night,
            }
        };
        let facing = if rng.random_bool(0.5) {
            Facing::Left
        } else {
            Facing::Right
        };
        let framing = match rng.random_range(0..10) {
            0..6 => Framing::Normal,
            6 | 7 => Framing::CloseUp,
            _ => Framing::FarAway,
        };
        SceneSpec {
            subject,
            scene,
            style: Style::Photo,
            light,
            facing,
            framing,
            variation: rng.random(),
        }
    }

    /// A random album picture of the `TOK` figurine (a photo).
    pub fn random_tok(rng: &mut impl Rng) -> SceneSpec {
        SceneSpec::random_photo(rng, Subject::Tok)
    }

    /// A random picture of a generic subject in the `TOKSTYLE` painting style.
    pub fn random_tokstyle(rng: &mut impl Rng) -> SceneSpec {
        let subject = Subject::random_generic(rng);
        SceneSpec {
            style: Style::TokStyle,
            ..SceneSpec::random_photo(rng, subject)
        }
    }

    /// The same picture in another style (same layout and colours).
    pub fn with_style(self, style: Style) -> SceneSpec {
        SceneSpec { style, ..self }
    }
}
