//! Templates and assets: the built-in default theme, embedded in the binary
//! so an installed `exitbook` works anywhere, overridden file by file by a
//! handbook theme (`themes/<name>/templates/`) and then by the handbook's own
//! `templates/` folder — the way mdBook lets a book replace one file of its
//! theme without copying the rest.

use std::collections::HashMap;
use std::path::PathBuf;

use tera::{ErrorKind, Tera};

use crate::diag::Diagnostic;
use crate::load::{Location, Sources};

macro_rules! embed_templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates, by name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = embed_templates!(
    "base.html",
    "case-list.html",
    "index.html",
    "chapter.html",
    "cases.html",
    "case.html",
    "start.html",
    "print.html",
    "404.html",
    "search.html",
    "insights.html",
);

/// The default theme's static files, by output path.
pub const DEFAULT_ASSETS: &[(&str, &[u8])] = &[
    (
        "assets/style.css",
        include_bytes!("../../themes/default/static/assets/style.css"),
    ),
    ("assets/search.js", crate::search::script::SCRIPT.as_bytes()),
];

/// Loaded templates, and where each came from (for diagnostics).
pub struct Theme {
    pub tera: Tera,
    origin: HashMap<String, PathBuf>,
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
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let theme = Theme { tera, origin };
        let mut theme = theme;
        if let Err(e) = theme
            .tera
            .add_raw_templates(chosen.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            return Err(theme.diagnose_all(&e));
        }
        Ok(theme)
    }

    /// Render one template; a failure becomes a diagnostic in its file.
    pub fn render(&self, name: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
        self.tera.render(name, ctx).map_err(|e| self.diagnose(&e))
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

/// The static files of the site: built-in assets, then the theme's and the
/// handbook's `static/` folders (later ones win).
pub fn assets(sources: &Sources) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = DEFAULT_ASSETS
        .iter()
        .map(|(p, b)| ((*p).to_string(), b.to_vec()))
        .collect();
    for (p, b) in &sources.static_files {
        out.retain(|(q, _)| q != p);
        out.push((p.clone(), b.clone()));
    }
    out
}
