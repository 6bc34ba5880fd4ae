//! PNG copies of the charts for the download links, rasterised from the same SVG with resvg.
//! This runs in the build's write phase (it reads the system's fonts once), never while
//! pages are rendered.

use resvg::{tiny_skia, usvg};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

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

/// Turns chart SVGs into PNGs; holds the font database, loaded once, and the PNGs drawn
/// (the same chart on many pages has the same SVG: it is drawn once).
pub struct Rasterizer {
    options: usvg::Options<'static>,
    drawn: Mutex<Drawn>,
}

/// PNGs by the SVG they were drawn from.
#[derive(Default)]
struct Drawn {
    by_svg: HashMap<Vec<u8>, Arc<Vec<u8>>>,
    bytes: usize,
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
        Rasterizer {
            options,
            drawn: Mutex::default(),
        }
    }

    /// The most bytes of SVGs and PNGs kept; beyond that, PNGs are drawn each time.
    pub const MAX_KEPT_BYTES: usize = 64 << 20;

    /// The PNG of an SVG chart, on white: the one drawn before from the same SVG, if any.
    pub fn png_once(&self, svg: &[u8]) -> Result<Arc<Vec<u8>>, String> {
        let lock = || self.drawn.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(png) = lock().by_svg.get(svg) {
            return Ok(Arc::clone(png));
        }
        // Drawn outside the lock; two threads may draw the same SVG at once, the same.
        let png = Arc::new(self.png(svg)?);
        let mut drawn = lock();
        let bytes = svg.len() + png.len();
        if drawn.bytes + bytes <= Self::MAX_KEPT_BYTES && !drawn.by_svg.contains_key(svg) {
            drawn.bytes += bytes;
            drawn.by_svg.insert(svg.to_vec(), Arc::clone(&png));
        }
        Ok(png)
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
