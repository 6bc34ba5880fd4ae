//! The codebook pages: `codebook/index.html` (every dataset with its title, status, owner
//! and "data as of") and `codebook/NAME/index.html` (metadata, fields, statistics, a small
//! distribution chart per categorical field, the pages that use it, downloads, JSON-LD).

use super::{error_chain, escape, Assets, Link, PageContext, PageRenderer, PageView};
use insikt_chart::frequency_chart;
use insikt_content::Content;
use insikt_core::diagnostic::Diagnostic;
use insikt_core::url::encode;
use insikt_data::codebook::FieldType;
use insikt_data::stats::{field_stats, histogram};
use insikt_data::{datapackage, Dataset, Datasets};
use serde::Serialize;

/// A dataset as the codebook templates see it.
#[derive(Debug, Serialize)]
pub struct DatasetView {
    /// The name (file stem).
    pub name: String,
    /// Title.
    pub title: String,
    /// Link to its page, relative to the page being rendered.
    pub href: String,
    /// Description.
    pub description: Option<String>,
    /// Where the numbers come from.
    pub source: Option<String>,
    /// Who answers for them.
    pub owner: Option<String>,
    /// "Data as of", formatted for the language.
    pub updated: Option<String>,
    /// "Data as of" as `YYYY-MM-DD`.
    pub updated_iso: Option<String>,
    /// Licence.
    pub license: Option<String>,
    /// `draft` or `verified` with its label.
    pub status: Option<super::Labelled>,
    /// Purpose with its label.
    pub purpose: Option<super::Labelled>,
    /// Audience labels.
    pub audience: Vec<super::Labelled>,
    /// Indicator type with its label.
    pub indicator_type: Option<super::Labelled>,
    /// How it is counted.
    pub counting: Option<String>,
    /// Known issues.
    pub known_issues: Option<String>,
    /// The declared work contact.
    pub contact: Option<String>,
    /// Notes on the dataset (a PX file's NOTE and VALUENOTE texts).
    pub notes: Vec<String>,
    /// The measures of a dataset with several, each as "name (unit)".
    pub measures: Vec<String>,
    /// False when the codebook was inferred from the CSV.
    pub has_codebook: bool,
    /// Number of rows.
    pub rows: String,
    /// How the CSV was read (encoding, delimiter, decimal mark).
    pub detected: String,
    /// Link to the published CSV.
    pub csv_href: String,
    /// Link to `datapackage.json`.
    pub datapackage_href: String,
    /// The fields.
    pub fields: Vec<FieldView>,
    /// Pages whose charts, tables or text use the dataset.
    pub used_on: Vec<LinkView>,
    /// Pages whose text quotes the dataset's values (`{{#value …}}`, `{{#updated …}}`,
    /// `{{#source …}}`).
    pub quoted_on: Vec<LinkView>,
    /// schema.org JSON-LD, safe inside `<script>`.
    pub json_ld: String,
    /// The note that small counts are hidden, when some are.
    pub privacy_note: Option<String>,
    /// The export's own lines above the header and below the data (title, footnotes,
    /// source), in file order.
    pub source_notes: Vec<String>,
}

/// A page link with an owned title.
#[derive(Debug, Serialize)]
pub struct LinkView {
    /// Title.
    pub title: String,
    /// Relative href.
    pub href: String,
}

/// A field as the codebook templates see it.
#[derive(Debug, Serialize)]
pub struct FieldView {
    /// Column name.
    pub name: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// Type key.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The type's name in the report's language.
    #[serde(rename = "type_label")]
    pub kind_label: String,
    /// Unit.
    pub unit: Option<String>,
    /// Categories in order.
    pub categories: Vec<String>,
    /// Cells with a value.
    pub count: String,
    /// Missing cells.
    pub missing: String,
    /// Hidden counts, when there are any.
    pub suppressed: Option<String>,
    /// Minimum, maximum, mean and median, formatted (numeric fields).
    pub numeric: Option<NumericView>,
    /// Value and how often it occurs.
    pub frequencies: Vec<(String, String)>,
    /// A small bar chart of the frequencies (inline SVG).
    pub chart: Option<String>,
}

/// Formatted summary statistics.
#[derive(Debug, Serialize)]
pub struct NumericView {
    /// Smallest value.
    pub min: String,
    /// Largest value.
    pub max: String,
    /// Mean.
    pub mean: String,
    /// Median.
    pub median: String,
}

impl PageRenderer {
    /// Renders `codebook/index.html`.
    pub fn render_codebook_index(
        &self,
        content: &Content,
        datasets: &Datasets,
    ) -> Result<String, Diagnostic> {
        let views: Vec<DatasetView> = datasets
            .by_name
            .values()
            .map(|d| self.dataset_view(content, d, "../", &[], &[], false))
            .collect();
        let title = &self.strings.codebook;
        let mut ctx = self.extra_context(content, "../", title, Vec::new())?;
        ctx.insert("datasets", &views);
        ctx.insert("intro", &self.strings.codebook_intro);
        self.render_template("codebook-index.html", &ctx, "codebook/index.html")
    }

    /// Renders `codebook/NAME/index.html`; `used_on` are the indices of pages using it,
    /// `quoted_on` of those whose text quotes its values.
    pub fn render_codebook_page(
        &self,
        content: &Content,
        dataset: &Dataset,
        used_on: &[usize],
        quoted_on: &[usize],
    ) -> Result<String, Diagnostic> {
        let root = "../../";
        let view = self.dataset_view(content, dataset, root, used_on, quoted_on, true);
        let crumbs = vec![Link {
            title: &self.strings.codebook,
            href: "../index.html".to_string(),
        }];
        let mut ctx = self.extra_context(content, root, &view.title, crumbs)?;
        ctx.insert("dataset", &view);
        self.render_template(
            "codebook.html",
            &ctx,
            &format!("codebook/{}/index.html", dataset.name),
        )
    }

    fn render_template(
        &self,
        template: &str,
        ctx: &tera::Context,
        shown: &str,
    ) -> Result<String, Diagnostic> {
        self.tera.render(template, ctx).map_err(|e| {
            Diagnostic::new(
                shown,
                format!("the template `{template}` failed: {}", error_chain(&e)),
            )
        })
    }

    /// The context every page has (site, navigation, strings) for a page that is not a
    /// content page.
    fn extra_context(
        &self,
        content: &Content,
        root: &str,
        title: &str,
        crumbs: Vec<Link>,
    ) -> Result<tera::Context, Diagnostic> {
        let pages = &content.pages;
        let href = |i: usize| format!("{root}{}index.html", encode(&pages[i].url_dir));
        let mut nav_html = String::new();
        self.write_nav(&mut nav_html, pages, 0, &[], usize::MAX, root, 0);
        let mut breadcrumbs = vec![Link {
            title: super::title_of(pages, 0, &self.site.title),
            href: href(0),
        }];
        breadcrumbs.extend(crumbs);
        let context = PageContext {
            root,
            home: Link {
                title: super::title_of(pages, 0, &self.site.title),
                href: href(0),
            },
            page: PageView {
                title,
                title_html: escape(title),
                summary: None,
                content: "",
                kind: None,
                audience: Vec::new(),
                purpose: None,
                authors: &[],
                date: None,
                date_iso: None,
                selection_reason: None,
                indicators: Vec::new(),
                toc: Vec::new(),
                is_section: false,
            },
            breadcrumbs,
            nav_html,
            prev: None,
            next: None,
            children: Vec::new(),
            sections: Vec::new(),
            assets: Assets::at(root),
            print_href: format!("{root}print.html"),
            codebook_href: self.codebook_href(root),
        };
        let mut all = self.pages.base().clone();
        context.insert_into(&mut all).map_err(|e| {
            Diagnostic::new(
                "codebook",
                format!("cannot build the template context: {e}"),
            )
        })?;
        Ok(all)
    }

    fn dataset_view(
        &self,
        content: &Content,
        d: &Dataset,
        root: &str,
        used_on: &[usize],
        quoted_on: &[usize],
        full: bool,
    ) -> DatasetView {
        let lang = self.language;
        let t = &self.strings;
        let c = &d.codebook;
        let fields = if full {
            d.fields
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let stats = field_stats(d, i);
                    let all: Vec<usize> = (0..d.rows).collect();
                    let decimals = d.decimals(i, &all);
                    let num = |v: f64| lang.format_with_unit(v, decimals, f.unit.as_deref());
                    // Categories as they are; numbers in about five round bins.
                    let bins: Vec<(String, usize)> = if stats.frequencies.is_empty() {
                        let step_decimals =
                            |a: f64, b: f64| insikt_core::scale::step_decimals(b - a).max(decimals);
                        histogram(d, i)
                            .into_iter()
                            .map(|(a, b, n)| {
                                let dec = step_decimals(a, b);
                                let label = format!(
                                    "{}–{}",
                                    lang.format_number(a, dec),
                                    lang.format_number(b, dec)
                                );
                                (label, n)
                            })
                            .collect()
                    } else {
                        stats.frequencies.clone()
                    };
                    // Values that all differ (free text, names) make a chart of equal bars
                    // that says nothing: those fields get none.
                    let all_different = !stats.frequencies.is_empty()
                        && stats.frequencies.iter().all(|(_, n)| *n <= 1);
                    let chart = (!bins.is_empty() && !all_different).then(|| {
                        frequency_chart(
                            &format!("falt-{}", i + 1),
                            &format!("{}: {}", &t.frequencies, f.label()),
                            &bins,
                            lang,
                            t,
                        )
                    });
                    FieldView {
                        name: f.name.clone(),
                        title: f.label().to_string(),
                        description: f.description.clone(),
                        kind: f.kind.key(),
                        kind_label: type_label(t, f.kind),
                        unit: f.unit.clone(),
                        categories: f.categories.clone().unwrap_or_default(),
                        count: lang.format_number(stats.count as f64, 0),
                        missing: lang.format_number(stats.missing as f64, 0),
                        suppressed: (stats.suppressed > 0)
                            .then(|| lang.format_number(stats.suppressed as f64, 0)),
                        numeric: stats.numeric.map(|s| NumericView {
                            min: num(s.min),
                            max: num(s.max),
                            mean: lang.format_with_unit(s.mean, decimals + 1, f.unit.as_deref()),
                            median: num(s.median),
                        }),
                        frequencies: stats
                            .frequencies
                            .iter()
                            .map(|(k, n)| (k.clone(), lang.format_number(*n as f64, 0)))
                            .collect(),
                        chart,
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let csv_href = format!("{root}data/{}.csv", encode(&d.name));
        DatasetView {
            name: d.name.clone(),
            title: d.title().to_string(),
            href: if full {
                "index.html".to_string()
            } else {
                format!("{}/index.html", encode(&d.name))
            },
            description: c.description.clone(),
            source: c.source.clone(),
            owner: c.owner.clone(),
            updated: c.updated.map(|u| lang.format_date(u.year, u.month, u.day)),
            updated_iso: c.updated.map(|u| u.to_string()),
            license: c.license.clone(),
            status: c.status.map(|s| super::Labelled {
                key: s.key(),
                label: lang.status_label(s),
            }),
            purpose: c.purpose.map(|p| super::Labelled {
                key: p.key(),
                label: lang.purpose_label(p),
            }),
            audience: c
                .audience
                .iter()
                .map(|&a| super::Labelled {
                    key: a.key(),
                    label: lang.audience_label(a),
                })
                .collect(),
            indicator_type: c.indicator_type.map(|i| super::Labelled {
                key: i.key(),
                label: lang.indicator_type_label(i),
            }),
            counting: c.counting.clone(),
            known_issues: c.known_issues.clone(),
            contact: c.contact.clone(),
            notes: c.notes.clone(),
            measures: c
                .measures
                .iter()
                .map(|m| match &m.unit {
                    Some(unit) => format!("{} ({unit})", m.name),
                    None => m.name.clone(),
                })
                .collect(),
            has_codebook: d.has_codebook,
            rows: lang.format_number(d.rows as f64, 0),
            detected: d.detected.to_string(),
            json_ld: if full {
                datapackage::json_ld(d, &csv_href)
            } else {
                String::new()
            },
            privacy_note: (!d.suppressed.is_empty()).then(|| {
                let secondary = d
                    .suppressed
                    .iter()
                    .any(|s| s.why == insikt_data::privacy::Suppression::Secondary);
                insikt_chart::privacy_note_text(secondary, d.min_count, t)
            }),
            source_notes: d.source_notes.iter().map(|n| n.text.clone()).collect(),
            csv_href,
            datapackage_href: format!("{root}data/datapackage.json"),
            fields,
            used_on: self.page_links(content, root, used_on),
            quoted_on: self.page_links(content, root, quoted_on),
        }
    }

    /// Links to `pages` (indices) from a page whose root prefix is `root`.
    fn page_links(&self, content: &Content, root: &str, pages: &[usize]) -> Vec<LinkView> {
        pages
            .iter()
            .map(|&i| LinkView {
                title: super::title_of(&content.pages, i, &self.site.title).to_string(),
                href: format!("{root}{}index.html", encode(&content.pages[i].url_dir)),
            })
            .collect()
    }
}

/// The name of a field type in the report's language ("text", not "string").
fn type_label(t: &insikt_core::language::UiStrings, kind: FieldType) -> String {
    match kind {
        FieldType::String => &t.type_string,
        FieldType::Number => &t.type_number,
        FieldType::Integer => &t.type_integer,
        FieldType::Boolean => &t.type_boolean,
        FieldType::Date => &t.type_date,
        FieldType::Year => &t.type_year,
        FieldType::Yearmonth => &t.type_yearmonth,
    }
    .clone()
}
