use super::*;

#[test]
fn phones_by_the_library() {
    let ie = parse_phone("+353 87 123 4567 ext. 204", None).unwrap();
    assert_eq!((ie.code, ie.national.as_str()), (353, "871234567"));
    assert_eq!(ie.trunk.as_deref(), Some("0"));
    assert_eq!(ie.extension.as_deref(), Some("204"));
    let cy = parse_phone("00357 96 586625", None).unwrap();
    assert_eq!((cy.code, cy.national.as_str()), (357, "96586625"));
    let gl = parse_phone("+299 32 10 00", None).unwrap();
    assert_eq!(gl.national, "321000");
    let pl = parse_phone("22 555 01 23", "PL".parse().ok()).unwrap();
    assert_eq!((pl.code, pl.national.as_str()), (48, "225550123"));
    let it = parse_phone("+39 06 1234 5678", None).unwrap();
    assert_eq!(it.national, "0612345678");
    let dash = parse_phone("+420 601–123–456", None).unwrap();
    assert_eq!(dash.national, "601123456");
}

#[test]
fn legal_forms() {
    assert_eq!(
        without_legal_form("Ferrowind Automation Inc."),
        "Ferrowind Automation"
    );
    assert_eq!(
        without_legal_form("Drukarnia Sowa Sp. z o.o."),
        "Drukarnia Sowa"
    );
    assert_eq!(without_legal_form("Harbor Freight, LLC"), "Harbor Freight");
    assert_eq!(
        without_legal_form("Harbor Freight Logistics"),
        "Harbor Freight Logistics"
    );
}
