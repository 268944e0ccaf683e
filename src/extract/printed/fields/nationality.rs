//! The holder's nationality: a nationality label's value (a word or a code), else a nationality word anywhere.

use super::super::labels::Segment;
use super::super::layout::labelled_value;
use super::super::lexicon::Kind;
use super::super::{How, Printed, Read};

/// Nationality words and names printed on documents, to ISO 3166-1 alpha-3.
pub fn nationality_from_word(text: &str) -> Option<&'static str> {
    const WORDS: &[(&str, &str)] = &[
        ("NEDERLANDSE", "NLD"),
        ("DUTCH", "NLD"),
        ("NETHERLANDS", "NLD"),
        ("FRANCAISE", "FRA"),
        ("FRANCAIS", "FRA"),
        ("FRENCH", "FRA"),
        ("CANADIAN", "CAN"),
        ("CANADIENNE", "CAN"),
        ("DEUTSCH", "DEU"),
        ("GERMAN", "DEU"),
        ("ITALIANA", "ITA"),
        ("ITALIANO", "ITA"),
        ("ITALIAN", "ITA"),
        ("ESPANOLA", "ESP"),
        ("ESPANOL", "ESP"),
        ("SPANISH", "ESP"),
        ("BRITISH", "GBR"),
        ("KOREAN", "KOR"),
        ("REPUBLICOFKOREA", "KOR"),
        ("INDIAN", "IND"),
        ("AMERICAN", "USA"),
        ("AUSTRALIAN", "AUS"),
        ("SUOMI", "FIN"),
        ("FINNISH", "FIN"),
        ("ICELANDIC", "ISL"),
        ("ISLENSKUR", "ISL"),
        ("POLSKIE", "POL"),
        ("POLSKA", "POL"),
        ("POLISH", "POL"),
        ("CESKA", "CZE"),
        ("CZECH", "CZE"),
        ("SLOVENSKA", "SVK"),
        ("SLOVAK", "SVK"),
        ("MAGYAR", "HUN"),
        ("HUNGARIAN", "HUN"),
        ("EESTI", "EST"),
        ("ESTONIAN", "EST"),
        ("LATVIAN", "LVA"),
        ("LATVIJAS", "LVA"),
        ("LIETUVOS", "LTU"),
        ("LITHUANIAN", "LTU"),
        ("SVENSK", "SWE"),
        ("SWEDISH", "SWE"),
        ("NORSK", "NOR"),
        ("NORWEGIAN", "NOR"),
        ("DANSK", "DNK"),
        ("DANISH", "DNK"),
        ("PORTUGUESA", "PRT"),
        ("PORTUGUESE", "PRT"),
        ("BRASILEIRA", "BRA"),
        ("BRAZILIAN", "BRA"),
        ("LUXEMBOURGEOISE", "LUX"),
        ("BELGE", "BEL"),
        ("BELGISCHE", "BEL"),
        ("BELGIAN", "BEL"),
        ("OSTERREICH", "AUT"),
        ("AUSTRIAN", "AUT"),
        ("IRISH", "IRL"),
        ("EIREANNACH", "IRL"),
        ("MALTIJA", "MLT"),
        ("MALTESE", "MLT"),
        ("ROMANA", "ROU"),
        ("ROMANIAN", "ROU"),
        ("БЪЛГАРИЯ", "BGR"),
        ("BULGARIAN", "BGR"),
        ("HRVATSKO", "HRV"),
        ("CROATIAN", "HRV"),
        ("SLOVENSKO", "SVN"),
        ("SLOVENIAN", "SVN"),
        ("ΕΛΛΗΝΙΚΗ", "GRC"),
        ("HELLENIC", "GRC"),
        ("GREEK", "GRC"),
        ("KYPRIAKI", "CYP"),
        ("CYPRIOT", "CYP"),
        ("SCHWEIZER", "CHE"),
        ("SUISSE", "CHE"),
        ("SWISS", "CHE"),
        ("MEXICANA", "MEX"),
        ("MEXICAN", "MEX"),
        ("ARGENTINA", "ARG"),
        ("COLOMBIANA", "COL"),
        ("CHILENA", "CHL"),
        ("PERUANA", "PER"),
        ("SRPSKO", "SRB"),
        ("SERBIAN", "SRB"),
        ("LIECHTENSTEIN", "LIE"),
        ("TAIWAN", "TWN"),
        ("AZERBAIJAN", "AZE"),
        ("MAROKAS", "MAR"),
        ("MOROCCAN", "MAR"),
        ("TURK", "TUR"),
        ("TURKISH", "TUR"),
        ("UKRAINIAN", "UKR"),
        ("JAPANESE", "JPN"),
        ("CHINESE", "CHN"),
    ];
    let k = crate::extract::text::normalise(text).replace(' ', "");
    WORDS.iter().find(|(w, _)| k.contains(w)).map(|&(_, code)| code)
}

pub(in crate::extract::printed) fn read_nationality(segs: &[Segment], out: &mut Printed) {
    for (i, s) in segs.iter().enumerate() {
        if !s.kinds.contains(&Kind::Nationality) {
            continue;
        }
        let Some((value, j)) = labelled_value(segs, i) else { continue };
        let code = nationality_from_word(value).map(str::to_owned).or_else(|| {
            let t = crate::extract::text::normalise(value);
            let first = t.split(' ').next().unwrap_or("");
            crate::kyc::Country::parse(first)
                .ok()
                .filter(|_| first.len() == 3)
                .map(|c| c.to_string())
                // "OEU" under the label: the one look-alike letter that makes it a country's code.
                .or_else(|| crate::extract::mrz::parse::known_code_repair(first))
        });
        if let Some(code) = code {
            out.nationality = Some(Read::new(code, segs[j].confidence, How::Labelled));
            return;
        }
    }
    for s in segs {
        if let Some(code) = nationality_from_word(&s.text) {
            out.nationality = Some(Read::new(code.to_owned(), s.confidence, How::Labelled));
            return;
        }
    }
}
