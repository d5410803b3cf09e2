//! Whole sentences in, whole sentences out, at every setting.

use super::*;
use DatePrecision::{Day, Month, Quarter, Year};
use MoneyMode::{Band, Exact, Hidden};

fn prose(lang: Lang, dates: DatePrecision, money: MoneyMode) -> Prose {
    Prose {
        dates,
        money,
        lang,
        day_first: lang != Lang::En,
    }
}

fn en(dates: DatePrecision, text: &str) -> String {
    prose(Lang::En, dates, Band).rewrite(text).text
}

fn pl(dates: DatePrecision, text: &str) -> String {
    prose(Lang::Pl, dates, Band).rewrite(text).text
}

fn cash(lang: Lang, money: MoneyMode, text: &str) -> String {
    prose(lang, Month, money).rewrite(text).text
}

#[test]
fn debug_print() {
    for t in [
        "The client emailed on 29 August 2025 about the proofs.",
        "On 2025-06-12 the client called.",
        "The reprint was due by Aug 29.",
        "We met on Monday, 2 March 2025.",
        "The invoice of 29.08.2025 was late.",
        "It happened on the 29th, after the trade show.",
        "On the 29th, the client called.",
        "In late August 2025 the client left.",
        "The proofs were on the 3rd floor.",
        "August 29, 2025 was the deadline.",
        "A refund of $4,800 was agreed.",
        "We offered 65% (US$2,340).",
        "We gave a $4,800 refund and a £950 credit.",
        "They paid €1.200 upfront.",
        "They asked for 2.3k as a refund.",
        "2.3k visitors came.",
        "Tickets CS-05550142 and 10-50 staff at 10:30 for 3 weeks.",
        "They emailed on August 29 and again on Aug 30th, 2025.",
        "The 29th of August 2025 was a Friday.",
        "Proofs were approved 2025/08/29 and 08/29/2025, then 2025-08.",
        "In Q3 2025 and in Q3 we hired. Since May the team grew. We may go.",
        "We refunded US$2,340 (65%) and USD 4,800 and 4,800 dollars.",
        "A 2,500 euro discount, $250,000 a year, an $800 invoice, a $4,800 upgrade.",
        "They owed $1.2m. $4,800 was refunded. The $4,800 was refunded.",
        "Budget: $1,000-5,000 per month, 20% off, 3 of 12, version 2.3k?",
    ] {
        for p in [Day, Month, Quarter, Year] {
            println!("{p:?}: {}", en(p, t));
        }
        for m in [Band, Hidden] {
            println!("{m:?}: {}", cash(Lang::En, m, t));
        }
    }
    for t in [
        "Klient zadzwonił 29 sierpnia 2025 r. w sprawie korekty.",
        "Dnia 29.08.2025 klient odszedł.",
        "Zwrot 4 800 zł zaakceptowano do 29 sierpnia.",
        "W sierpniu 2025 klient odszedł.",
        "Przed 29 sierpnia 2025 r. i od 2 marca, po 5 maja; na 9 czerwca 2025.",
        "Mail z 29 VIII 2025 i e-mail z 3 września. Pod koniec sierpnia 2025 odeszli.",
        "Zapłacili 2,5 tys. zł i €1.200, rabat w wysokości 4 800 zł, 12 000 PLN.",
        "Maja przyszła w maju. Do sierpnia 2025 r. nic.",
    ] {
        for p in [Day, Month, Quarter, Year] {
            println!("{p:?}: {}", pl(p, t));
        }
        for m in [Band, Hidden] {
            println!("{m:?}: {}", cash(Lang::Pl, m, t));
        }
    }
    let _ = Exact;
}
