//! Templates and assets: the built-in default theme, embedded in the binary
//! so an installed `exitbook` works anywhere, overridden file by file by a
//! handbook theme (`themes/<name>/templates/`) and then by the handbook's own
//! `templates/` folder — the way mdBook lets a book replace one file of its
//! theme without copying the rest.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use tera::{ErrorKind, Tera};

use crate::diag::Diagnostic;
use crate::load::{Location, Sources};
use crate::render::i18n::I18n;

macro_rules! embed_templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates, by name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = embed_templates!(
    "base.html",
    "case-list.html",
    "case-card.html",
    "index.html",
    "chapter.html",
    "toc.html",
    "cases.html",
    "facet.html",
    "case.html",
    "case-body.html",
    "case-facts.html",
    "case-story.html",
    "case-conversation.html",
    "case-negotiation.html",
    "case-timeline.html",
    "case-postmortem.html",
    "case-door.html",
    "start.html",
    "exercise.html",
    "path-bar.html",
    "mark-done.html",
    "step-end.html",
    "print.html",
    "404.html",
    "search.html",
    "insights.html",
);

/// The default theme's stylesheet, one file in the site (one request), kept
/// in parts by what they style (`themes/default/static/assets/style/`), as
/// search.js is.
const STYLE: &str = concat!(
    include_str!("../../themes/default/static/assets/style/1-base.css"),
    include_str!("../../themes/default/static/assets/style/2-cases.css"),
    include_str!("../../themes/default/static/assets/style/3-search.css"),
    include_str!("../../themes/default/static/assets/style/4-path.css"),
    include_str!("../../themes/default/static/assets/style/5-print.css"),
);

/// The default theme's static files, by output path.
pub const DEFAULT_ASSETS: &[(&str, &[u8])] = &[
    ("assets/style.css", STYLE.as_bytes()),
    (
        "assets/library.js",
        include_bytes!("../../themes/default/static/assets/library.js"),
    ),
    (
        "assets/onboarding.js",
        include_bytes!("../../themes/default/static/assets/onboarding.js"),
    ),
];

/// Loaded templates, and where each came from (for diagnostics).
pub struct Theme {
    pub tera: Tera,
    origin: HashMap<String, PathBuf>,
    /// The interface text of every language ([`I18n`]).
    pub i18n: Arc<I18n>,
}

impl Theme {
    /// Merge the three layers and compile them; every template error is
    /// reported, with the file it is in.
    pub fn load(
        loc: &Location,
        theme_name: &str,
        sources: &Sources,
    ) -> Result<Theme, Vec<Diagnostic>> {
        let mut chosen: Vec<(String, String)> = Vec::new();
        let mut origin: HashMap<String, PathBuf> = HashMap::new();
        let mut put = |name: &str, text: &str, from: PathBuf| {
            chosen.retain(|(n, _)| n != name);
            chosen.push((name.to_string(), text.to_string()));
            origin.insert(name.to_string(), from);
        };
        for (name, text) in DEFAULT_TEMPLATES {
            put(
                name,
                text,
                PathBuf::from(format!("(built-in theme) templates/{name}")),
            );
        }
        for (name, text) in &sources.theme_templates {
            put(
                name,
                text,
                loc.shown(&format!("themes/{theme_name}/templates/{name}")),
            );
        }
        for (name, text) in &sources.template_overrides {
            put(name, text, loc.shown(&format!("templates/{name}")));
        }
        let (i18n, i18n_diags) = I18n::load(&sources.theme_i18n, &|name| {
            loc.shown(&format!("themes/{theme_name}/i18n/{name}"))
        });
        let i18n = Arc::new(i18n);
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        register_filters(&mut tera, &i18n);
        let mut theme = Theme { tera, origin, i18n };
        if let Err(e) = theme
            .tera
            .add_raw_templates(chosen.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            let mut all = i18n_diags;
            all.extend(theme.diagnose_all(&e));
            return Err(all);
        }
        if !i18n_diags.is_empty() {
            return Err(i18n_diags);
        }
        Ok(theme)
    }

    /// Render one template; a failure becomes a diagnostic in its file.
    /// A page gets its Content-Security-Policy here ([`crate::render::csp`]).
    pub fn render(&self, name: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, ctx)
            .map(crate::render::csp::apply)
            .map_err(|e| self.diagnose(&e))
    }

    /// Tera reports missing filters, tests and blocks of every template as
    /// one message of rendered reports (`error: …` then ` --> name:L:C`);
    /// split it into one diagnostic per problem, in the right file.
    fn diagnose_all(&self, e: &tera::Error) -> Vec<Diagnostic> {
        let ErrorKind::Msg(text) = e.kind() else {
            return vec![self.diagnose(e)];
        };
        let mut out = Vec::new();
        for report in text.split("\n\n") {
            let mut lines = report.lines();
            let Some(message) = lines.next().map(|l| l.trim_start_matches("error: ").trim()) else {
                continue;
            };
            let place = lines
                .find_map(|l| l.trim_start().strip_prefix("--> "))
                .and_then(|p| {
                    let mut parts = p.rsplitn(3, ':');
                    let col = parts.next()?.trim().parse::<usize>().ok()?;
                    let line = parts.next()?.trim().parse::<usize>().ok()?;
                    Some((parts.next()?.to_string(), line, col))
                });
            let d = Diagnostic::error(format!("template error: {message}"))
                .help("fix the template, or delete the override to use the built-in one");
            out.push(match place {
                Some((name, line, col)) => {
                    let file = self
                        .origin
                        .get(&name)
                        .cloned()
                        .unwrap_or_else(|| PathBuf::from(name));
                    d.at(file, line, col)
                }
                None => d,
            });
        }
        if out.is_empty() {
            out.push(self.diagnose(e));
        }
        out
    }

    /// Turn a Tera error into our form: file, line, column, message, help.
    fn diagnose(&self, e: &tera::Error) -> Diagnostic {
        let help = "fix the template, or delete the override to use the built-in one";
        match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
                let file = self
                    .origin
                    .get(r.filename())
                    .cloned()
                    .unwrap_or_else(|| PathBuf::from(r.filename()));
                let span = r.span();
                Diagnostic::error(format!("template error: {}", r.message()))
                    .at(file, span.start_line.max(1), span.start_col + 1)
                    .help(help)
            }
            ErrorKind::TemplateNotFound(name) | ErrorKind::MissingParent { parent: name, .. } => {
                Diagnostic::error(format!(
                    "template error: the template `{name}` does not exist"
                ))
                .help(format!(
                    "add `templates/{name}`, or correct the name; the built-in templates are: {}",
                    DEFAULT_TEMPLATES
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            }
            other => Diagnostic::error(format!("template error: {other}")).help(help),
        }
    }
}

/// The filters of interface text, for the language of the page (`lang`
/// in the context):
///
/// - `fill`: a text of the table with its `{name}`s filled in from the
///   arguments (`{{ t.home.all_cases | fill(n=12) }}`); a text with forms
///   by number takes the form for `n`;
/// - `when`: a published date in the page's language
///   (`{{ case.exit_date | when }}`: "marzec 2025").
fn register_filters(tera: &mut Tera, i18n: &Arc<I18n>) {
    tera.register_filter(
        "fill",
        |text: &tera::Value,
         kwargs: tera::Kwargs,
         state: &tera::State|
         -> tera::TeraResult<String> {
            let lang = state.get::<String>("lang")?.unwrap_or_default();
            let n = kwargs.get::<u64>("n").ok().flatten().unwrap_or(0);
            let text = match text.as_map() {
                Some(_) => {
                    let forms = toml::Value::try_from(text)
                        .map_err(|e| tera::Error::message(format!("fill: {e}")))?;
                    crate::render::i18n::pick_form(&forms, &lang, n).to_string()
                }
                None => text.as_str().unwrap_or_default().to_string(),
            };
            let pairs: Vec<(String, String)> = kwargs
                .iter()
                .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.to_string())))
                .collect();
            let pairs: Vec<(&str, &str)> = pairs
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            Ok(crate::render::i18n::fill(&text, &pairs))
        },
    );
    let tables = Arc::clone(i18n);
    tera.register_filter(
        "when",
        move |date: &tera::Value,
              _: tera::Kwargs,
              state: &tera::State|
              -> tera::TeraResult<String> {
            let lang = state.get::<String>("lang")?.unwrap_or_default();
            let text = |k: &str| {
                date.get_from_path(k)
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default()
            };
            let d = crate::anonymize::generalize::PublicDate {
                text: text("text"),
                datetime: text("datetime"),
                key: date
                    .get_from_path("key")
                    .and_then(tera::Value::as_u64)
                    .and_then(|k| u32::try_from(k).ok())
                    .unwrap_or(0),
                // Not serialised: the date's text says it (see `I18n::date`).
                precision: Default::default(),
            };
            Ok(tables.date(&lang, &d))
        },
    );
}

/// The static files of the site: built-in assets and `more` of them (the
/// search script, which search makes), then the theme's and the handbook's
/// `static/` folders (later ones win).
pub fn assets(sources: &Sources, more: &[(&str, &[u8])]) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = DEFAULT_ASSETS
        .iter()
        .chain(more)
        .map(|(p, b)| ((*p).to_string(), b.to_vec()))
        .collect();
    for (p, b) in &sources.static_files {
        out.retain(|(q, _)| q != p);
        out.push((p.clone(), b.clone()));
    }
    out
}

/// Files of `static/` (the handbook's or the theme's) that would replace a
/// file exitbook generates (`static/index.html`, `static/search/meta.js`),
/// or stand where a generated folder goes: an error naming both, instead of
/// a page silently replaced (or a site that depends on which file was
/// written last).
///
/// `paths` are the generated files' paths (known before they are made).
pub fn static_conflicts<'p>(
    loc: &Location,
    theme_name: &str,
    static_files: &[(String, Vec<u8>)],
    paths: impl ExactSizeIterator<Item = &'p str>,
) -> Vec<Diagnostic> {
    use std::collections::{HashMap, HashSet};
    if static_files.is_empty() {
        return Vec::new();
    }
    let mut count: HashMap<&str, usize> = HashMap::with_capacity(paths.len());
    let mut dirs: HashSet<&str> = HashSet::new();
    for p in paths {
        *count.entry(p).or_insert(0) += 1;
        let mut rest = p;
        while let Some((d, _)) = rest.rsplit_once('/') {
            if !dirs.insert(d) {
                break;
            }
            rest = d;
        }
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (p, _) in static_files {
        if !seen.insert(p.as_str()) {
            continue;
        }
        let generated = if count.get(p.as_str()).copied().unwrap_or(0) > 1 {
            Some(format!("the generated file `{p}`"))
        } else if dirs.contains(p.as_str()) {
            Some(format!("the generated folder `{p}/`"))
        } else {
            let mut parent = p.as_str();
            let mut clash = None;
            while let Some((d, _)) = parent.rsplit_once('/') {
                if count.contains_key(d) {
                    clash = Some(format!("the generated file `{d}`"));
                    break;
                }
                parent = d;
            }
            clash
        };
        if let Some(generated) = generated {
            let source = if loc.root.join("static").join(p).is_file() {
                loc.shown(&format!("static/{p}"))
            } else {
                loc.shown(&format!("themes/{theme_name}/static/{p}"))
            };
            out.push(
                Diagnostic::error(format!(
                    "`{}` would replace {generated}",
                    crate::diag::display_path(&source)
                ))
                .in_file(&source)
                .help("rename or move the static file: exitbook writes that path itself (a theme changes generated pages through templates/)"),
            );
        }
    }
    out
}
