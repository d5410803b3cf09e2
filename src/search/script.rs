//! `assets/search.js`, the script that searches in the reader's browser:
//! written as a few classic scripts by concern under
//! `themes/default/static/assets/search/`, joined here into the one file
//! the site loads (one request, and one scope for them to share).
//!
//! Each part is a list of declarations; the parts run in order inside one
//! function, which returns at once when the page already has a search
//! script running (a theme's page adding it twice).

/// The joined script.
pub const SCRIPT: &str = concat!(
    "/* exitbook search: runs entirely in the reader's browser, offline.\n",
    " * Joined by the build from themes/default/static/assets/search/*.js. */\n",
    "(function () {\n",
    "'use strict';\n",
    "if (window.exitbookSearch && !window.exitbookSearch.early) return;\n\n",
    include_str!("../../themes/default/static/assets/search/format.js"),
    "\n",
    include_str!("../../themes/default/static/assets/search/load.js"),
    "\n",
    include_str!("../../themes/default/static/assets/search/text.js"),
    "\n",
    include_str!("../../themes/default/static/assets/search/query.js"),
    "\n",
    include_str!("../../themes/default/static/assets/search/rank.js"),
    "\n",
    include_str!("../../themes/default/static/assets/search/view.js"),
    "})();\n",
);
