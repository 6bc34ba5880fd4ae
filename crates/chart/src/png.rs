//! PNG copies of the charts for the download links, rasterised from the same SVG with resvg.
//! This runs in the build's write phase (it reads the system's fonts once), never while
//! pages are rendered.

use resvg::{tiny_skia, usvg};

/// Pixels per SVG unit: a 640-unit chart becomes a 1280-pixel PNG, sharp in slides.
const SCALE: f32 = 2.0;

/// Fonts for the charts' `sans-serif`, in order of preference.
const SANS: &[&str] = &[
    "DejaVu Sans",
    "Liberation Sans",
    "Noto Sans",
    "Arial",
    "Helvetica",
];

/// Turns chart SVGs into PNGs; holds the font database, loaded once.
pub struct Rasterizer {
    options: usvg::Options<'static>,
}

impl Default for Rasterizer {
    fn default() -> Self {
        Rasterizer::new()
    }
}

impl Rasterizer {
    /// Loads the system's fonts and picks a sans-serif family that is installed.
    pub fn new() -> Rasterizer {
        let mut options = usvg::Options::default();
        let db = options.fontdb_mut();
        db.load_system_fonts();
        let installed = |name: &str| {
            db.faces()
                .any(|f| f.families.iter().any(|(family, _)| family == name))
        };
        if let Some(family) = SANS.iter().find(|f| installed(f)) {
            let family = family.to_string();
            db.set_sans_serif_family(family);
        }
        Rasterizer { options }
    }

    /// The PNG of an SVG chart, on white.
    pub fn png(&self, svg: &[u8]) -> Result<Vec<u8>, String> {
        let tree = usvg::Tree::from_data(svg, &self.options).map_err(|e| e.to_string())?;
        let size = tree.size();
        let (w, h) = (
            (size.width() * SCALE).ceil() as u32,
            (size.height() * SCALE).ceil() as u32,
        );
        let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or("the chart has no size")?;
        pixmap.fill(tiny_skia::Color::WHITE);
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(SCALE, SCALE),
            &mut pixmap.as_mut(),
        );
        pixmap.encode_png().map_err(|e| e.to_string())
    }
}
