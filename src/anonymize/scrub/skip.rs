//! The scrubber's test switch.

use crate::anonymize::secrets::Origin;
use crate::anonymize::view::Blind;

/// A test switch (debug builds only), from `EXITBOOK_TEST_SKIP_REPLACEMENT`:
/// the scrubber leaves one field's forms, one class of forms
/// (`initials`, `part`, `phone`… see `FormClass::name`), or one way of
/// reading (`entities`, `lookalikes`, `inflections`, `joined-words`,
/// `plurals`, `transliteration`, `broken-words`, `joined-marks`, `url-layers`,
/// `country-phones`) alone, or dates and amounts in a case's prose as
/// written (`quasi`), so that tests can prove the leak gate finds on its
/// own what the scrubber missed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Skip {
    field: Option<String>,
    what: Option<String>,
}

impl Skip {
    pub fn from_env() -> Skip {
        if !cfg!(debug_assertions) {
            return Skip::default();
        }
        match std::env::var("EXITBOOK_TEST_SKIP_REPLACEMENT") {
            Ok(v) if v.contains(['.', '[']) => Skip {
                field: Some(v),
                what: None,
            },
            Ok(v) => Skip {
                field: None,
                what: Some(v),
            },
            Err(_) => Skip::default(),
        }
    }

    /// Is `what` (a class or a way of reading) switched off?
    pub fn is(&self, what: &str) -> bool {
        cfg!(debug_assertions) && self.what.as_deref() == Some(what)
    }

    pub(super) fn form(&self, class: &str, origin: &Origin) -> bool {
        cfg!(debug_assertions)
            && (self.field.as_deref() == Some(origin.field.as_str()) || self.is(class))
    }

    pub(super) fn blind(&self) -> Blind {
        Blind {
            entities: self.is("entities"),
            lookalikes: self.is("lookalikes"),
            joins_broken_words: false,
            broken_words: self.is("broken-words"),
            url_layers: self.is("url-layers"),
        }
    }
}
