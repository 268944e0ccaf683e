"""Countries, label translations, month names, document-number formats, US states and Canadian provinces."""

from __future__ import annotations

import random
import string

# ISO3 -> (English name, native name, label language, nationality word as printed (native / English), EU sign)
COUNTRIES: dict[str, tuple[str, str, str, str, str | None]] = {
    "DEU": ("FEDERAL REPUBLIC OF GERMANY", "BUNDESREPUBLIK DEUTSCHLAND", "de", "DEUTSCH", "D"),
    "AUT": ("REPUBLIC OF AUSTRIA", "REPUBLIK ÖSTERREICH", "de", "ÖSTERREICH", "A"),
    "CHE": ("SWITZERLAND", "SCHWEIZERISCHE EIDGENOSSENSCHAFT", "de", "SCHWEIZ", None),
    "LIE": ("PRINCIPALITY OF LIECHTENSTEIN", "FÜRSTENTUM LIECHTENSTEIN", "de", "LIECHTENSTEIN", None),
    "FRA": ("FRENCH REPUBLIC", "RÉPUBLIQUE FRANÇAISE", "fr", "FRANÇAISE", "F"),
    "BEL": ("KINGDOM OF BELGIUM", "ROYAUME DE BELGIQUE", "fr", "BELGE", "B"),
    "LUX": ("GRAND DUCHY OF LUXEMBOURG", "GRAND-DUCHÉ DE LUXEMBOURG", "fr", "LUXEMBOURGEOISE", "L"),
    "ESP": ("KINGDOM OF SPAIN", "REINO DE ESPAÑA", "es", "ESPAÑOLA", "E"),
    "MEX": ("UNITED MEXICAN STATES", "ESTADOS UNIDOS MEXICANOS", "es", "MEXICANA", None),
    "ARG": ("ARGENTINE REPUBLIC", "REPÚBLICA ARGENTINA", "es", "ARGENTINA", None),
    "COL": ("REPUBLIC OF COLOMBIA", "REPÚBLICA DE COLOMBIA", "es", "COLOMBIANA", None),
    "CHL": ("REPUBLIC OF CHILE", "REPÚBLICA DE CHILE", "es", "CHILENA", None),
    "PER": ("REPUBLIC OF PERU", "REPÚBLICA DEL PERÚ", "es", "PERUANA", None),
    "PRT": ("PORTUGUESE REPUBLIC", "REPÚBLICA PORTUGUESA", "pt", "PORTUGUESA", "P"),
    "BRA": ("FEDERATIVE REPUBLIC OF BRAZIL", "REPÚBLICA FEDERATIVA DO BRASIL", "pt", "BRASILEIRA", None),
    "ITA": ("ITALIAN REPUBLIC", "REPUBBLICA ITALIANA", "it", "ITALIANA", "I"),
    "MLT": ("REPUBLIC OF MALTA", "REPUBBLIKA TA' MALTA", "en", "MALTESE", "M"),
    "NLD": ("KINGDOM OF THE NETHERLANDS", "KONINKRIJK DER NEDERLANDEN", "nl", "NEDERLANDSE", "NL"),
    "POL": ("REPUBLIC OF POLAND", "RZECZPOSPOLITA POLSKA", "pl", "POLSKIE", "PL"),
    "CZE": ("CZECH REPUBLIC", "ČESKÁ REPUBLIKA", "cs", "ČESKÁ REPUBLIKA", "CZ"),
    "SVK": ("SLOVAK REPUBLIC", "SLOVENSKÁ REPUBLIKA", "sk", "SLOVENSKÁ REPUBLIKA", "SK"),
    "SWE": ("KINGDOM OF SWEDEN", "KONUNGARIKET SVERIGE", "sv", "SVENSK", "S"),
    "NOR": ("KINGDOM OF NORWAY", "KONGERIKET NORGE", "no", "NORSK", None),
    "DNK": ("KINGDOM OF DENMARK", "KONGERIGET DANMARK", "da", "DANSK", "DK"),
    "ISL": ("ICELAND", "ÍSLAND", "is", "ÍSLENSKUR", None),
    "FIN": ("FINLAND", "SUOMI FINLAND", "fi", "SUOMI", "FIN"),
    "EST": ("REPUBLIC OF ESTONIA", "EESTI VABARIIK", "et", "EESTI", "EST"),
    "LVA": ("REPUBLIC OF LATVIA", "LATVIJAS REPUBLIKA", "lv", "LATVIJAS", "LV"),
    "LTU": ("REPUBLIC OF LITHUANIA", "LIETUVOS RESPUBLIKA", "lt", "LIETUVOS", "LT"),
    "HUN": ("HUNGARY", "MAGYARORSZÁG", "hu", "MAGYAR", "H"),
    "ROU": ("ROMANIA", "ROMÂNIA", "ro", "ROMÂNĂ", "RO"),
    "MDA": ("REPUBLIC OF MOLDOVA", "REPUBLICA MOLDOVA", "ro", "MOLDOVENEASCĂ", None),
    "HRV": ("REPUBLIC OF CROATIA", "REPUBLIKA HRVATSKA", "hr", "HRVATSKO", "HR"),
    "SVN": ("REPUBLIC OF SLOVENIA", "REPUBLIKA SLOVENIJA", "sl", "SLOVENSKO", "SLO"),
    "SRB": ("REPUBLIC OF SERBIA", "REPUBLIKA SRBIJA", "hr", "SRPSKO", None),
    "BGR": ("REPUBLIC OF BULGARIA", "РЕПУБЛИКА БЪЛГАРИЯ", "bg", "БЪЛГАРИЯ", "BG"),
    "UKR": ("UKRAINE", "УКРАЇНА", "uk", "УКРАЇНА", None),
    "GRC": ("HELLENIC REPUBLIC", "ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ", "el", "ΕΛΛΗΝΙΚΗ", "GR"),
    "CYP": ("REPUBLIC OF CYPRUS", "ΚΥΠΡΙΑΚΗ ΔΗΜΟΚΡΑΤΙΑ", "el", "ΚΥΠΡΙΑΚΗ", "CY"),
    "TUR": ("REPUBLIC OF TÜRKİYE", "TÜRKİYE CUMHURİYETİ", "tr", "T.C.", None),
    "IRL": ("IRELAND", "ÉIRE", "en", "IRISH", "IRL"),
    "GBR": ("UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND", "UNITED KINGDOM", "en", "BRITISH CITIZEN", None),
    "USA": ("UNITED STATES OF AMERICA", "UNITED STATES OF AMERICA", "en", "UNITED STATES OF AMERICA", None),
    "CAN": ("CANADA", "CANADA", "en", "CANADIAN/CANADIENNE", None),
    "AUS": ("AUSTRALIA", "AUSTRALIA", "en", "AUSTRALIAN", None),
    "NZL": ("NEW ZEALAND", "NEW ZEALAND", "en", "NEW ZEALAND", None),
    "IND": ("REPUBLIC OF INDIA", "REPUBLIC OF INDIA", "en", "INDIAN", None),
    "PAK": ("ISLAMIC REPUBLIC OF PAKISTAN", "ISLAMIC REPUBLIC OF PAKISTAN", "en", "PAKISTANI", None),
    "VNM": ("SOCIALIST REPUBLIC OF VIET NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "vi", "VIỆT NAM", None),
    "KOR": ("REPUBLIC OF KOREA", "REPUBLIC OF KOREA", "en", "REPUBLIC OF KOREA", None),
    "PHL": ("REPUBLIC OF THE PHILIPPINES", "REPUBLIKA NG PILIPINAS", "en", "FILIPINO", None),
    "SGP": ("REPUBLIC OF SINGAPORE", "REPUBLIC OF SINGAPORE", "en", "SINGAPORE CITIZEN", None),
    "EGY": ("ARAB REPUBLIC OF EGYPT", "ARAB REPUBLIC OF EGYPT", "en", "EGYPTIAN", None),
    "MAR": ("KINGDOM OF MOROCCO", "ROYAUME DU MAROC", "fr", "MAROCAINE", None),
    "TUN": ("REPUBLIC OF TUNISIA", "RÉPUBLIQUE TUNISIENNE", "fr", "TUNISIENNE", None),
    "DZA": ("PEOPLE'S DEMOCRATIC REPUBLIC OF ALGERIA", "RÉPUBLIQUE ALGÉRIENNE", "fr", "ALGÉRIENNE", None),
    "JOR": ("HASHEMITE KINGDOM OF JORDAN", "HASHEMITE KINGDOM OF JORDAN", "en", "JORDANIAN", None),
    "ARE": ("UNITED ARAB EMIRATES", "UNITED ARAB EMIRATES", "en", "UNITED ARAB EMIRATES", None),
    "NGA": ("FEDERAL REPUBLIC OF NIGERIA", "FEDERAL REPUBLIC OF NIGERIA", "en", "NIGERIAN", None),
    "GHA": ("REPUBLIC OF GHANA", "REPUBLIC OF GHANA", "en", "GHANAIAN", None),
    "KEN": ("REPUBLIC OF KENYA", "REPUBLIC OF KENYA", "en", "KENYAN", None),
    "ZAF": ("REPUBLIC OF SOUTH AFRICA", "REPUBLIEK VAN SUID-AFRIKA", "en", "SOUTH AFRICAN", None),
    "UTO": ("UTOPIA", "UTOPIA", "en", "UTOPIAN", None),
}

EU_DL = ["DEU", "AUT", "FRA", "BEL", "LUX", "ESP", "PRT", "ITA", "NLD", "POL", "CZE", "SVK", "SWE", "DNK", "FIN",
         "EST", "LVA", "LTU", "HUN", "ROU", "HRV", "SVN", "BGR", "GRC", "CYP", "IRL", "MLT"]

# Label translations. Keys: sur, given, name, nat, dob, sex, pob, doi, doe, auth, docno, pno, sig, type, code,
# height, eyes, address, remarks, passport, idcard, rp, dl, valid, entries, duration, visa, permit_type
L: dict[str, dict[str, str]] = {
    "en": dict(sur="Surname", given="Given names", name="Name", nat="Nationality", dob="Date of birth", sex="Sex",
               pob="Place of birth", doi="Date of issue", doe="Date of expiry", auth="Authority",
               docno="Document No.", pno="Personal No.", sig="Holder's signature", type="Type", code="Code",
               height="Height", eyes="Colour of eyes", address="Address", remarks="Remarks", passport="PASSPORT",
               idcard="IDENTITY CARD", rp="RESIDENCE PERMIT", dl="DRIVING LICENCE", valid="Valid until",
               entries="Entries", duration="Duration of stay", visa="VISA", permit_type="Type of permit",
               passno="Passport No.", cardno="Card No."),
    "fr": dict(sur="Nom", given="Prénoms", name="Nom", nat="Nationalité", dob="Date de naissance", sex="Sexe",
               pob="Lieu de naissance", doi="Date de délivrance", doe="Date d'expiration", auth="Autorité",
               docno="N° du document", pno="N° personnel", sig="Signature du titulaire", type="Type", code="Code",
               height="Taille", eyes="Couleur des yeux", address="Adresse", remarks="Observations",
               passport="PASSEPORT", idcard="CARTE NATIONALE D'IDENTITÉ", rp="TITRE DE SÉJOUR",
               dl="PERMIS DE CONDUIRE", valid="Valable jusqu'au", entries="Entrées", duration="Durée du séjour",
               visa="VISA", permit_type="Type de titre", passno="N° du passeport", cardno="N° de la carte"),
    "de": dict(sur="Name", given="Vornamen", name="Name", nat="Staatsangehörigkeit", dob="Geburtstag", sex="Geschlecht",
               pob="Geburtsort", doi="Ausstellungsdatum", doe="Gültig bis", auth="Behörde", docno="Dokumentennummer",
               pno="Persönliche Nr.", sig="Unterschrift", type="Typ", code="Kode", height="Größe",
               eyes="Augenfarbe", address="Anschrift", remarks="Anmerkungen", passport="REISEPASS",
               idcard="PERSONALAUSWEIS", rp="AUFENTHALTSTITEL", dl="FÜHRERSCHEIN", valid="Gültig bis",
               entries="Anzahl der Einreisen", duration="Dauer des Aufenthalts", visa="VISUM",
               permit_type="Art des Titels", passno="Pass-Nr.", cardno="Ausweis-Nr."),
    "es": dict(sur="Apellidos", given="Nombre", name="Nombre", nat="Nacionalidad", dob="Fecha de nacimiento",
               sex="Sexo", pob="Lugar de nacimiento", doi="Fecha de expedición", doe="Fecha de caducidad",
               auth="Autoridad", docno="Núm. soporte", pno="DNI / Núm. personal", sig="Firma del titular",
               type="Tipo", code="Código", height="Estatura", eyes="Color de ojos", address="Domicilio",
               remarks="Observaciones", passport="PASAPORTE", idcard="DOCUMENTO NACIONAL DE IDENTIDAD",
               rp="PERMISO DE RESIDENCIA", dl="PERMISO DE CONDUCCIÓN", valid="Válido hasta", entries="Entradas",
               duration="Duración", visa="VISADO", permit_type="Tipo de permiso", passno="Pasaporte N°",
               cardno="Núm. de soporte"),
    "pt": dict(sur="Apelido(s)", given="Nome(s)", name="Nome", nat="Nacionalidade", dob="Data de nascimento",
               sex="Sexo", pob="Local de nascimento", doi="Data de emissão", doe="Data de validade",
               auth="Autoridade", docno="N.º do documento", pno="N.º de identificação civil", sig="Assinatura",
               type="Tipo", code="Código", height="Altura", eyes="Cor dos olhos", address="Morada",
               remarks="Observações", passport="PASSAPORTE", idcard="CARTÃO DE CIDADÃO",
               rp="AUTORIZAÇÃO DE RESIDÊNCIA", dl="CARTA DE CONDUÇÃO", valid="Válido até", entries="Entradas",
               duration="Duração", visa="VISTO", permit_type="Tipo de título", passno="N.º do passaporte",
               cardno="N.º do cartão"),
    "it": dict(sur="Cognome", given="Nome", name="Nome", nat="Cittadinanza", dob="Data di nascita", sex="Sesso",
               pob="Luogo di nascita", doi="Data di rilascio", doe="Data di scadenza", auth="Autorità",
               docno="N. documento", pno="Codice fiscale", sig="Firma del titolare", type="Tipo", code="Codice",
               height="Statura", eyes="Colore degli occhi", address="Residenza", remarks="Osservazioni",
               passport="PASSAPORTO", idcard="CARTA D'IDENTITÀ", rp="PERMESSO DI SOGGIORNO", dl="PATENTE DI GUIDA",
               valid="Valido fino al", entries="Ingressi", duration="Durata", visa="VISTO",
               permit_type="Tipo di permesso", passno="N. passaporto", cardno="N. carta"),
    "nl": dict(sur="Naam", given="Voornamen", name="Naam", nat="Nationaliteit", dob="Geboortedatum", sex="Geslacht",
               pob="Geboorteplaats", doi="Datum van afgifte", doe="Geldig tot", auth="Instantie",
               docno="Documentnummer", pno="Persoonsnummer", sig="Handtekening houder", type="Soort", code="Code",
               height="Lengte", eyes="Kleur ogen", address="Adres", remarks="Opmerkingen", passport="PASPOORT",
               idcard="IDENTITEITSKAART", rp="VERBLIJFSVERGUNNING", dl="RIJBEWIJS", valid="Geldig tot",
               entries="Binnenkomsten", duration="Verblijfsduur", visa="VISUM", permit_type="Soort vergunning",
               passno="Paspoortnr.", cardno="Kaartnummer"),
    "pl": dict(sur="Nazwisko", given="Imiona", name="Imię i nazwisko", nat="Obywatelstwo", dob="Data urodzenia",
               sex="Płeć", pob="Miejsce urodzenia", doi="Data wydania", doe="Data ważności", auth="Organ wydający",
               docno="Numer dokumentu", pno="Numer PESEL", sig="Podpis posiadacza", type="Typ", code="Kod",
               height="Wzrost", eyes="Kolor oczu", address="Adres", remarks="Uwagi", passport="PASZPORT",
               idcard="DOWÓD OSOBISTY", rp="KARTA POBYTU", dl="PRAWO JAZDY", valid="Ważny do", entries="Wjazdy",
               duration="Okres pobytu", visa="WIZA", permit_type="Rodzaj zezwolenia", passno="Nr paszportu",
               cardno="Numer karty"),
    "cs": dict(sur="Příjmení", given="Jméno", name="Jméno", nat="Státní občanství", dob="Datum narození",
               sex="Pohlaví", pob="Místo narození", doi="Datum vydání", doe="Platnost do", auth="Vydal",
               docno="Číslo dokladu", pno="Rodné číslo", sig="Podpis držitele", type="Typ", code="Kód státu",
               height="Výška", eyes="Barva očí", address="Trvalý pobyt", remarks="Poznámky", passport="CESTOVNÍ PAS",
               idcard="OBČANSKÝ PRŮKAZ", rp="POVOLENÍ K POBYTU", dl="ŘIDIČSKÝ PRŮKAZ", valid="Platnost do",
               entries="Počet vstupů", duration="Doba pobytu", visa="VÍZUM", permit_type="Druh povolení",
               passno="Číslo pasu", cardno="Číslo průkazu"),
    "sk": dict(sur="Priezvisko", given="Meno", name="Meno", nat="Štátna príslušnosť", dob="Dátum narodenia",
               sex="Pohlavie", pob="Miesto narodenia", doi="Dátum vydania", doe="Dátum platnosti", auth="Vydal",
               docno="Číslo dokladu", pno="Rodné číslo", sig="Podpis držiteľa", type="Typ", code="Kód",
               height="Výška", eyes="Farba očí", address="Trvalý pobyt", remarks="Poznámky", passport="CESTOVNÝ PAS",
               idcard="OBČIANSKY PREUKAZ", rp="POVOLENIE NA POBYT", dl="VODIČSKÝ PREUKAZ", valid="Platný do",
               entries="Vstupy", duration="Doba pobytu", visa="VÍZUM", permit_type="Druh povolenia",
               passno="Číslo pasu", cardno="Číslo preukazu"),
    "sv": dict(sur="Efternamn", given="Förnamn", name="Namn", nat="Medborgarskap", dob="Födelsedatum", sex="Kön",
               pob="Födelseort", doi="Utfärdandedatum", doe="Sista giltighetsdag", auth="Myndighet",
               docno="Dokumentnummer", pno="Personnummer", sig="Namnteckning", type="Typ", code="Kod",
               height="Längd", eyes="Ögonfärg", address="Adress", remarks="Anmärkningar", passport="PASS",
               idcard="IDENTITETSKORT", rp="UPPEHÅLLSTILLSTÅND", dl="KÖRKORT", valid="Giltig till",
               entries="Inresor", duration="Vistelsens längd", visa="VISERING", permit_type="Typ av tillstånd",
               passno="Passnummer", cardno="Kortnummer"),
    "no": dict(sur="Etternavn", given="Fornavn", name="Navn", nat="Nasjonalitet", dob="Fødselsdato", sex="Kjønn",
               pob="Fødested", doi="Utstedt", doe="Utløpsdato", auth="Myndighet", docno="Dokumentnummer",
               pno="Fødselsnummer", sig="Innehaverens underskrift", type="Type", code="Kode", height="Høyde",
               eyes="Øyenfarge", address="Adresse", remarks="Merknader", passport="PASS", idcard="NASJONALT ID-KORT",
               rp="OPPHOLDSKORT", dl="FØRERKORT", valid="Gyldig til", entries="Innreiser", duration="Varighet",
               visa="VISUM", permit_type="Type tillatelse", passno="Passnummer", cardno="Kortnummer"),
    "da": dict(sur="Efternavn", given="Fornavne", name="Navn", nat="Nationalitet", dob="Fødselsdato", sex="Køn",
               pob="Fødested", doi="Udstedelsesdato", doe="Udløbsdato", auth="Myndighed", docno="Dokumentnummer",
               pno="Personnummer", sig="Indehaverens underskrift", type="Type", code="Kode", height="Højde",
               eyes="Øjenfarve", address="Adresse", remarks="Bemærkninger", passport="PAS", idcard="ID-KORT",
               rp="OPHOLDSKORT", dl="KØREKORT", valid="Gyldig til", entries="Indrejser", duration="Varighed",
               visa="VISUM", permit_type="Type tilladelse", passno="Pasnummer", cardno="Kortnummer"),
    "is": dict(sur="Kenninafn", given="Eiginnafn", name="Nafn", nat="Ríkisfang", dob="Fæðingardagur", sex="Kyn",
               pob="Fæðingarstaður", doi="Útgáfudagur", doe="Gildir til", auth="Útgefandi", docno="Skírteinisnúmer",
               pno="Kennitala", sig="Undirskrift", type="Tegund", code="Kóði", height="Hæð", eyes="Augnlitur",
               address="Heimili", remarks="Athugasemdir", passport="VEGABRÉF", idcard="NAFNSKÍRTEINI",
               rp="DVALARLEYFI", dl="ÖKUSKÍRTEINI", valid="Gildir til", entries="Komur", duration="Dvöl",
               visa="ÁRITUN", permit_type="Tegund leyfis", passno="Vegabréfsnúmer", cardno="Kortnúmer"),
    "fi": dict(sur="Sukunimi", given="Etunimet", name="Nimi", nat="Kansalaisuus", dob="Syntymäaika", sex="Sukupuoli",
               pob="Syntymäpaikka", doi="Myönnetty", doe="Voimassa", auth="Myöntäjä", docno="Asiakirjan numero",
               pno="Henkilötunnus", sig="Haltijan allekirjoitus", type="Tyyppi", code="Koodi", height="Pituus",
               eyes="Silmien väri", address="Osoite", remarks="Huomautuksia", passport="PASSI",
               idcard="HENKILÖKORTTI", rp="OLESKELULUPA", dl="AJOKORTTI", valid="Voimassa", entries="Maahantulot",
               duration="Oleskelun kesto", visa="VIISUMI", permit_type="Luvan tyyppi", passno="Passin numero",
               cardno="Kortin numero"),
    "et": dict(sur="Perekonnanimi", given="Eesnimed", name="Nimi", nat="Kodakondsus", dob="Sünniaeg", sex="Sugu",
               pob="Sünnikoht", doi="Väljaandmise kuupäev", doe="Kehtiv kuni", auth="Väljaandja",
               docno="Dokumendi number", pno="Isikukood", sig="Allkiri", type="Tüüp", code="Kood", height="Pikkus",
               eyes="Silmade värv", address="Aadress", remarks="Märkused", passport="PASS", idcard="ISIKUTUNNISTUS",
               rp="ELAMISLOA KAART", dl="JUHILUBA", valid="Kehtiv kuni", entries="Sissesõidud", duration="Kestus",
               visa="VIISA", permit_type="Loa liik", passno="Passi number", cardno="Kaardi number"),
    "lv": dict(sur="Uzvārds", given="Vārds", name="Vārds", nat="Pilsonība", dob="Dzimšanas datums", sex="Dzimums",
               pob="Dzimšanas vieta", doi="Izdošanas datums", doe="Derīgs līdz", auth="Izdevējiestāde",
               docno="Dokumenta numurs", pno="Personas kods", sig="Paraksts", type="Tips", code="Kods",
               height="Augums", eyes="Acu krāsa", address="Adrese", remarks="Piezīmes", passport="PASE",
               idcard="PERSONAS APLIECĪBA", rp="UZTURĒŠANĀS ATĻAUJA", dl="VADĪTĀJA APLIECĪBA", valid="Derīgs līdz",
               entries="Ieceļošanas", duration="Uzturēšanās ilgums", visa="VĪZA", permit_type="Atļaujas veids",
               passno="Pases numurs", cardno="Kartes numurs"),
    "lt": dict(sur="Pavardė", given="Vardas", name="Vardas", nat="Pilietybė", dob="Gimimo data", sex="Lytis",
               pob="Gimimo vieta", doi="Išdavimo data", doe="Galioja iki", auth="Išdavė", docno="Dokumento Nr.",
               pno="Asmens kodas", sig="Parašas", type="Tipas", code="Kodas", height="Ūgis", eyes="Akių spalva",
               address="Adresas", remarks="Pastabos", passport="PASAS", idcard="ASMENS TAPATYBĖS KORTELĖ",
               rp="LEIDIMAS GYVENTI", dl="VAIRUOTOJO PAŽYMĖJIMAS", valid="Galioja iki", entries="Atvykimai",
               duration="Buvimo trukmė", visa="VIZA", permit_type="Leidimo rūšis", passno="Paso Nr.",
               cardno="Kortelės Nr."),
    "hu": dict(sur="Családi név", given="Utónév", name="Név", nat="Állampolgárság", dob="Születési idő", sex="Nem",
               pob="Születési hely", doi="Kiállítás dátuma", doe="Érvényesség", auth="Kiállító hatóság",
               docno="Okmányazonosító", pno="Személyi azonosító", sig="Aláírás", type="Típus", code="Kód",
               height="Magasság", eyes="Szemszín", address="Lakcím", remarks="Megjegyzések", passport="ÚTLEVÉL",
               idcard="SZEMÉLYAZONOSÍTÓ IGAZOLVÁNY", rp="TARTÓZKODÁSI ENGEDÉLY", dl="VEZETŐI ENGEDÉLY",
               valid="Érvényes", entries="Beutazások", duration="Tartózkodás", visa="VÍZUM",
               permit_type="Engedély típusa", passno="Útlevélszám", cardno="Kártyaszám"),
    "ro": dict(sur="Nume", given="Prenume", name="Nume", nat="Cetățenie", dob="Data nașterii", sex="Sex",
               pob="Locul nașterii", doi="Data eliberării", doe="Data expirării", auth="Autoritate",
               docno="Nr. document", pno="CNP", sig="Semnătura titularului", type="Tip", code="Cod",
               height="Înălțime", eyes="Culoarea ochilor", address="Domiciliu", remarks="Observații",
               passport="PAȘAPORT", idcard="CARTE DE IDENTITATE", rp="PERMIS DE ȘEDERE", dl="PERMIS DE CONDUCERE",
               valid="Valabil până la", entries="Intrări", duration="Durata șederii", visa="VIZĂ",
               permit_type="Tipul permisului", passno="Nr. pașaport", cardno="Nr. card"),
    "hr": dict(sur="Prezime", given="Ime", name="Ime", nat="Državljanstvo", dob="Datum rođenja", sex="Spol",
               pob="Mjesto rođenja", doi="Datum izdavanja", doe="Vrijedi do", auth="Izdao", docno="Broj isprave",
               pno="OIB", sig="Potpis", type="Vrsta", code="Kod", height="Visina", eyes="Boja očiju",
               address="Prebivalište", remarks="Napomene", passport="PUTOVNICA", idcard="OSOBNA ISKAZNICA",
               rp="DOZVOLA BORAVKA", dl="VOZAČKA DOZVOLA", valid="Vrijedi do", entries="Ulasci",
               duration="Trajanje boravka", visa="VIZA", permit_type="Vrsta dozvole", passno="Broj putovnice",
               cardno="Broj kartice"),
    "sl": dict(sur="Priimek", given="Ime", name="Ime", nat="Državljanstvo", dob="Datum rojstva", sex="Spol",
               pob="Kraj rojstva", doi="Datum izdaje", doe="Datum veljavnosti", auth="Izdal", docno="Št. dokumenta",
               pno="EMŠO", sig="Podpis imetnika", type="Vrsta", code="Koda", height="Višina", eyes="Barva oči",
               address="Naslov", remarks="Opombe", passport="POTNI LIST", idcard="OSEBNA IZKAZNICA",
               rp="DOVOLJENJE ZA PREBIVANJE", dl="VOZNIŠKO DOVOLJENJE", valid="Velja do", entries="Vstopi",
               duration="Trajanje bivanja", visa="VIZUM", permit_type="Vrsta dovoljenja", passno="Št. potnega lista",
               cardno="Št. kartice"),
    "tr": dict(sur="Soyadı", given="Adı", name="Adı Soyadı", nat="Uyruğu", dob="Doğum tarihi", sex="Cinsiyeti",
               pob="Doğum yeri", doi="Veriliş tarihi", doe="Geçerlilik tarihi", auth="Makam", docno="Seri No",
               pno="T.C. Kimlik No", sig="İmza", type="Tipi", code="Ülke kodu", height="Boy", eyes="Göz rengi",
               address="Adres", remarks="Açıklamalar", passport="PASAPORT", idcard="KİMLİK KARTI",
               rp="İKAMET İZNİ", dl="SÜRÜCÜ BELGESİ", valid="Geçerlilik", entries="Girişler", duration="Süre",
               visa="VİZE", permit_type="İzin türü", passno="Pasaport No", cardno="Seri No"),
    "el": dict(sur="Επώνυμο", given="Όνομα", name="Όνομα", nat="Ιθαγένεια", dob="Ημερ. γέννησης", sex="Φύλο",
               pob="Τόπος γέννησης", doi="Ημερ. έκδοσης", doe="Ημερ. λήξης", auth="Αρχή έκδοσης",
               docno="Αριθ. εγγράφου", pno="Προσωπικός αριθ.", sig="Υπογραφή κατόχου", type="Τύπος", code="Κωδικός",
               height="Ύψος", eyes="Χρώμα ματιών", address="Διεύθυνση", remarks="Παρατηρήσεις",
               passport="ΔΙΑΒΑΤΗΡΙΟ", idcard="ΔΕΛΤΙΟ ΤΑΥΤΟΤΗΤΑΣ", rp="ΑΔΕΙΑ ΔΙΑΜΟΝΗΣ", dl="ΑΔΕΙΑ ΟΔΗΓΗΣΗΣ",
               valid="Ισχύει έως", entries="Είσοδοι", duration="Διάρκεια", visa="ΘΕΩΡΗΣΗ",
               permit_type="Είδος άδειας", passno="Αριθ. διαβατηρίου", cardno="Αριθ. κάρτας"),
    "bg": dict(sur="Фамилия", given="Име", name="Име", nat="Гражданство", dob="Дата на раждане", sex="Пол",
               pob="Място на раждане", doi="Дата на издаване", doe="Валидност", auth="Издаден от",
               docno="№ на документа", pno="ЕГН", sig="Подпис", type="Вид", code="Код", height="Ръст",
               eyes="Цвят на очите", address="Постоянен адрес", remarks="Забележки", passport="ПАСПОРТ",
               idcard="ЛИЧНА КАРТА", rp="РАЗРЕШЕНИЕ ЗА ПРЕБИВАВАНЕ", dl="СВИДЕТЕЛСТВО ЗА УПРАВЛЕНИЕ",
               valid="Валидно до", entries="Влизания", duration="Престой", visa="ВИЗА", permit_type="Вид",
               passno="Паспорт №", cardno="Карта №"),
    "uk": dict(sur="Прізвище", given="Ім'я", name="Ім'я", nat="Громадянство", dob="Дата народження", sex="Стать",
               pob="Місце народження", doi="Дата видачі", doe="Дійсний до", auth="Орган, що видав",
               docno="Номер документа", pno="Запис №", sig="Підпис", type="Тип", code="Код держави", height="Зріст",
               eyes="Колір очей", address="Адреса", remarks="Примітки", passport="ПАСПОРТ", idcard="ID-КАРТКА",
               rp="ПОСВІДКА НА ПРОЖИВАННЯ", dl="ПОСВІДЧЕННЯ ВОДІЯ", valid="Дійсний до", entries="В'їзди",
               duration="Тривалість", visa="ВІЗА", permit_type="Тип", passno="Паспорт №", cardno="Номер картки"),
    "vi": dict(sur="Họ", given="Chữ đệm và tên", name="Họ và tên", nat="Quốc tịch", dob="Ngày sinh", sex="Giới tính",
               pob="Nơi sinh", doi="Ngày cấp", doe="Có giá trị đến", auth="Cơ quan cấp", docno="Số",
               pno="Số định danh cá nhân", sig="Chữ ký", type="Loại", code="Mã số", height="Chiều cao",
               eyes="Màu mắt", address="Nơi thường trú", remarks="Ghi chú", passport="HỘ CHIẾU",
               idcard="CĂN CƯỚC CÔNG DÂN", rp="THẺ TẠM TRÚ", dl="GIẤY PHÉP LÁI XE", valid="Có giá trị đến",
               entries="Số lần", duration="Thời hạn", visa="THỊ THỰC", permit_type="Loại", passno="Số hộ chiếu",
               cardno="Số thẻ"),
}

SEX_WORD = {
    "en": {"M": "M", "F": "F", "X": "X"}, "fr": {"M": "M", "F": "F", "X": "X"}, "de": {"M": "M", "F": "F", "X": "X"},
    "es": {"M": "M", "F": "F", "X": "X"}, "it": {"M": "M", "F": "F", "X": "X"}, "nl": {"M": "M", "F": "V", "X": "X"},
    "pl": {"M": "M", "F": "K", "X": "X"}, "cs": {"M": "M", "F": "Ž", "X": "X"}, "sk": {"M": "M", "F": "Ž", "X": "X"},
    "sv": {"M": "M", "F": "K", "X": "X"}, "no": {"M": "M", "F": "K", "X": "X"}, "da": {"M": "M", "F": "K", "X": "X"},
    "fi": {"M": "M", "F": "N", "X": "X"}, "hu": {"M": "F", "F": "N", "X": "X"}, "tr": {"M": "E", "F": "K", "X": "X"},
    "el": {"M": "Α", "F": "Θ", "X": "X"}, "bg": {"M": "М", "F": "Ж", "X": "X"}, "uk": {"M": "Ч", "F": "Ж", "X": "X"},
    "pt": {"M": "M", "F": "F", "X": "X"}, "ro": {"M": "M", "F": "F", "X": "X"}, "hr": {"M": "M", "F": "Ž", "X": "X"},
    "sl": {"M": "M", "F": "Ž", "X": "X"}, "et": {"M": "M", "F": "N", "X": "X"}, "lv": {"M": "V", "F": "S", "X": "X"},
    "lt": {"M": "V", "F": "M", "X": "X"}, "is": {"M": "KK", "F": "KVK", "X": "X"}, "vi": {"M": "Nam", "F": "Nữ", "X": "X"},
}

MONTHS = {
    "en": "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC",
    "fr": "JANV FÉVR MARS AVR MAI JUIN JUIL AOÛT SEPT OCT NOV DÉC",
    "de": "JAN FEB MÄR APR MAI JUN JUL AUG SEP OKT NOV DEZ",
    "es": "ENE FEB MAR ABR MAY JUN JUL AGO SEP OCT NOV DIC",
    "pt": "JAN FEV MAR ABR MAI JUN JUL AGO SET OUT NOV DEZ",
    "it": "GEN FEB MAR APR MAG GIU LUG AGO SET OTT NOV DIC",
    "nl": "JAN FEB MRT APR MEI JUN JUL AUG SEP OKT NOV DEC",
    "pl": "STY LUT MAR KWI MAJ CZE LIP SIE WRZ PAŹ LIS GRU",
    "cs": "LED ÚNO BŘE DUB KVĚ ČVN ČVC SRP ZÁŘ ŘÍJ LIS PRO",
    "sv": "JAN FEB MAR APR MAJ JUN JUL AUG SEP OKT NOV DEC",
    "fi": "TAMMI HELMI MAALIS HUHTI TOUKO KESÄ HEINÄ ELO SYYS LOKA MARRAS JOULU",
    "hu": "JAN FEBR MÁRC ÁPR MÁJ JÚN JÚL AUG SZEPT OKT NOV DEC",
    "tr": "OCA ŞUB MAR NİS MAY HAZ TEM AĞU EYL EKİ KAS ARA",
    "el": "ΙΑΝ ΦΕΒ ΜΑΡ ΑΠΡ ΜΑΪ ΙΟΥΝ ΙΟΥΛ ΑΥΓ ΣΕΠ ΟΚΤ ΝΟΕ ΔΕΚ",
    "ro": "IAN FEB MAR APR MAI IUN IUL AUG SEP OCT NOI DEC",
    "hr": "SIJ VEL OŽU TRA SVI LIP SRP KOL RUJ LIS STU PRO",
}
for _l in ("no", "da", "is"):
    MONTHS[_l] = "JAN FEB MAR APR MAI JUN JUL AUG SEP OKT NOV DES"
MONTHS = {k: v.split() for k, v in MONTHS.items()}

# Places of birth / issuing authorities: invented-neutral, well-known city names per country.
CITIES = {
    "DEU": ["BERLIN", "HAMBURG", "MÜNCHEN", "KÖLN", "LEIPZIG", "DÜSSELDORF", "NÜRNBERG", "BREMEN"],
    "AUT": ["WIEN", "GRAZ", "LINZ", "SALZBURG", "INNSBRUCK"], "CHE": ["ZÜRICH", "GENÈVE", "BERN", "BASEL"],
    "FRA": ["PARIS", "LYON", "MARSEILLE", "TOULOUSE", "NANTES", "STRASBOURG", "BORDEAUX", "LILLE"],
    "BEL": ["BRUXELLES", "LIÈGE", "ANTWERPEN", "GENT"], "LUX": ["LUXEMBOURG", "ESCH-SUR-ALZETTE"],
    "ESP": ["MADRID", "SEVILLA", "VALENCIA", "ZARAGOZA", "MÁLAGA", "BILBAO", "A CORUÑA"],
    "PRT": ["LISBOA", "PORTO", "COIMBRA", "BRAGA", "FARO"], "BRA": ["SÃO PAULO", "RIO DE JANEIRO", "BELO HORIZONTE", "RECIFE"],
    "ITA": ["ROMA", "MILANO", "NAPOLI", "TORINO", "PALERMO", "BOLOGNA", "FIRENZE", "BARI"],
    "NLD": ["AMSTERDAM", "ROTTERDAM", "UTRECHT", "EINDHOVEN", "GRONINGEN", "'S-GRAVENHAGE"],
    "POL": ["WARSZAWA", "KRAKÓW", "ŁÓDŹ", "WROCŁAW", "POZNAŃ", "GDAŃSK"], "CZE": ["PRAHA", "BRNO", "OSTRAVA", "PLZEŇ"],
    "SVK": ["BRATISLAVA", "KOŠICE", "ŽILINA"], "SWE": ["STOCKHOLM", "GÖTEBORG", "MALMÖ", "UPPSALA"],
    "NOR": ["OSLO", "BERGEN", "TRONDHEIM", "TROMSØ"], "DNK": ["KØBENHAVN", "AARHUS", "ODENSE", "AALBORG"],
    "ISL": ["REYKJAVÍK", "AKUREYRI"], "FIN": ["HELSINKI", "TAMPERE", "TURKU", "OULU"], "EST": ["TALLINN", "TARTU"],
    "LVA": ["RĪGA", "DAUGAVPILS"], "LTU": ["VILNIUS", "KAUNAS", "KLAIPĖDA"], "HUN": ["BUDAPEST", "DEBRECEN", "SZEGED", "PÉCS"],
    "ROU": ["BUCUREȘTI", "CLUJ-NAPOCA", "IAȘI", "TIMIȘOARA"], "HRV": ["ZAGREB", "SPLIT", "RIJEKA"],
    "SVN": ["LJUBLJANA", "MARIBOR"], "SRB": ["BEOGRAD", "NOVI SAD", "NIŠ"], "BGR": ["BURGAS", "PLOVDIV", "VARNA"],
    "UKR": ["KYIV", "LVIV", "ODESA", "KHARKIV"], "GRC": ["ATHINA", "THESSALONIKI", "PATRA"], "CYP": ["LEFKOSIA", "LEMESOS"],
    "TUR": ["İSTANBUL", "ANKARA", "İZMİR", "BURSA"], "IRL": ["DUBLIN", "CORK", "GALWAY"],
    "GBR": ["LONDON", "MANCHESTER", "GLASGOW", "CARDIFF", "BELFAST", "LEEDS"], "USA": ["CHICAGO", "HOUSTON", "DENVER"],
    "CAN": ["TORONTO", "MONTRÉAL", "VANCOUVER", "CALGARY"], "AUS": ["SYDNEY", "MELBOURNE", "BRISBANE", "PERTH"],
    "NZL": ["AUCKLAND", "WELLINGTON"], "IND": ["MUMBAI", "CHENNAI", "KOLKATA", "BENGALURU", "HYDERABAD"],
    "VNM": ["HÀ NỘI", "TP. HỒ CHÍ MINH", "ĐÀ NẴNG"], "KOR": ["SEOUL", "BUSAN", "INCHEON"],
    "MAR": ["RABAT", "CASABLANCA", "FÈS"], "TUN": ["TUNIS", "SFAX"], "DZA": ["ALGER", "ORAN"], "EGY": ["CAIRO", "ALEXANDRIA"],
    "MEX": ["CIUDAD DE MÉXICO", "GUADALAJARA", "MONTERREY"], "ARG": ["BUENOS AIRES", "CÓRDOBA", "ROSARIO"],
    "COL": ["BOGOTÁ", "MEDELLÍN", "CALI"], "CHL": ["SANTIAGO", "VALPARAÍSO"], "PER": ["LIMA", "AREQUIPA"],
    "NGA": ["LAGOS", "ABUJA", "IBADAN"], "GHA": ["ACCRA", "KUMASI"], "KEN": ["NAIROBI", "MOMBASA"],
    "ZAF": ["JOHANNESBURG", "CAPE TOWN", "DURBAN"], "PHL": ["MANILA", "CEBU CITY"], "PAK": ["LAHORE", "KARACHI"],
    "UTO": ["NOVA URBS", "ZENITH"], "SGP": ["SINGAPORE"], "JOR": ["AMMAN"], "ARE": ["DUBAI", "ABU DHABI"],
    "MLT": ["VALLETTA"], "MDA": ["CHIȘINĂU"], "LIE": ["VADUZ"],
}

ALNUM = string.ascii_uppercase + string.digits
NOVOWEL = "BCDFGHJKLMNPRSTVWXYZ"


def digits(r: random.Random, n: int) -> str:
    return "".join(r.choice(string.digits) for _ in range(n))


def letters(r: random.Random, n: int, pool: str = string.ascii_uppercase) -> str:
    return "".join(r.choice(pool) for _ in range(n))


def alnum(r: random.Random, n: int, pool: str = ALNUM) -> str:
    return "".join(r.choice(pool) for _ in range(n))


def passport_number(r: random.Random, c: str) -> str:
    f = {
        "DEU": lambda: r.choice("CFGHJK") + alnum(r, 8, NOVOWEL + "0123456789"),
        "FRA": lambda: digits(r, 2) + letters(r, 2) + digits(r, 5),
        "ITA": lambda: letters(r, 2) + digits(r, 7),
        "ESP": lambda: letters(r, 3) + digits(r, 6),
        "NLD": lambda: alnum(r, 2, NOVOWEL) + alnum(r, 6, NOVOWEL + "0123456789") + r.choice("0123456789"),
        "GBR": lambda: digits(r, 9), "USA": lambda: r.choice(["", "A"]) + digits(r, 8 if r.random() < .5 else 9)[:9],
        "CAN": lambda: letters(r, 2) + digits(r, 6), "POL": lambda: letters(r, 2) + digits(r, 7),
        "IND": lambda: letters(r, 1) + digits(r, 7), "KOR": lambda: "M" + digits(r, 3) + letters(r, 1) + digits(r, 4),
        "TUR": lambda: "U" + digits(r, 8), "AUS": lambda: letters(r, 2) + digits(r, 7),
        "CHE": lambda: letters(r, 1) + digits(r, 7), "SWE": lambda: digits(r, 8),
        "BRA": lambda: letters(r, 2) + digits(r, 6), "UKR": lambda: letters(r, 2) + digits(r, 6),
    }.get(c)
    if f:
        return f()[:9]
    return r.choice([lambda: letters(r, 2) + digits(r, 7), lambda: letters(r, 1) + digits(r, 8),
                     lambda: digits(r, 9), lambda: letters(r, 1) + digits(r, 7),
                     lambda: alnum(r, 9)])()


def id_card_number(r: random.Random, c: str) -> str:
    f = {
        "DEU": lambda: r.choice("LMNPRT") + alnum(r, 8, NOVOWEL + "0123456789"),
        "FRA": lambda: alnum(r, 9, "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"),
        "ESP": lambda: letters(r, 3) + digits(r, 6), "ITA": lambda: "C" + letters(r, 1) + digits(r, 5) + letters(r, 2),
        "NLD": lambda: alnum(r, 2, NOVOWEL) + alnum(r, 6, NOVOWEL + "0123456789") + r.choice("0123456789"),
        "POL": lambda: letters(r, 3) + digits(r, 6), "BEL": lambda: digits(r, 9),
    }.get(c)
    if f:
        return f()
    return passport_number(r, "XXX")


def personal_number(r: random.Random, c: str, birth, sex: str) -> str | None:
    """A national personal number as printed (None where the document prints none)."""
    if c == "ESP":
        n = r.randrange(10_000_000, 99_999_999)
        return f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"
    if c == "NLD":
        while True:  # BSN, eleven-test
            d = [r.randrange(10) for _ in range(8)]
            s = sum(x * w for x, w in zip(d, range(9, 1, -1)))
            last = s % 11
            if last < 10 and d[0] != 0:
                return "".join(map(str, d)) + str(last)
    if c == "POL":
        m = birth.month + (20 if birth.year >= 2000 else 0)
        base = f"{birth.year % 100:02d}{m:02d}{birth.day:02d}" + digits(r, 3)
        base += str(r.choice([1, 3, 5, 7, 9]) if sex == "M" else r.choice([0, 2, 4, 6, 8]))
        ctl = (10 - sum(int(a) * w for a, w in zip(base, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3])) % 10) % 10
        return base + str(ctl)
    if c in ("SWE", "NOR", "DNK", "FIN", "ISL"):
        s = birth.strftime("%y%m%d")
        if c == "SWE":
            return s + "-" + digits(r, 4)
        if c == "FIN":
            return s + ("A" if birth.year >= 2000 else "-") + digits(r, 3) + r.choice("0123456789ABCDEFHJKLMNPRSTUVWXY")
        if c == "NOR":
            return birth.strftime("%d%m%y") + digits(r, 5)
        if c == "DNK":
            # CPR: DDMMYY-SSSS, the seventh digit with the year gives the century (CPR-kontoret: 0-3 the 1900s;
            # 4 and 9 the 2000s up to year 36, else the 1900s; 5-8 the 2000s up to year 57, else the 1800s).
            yy = birth.year % 100
            if birth.year < 1937:
                seventh = r.choice("01239")
            elif birth.year < 2000:
                seventh = r.choice("0123")
            elif yy <= 36:
                seventh = r.choice("45678")
            else:
                seventh = r.choice("5678")
            return birth.strftime("%d%m%y") + "-" + seventh + digits(r, 3)
        # Kennitala: DDMMYY-RRKC, K a mod-11 check digit over the first eight, C the century (9 the 1900s, 0 the 2000s).
        while True:
            rr = digits(r, 4)[:2]
            base = birth.strftime("%d%m%y") + rr
            k = (11 - sum(int(a) * w for a, w in zip(base, [3, 2, 7, 6, 5, 4, 3, 2])) % 11) % 11
            if k < 10:
                return base[:6] + "-" + base[6:] + str(k) + ("0" if birth.year >= 2000 else "9")
    if c in ("ROU", "BGR", "EST", "LTU"):
        # The first digit encodes sex and century (ROU CNP: 1/2 the 1900s, 5/6 the 2000s; EST isikukood and LTU
        # asmens kodas: 3/4 the 1900s, 5/6 the 2000s); BGR EGN adds 40 to the month for the 2000s.
        c20 = birth.year >= 2000
        male = sex == "M"
        head = {"ROU": ("5" if c20 else "1") if male else ("6" if c20 else "2"), "BGR": "",
                "EST": ("5" if c20 else "3") if male else ("6" if c20 else "4")}.get(c)
        if head is None:
            head = ("5" if c20 else "3") if male else ("6" if c20 else "4")
        month = birth.month + (40 if c == "BGR" and c20 else 0)
        body = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}"
        tail = digits(r, {"ROU": 6, "BGR": 4, "EST": 4, "LTU": 4}[c])
        return head + body + tail
    if c == "CZE" or c == "SVK":
        m = birth.month + (50 if sex == "F" else 0)
        return f"{birth.year % 100:02d}{m:02d}{birth.day:02d}/{digits(r, 4)}"
    if c == "TUR":
        return str(r.randrange(1, 9)) + digits(r, 10)
    if c == "KOR":
        return birth.strftime("%y%m%d") + "-" + str((1 if sex == "M" else 2) + (2 if birth.year >= 2000 else 0)) + digits(r, 6)
    if c == "BEL":
        return birth.strftime("%y.%m.%d") + "-" + digits(r, 3) + "." + digits(r, 2)
    if c == "PRT":
        return digits(r, 8)
    if c == "UTO":
        return letters(r, 2) + digits(r, 6) + letters(r, 1)
    if c in ("UKR",):
        return birth.strftime("%Y%m%d") + "-" + digits(r, 5)
    return None


# --- US states (name, abbreviation, licence-number generators) -------------------------------------------------
def _us_formats(r: random.Random) -> dict[str, list]:
    d, le = lambda n: digits(r, n), lambda n: letters(r, n)
    return {
        "AL": [lambda: d(7), lambda: d(8)], "AK": [lambda: d(7)], "AZ": [lambda: le(1) + d(8), lambda: d(9)],
        "AR": [lambda: "9" + d(8)], "CA": [lambda: le(1) + d(7)], "CO": [lambda: d(2) + "-" + d(3) + "-" + d(4)],
        "CT": [lambda: d(9)], "DE": [lambda: d(7)], "DC": [lambda: d(7)],
        "FL": [lambda: f"{le(1)}{d(3)}-{d(3)}-{d(2)}-{d(3)}-{d(1)}"], "GA": [lambda: "0" + d(8)],
        "HI": [lambda: "H" + d(8)], "ID": [lambda: le(2) + d(6) + le(1)], "IL": [lambda: f"{le(1)}{d(3)}-{d(4)}-{d(4)}"],
        "IN": [lambda: f"{d(4)}-{d(2)}-{d(4)}"], "IA": [lambda: d(3) + le(2) + d(4)], "KS": [lambda: "K" + d(8)],
        "KY": [lambda: le(1) + d(2) + "-" + d(3) + "-" + d(3)], "LA": [lambda: "00" + d(7)],
        "ME": [lambda: d(7)], "MD": [lambda: f"{le(1)}-{d(3)}-{d(3)}-{d(3)}-{d(3)}"], "MA": [lambda: "S" + d(8)],
        "MI": [lambda: f"{le(1)} {d(3)} {d(3)} {d(3)} {d(3)}"], "MN": [lambda: le(1) + d(12)],
        "MS": [lambda: "80" + d(7)], "MO": [lambda: le(1) + d(9)], "MT": [lambda: d(13)], "NE": [lambda: le(1) + d(8)],
        "NV": [lambda: d(10)], "NH": [lambda: d(2) + le(3) + d(5)], "NJ": [lambda: f"{le(1)}{d(4)} {d(5)} {d(5)}"],
        "NM": [lambda: d(9)], "NY": [lambda: f"{d(3)} {d(3)} {d(3)}"], "NC": [lambda: "0000" + d(8)],
        "ND": [lambda: le(3) + "-" + d(2) + "-" + d(4)], "OH": [lambda: le(2) + d(6)], "OK": [lambda: le(1) + d(9)],
        "OR": [lambda: d(7), lambda: le(1) + d(6)], "PA": [lambda: d(2) + " " + d(3) + " " + d(3)],
        "RI": [lambda: d(7)], "SC": [lambda: d(9)], "SD": [lambda: d(8)], "TN": [lambda: d(9)], "TX": [lambda: d(8)],
        "UT": [lambda: "1" + d(8)], "VT": [lambda: d(8)], "VA": [lambda: le(1) + d(2) + "-" + d(2) + "-" + d(4)],
        "WA": [lambda: "WDL" + alnum(r, 9, NOVOWEL + "0123456789")], "WV": [lambda: le(1) + d(6)],
        "WI": [lambda: f"{le(1)}{d(3)}-{d(4)}-{d(4)}-{d(2)}"], "WY": [lambda: d(6) + "-" + d(3)],
    }


US_STATES = {
    "AL": "ALABAMA", "AK": "ALASKA", "AZ": "ARIZONA", "AR": "ARKANSAS", "CA": "CALIFORNIA", "CO": "COLORADO",
    "CT": "CONNECTICUT", "DE": "DELAWARE", "DC": "DISTRICT OF COLUMBIA", "FL": "FLORIDA", "GA": "GEORGIA",
    "HI": "HAWAII", "ID": "IDAHO", "IL": "ILLINOIS", "IN": "INDIANA", "IA": "IOWA", "KS": "KANSAS", "KY": "KENTUCKY",
    "LA": "LOUISIANA", "ME": "MAINE", "MD": "MARYLAND", "MA": "MASSACHUSETTS", "MI": "MICHIGAN", "MN": "MINNESOTA",
    "MS": "MISSISSIPPI", "MO": "MISSOURI", "MT": "MONTANA", "NE": "NEBRASKA", "NV": "NEVADA", "NH": "NEW HAMPSHIRE",
    "NJ": "NEW JERSEY", "NM": "NEW MEXICO", "NY": "NEW YORK", "NC": "NORTH CAROLINA", "ND": "NORTH DAKOTA",
    "OH": "OHIO", "OK": "OKLAHOMA", "OR": "OREGON", "PA": "PENNSYLVANIA", "RI": "RHODE ISLAND",
    "SC": "SOUTH CAROLINA", "SD": "SOUTH DAKOTA", "TN": "TENNESSEE", "TX": "TEXAS", "UT": "UTAH", "VT": "VERMONT",
    "VA": "VIRGINIA", "WA": "WASHINGTON", "WV": "WEST VIRGINIA", "WI": "WISCONSIN", "WY": "WYOMING",
}

US_CITIES = ["SPRINGFIELD", "RIVERSIDE", "FAIRVIEW", "MADISON", "GEORGETOWN", "CLINTON", "SALEM", "FRANKLIN",
             "GREENVILLE", "BRISTOL", "OAKDALE", "MILLBROOK", "LAKEWOOD", "CEDAR FALLS", "PINE BLUFF", "ASHLAND"]
US_STREETS = ["MAIN ST", "OAK AVE", "MAPLE DR", "ELM ST", "PARK BLVD", "WASHINGTON AVE", "LAKE RD", "HILLCREST LN",
              "2ND ST", "SUNSET BLVD", "CHERRY CT", "RIVER RD", "N 14TH ST", "WILLOW WAY", "BIRCH LN"]


def us_license_number(r: random.Random, st: str) -> str:
    return r.choice(_us_formats(r)[st])()


CA_PROVINCES = {
    "ON": ("ONTARIO", lambda r: f"{letters(r, 1)}{digits(r, 4)}-{digits(r, 5)}-{digits(r, 5)}"),
    "QC": ("QUÉBEC", lambda r: f"{letters(r, 1)}{digits(r, 4)}-{digits(r, 6)}-{digits(r, 2)}"),
    "BC": ("BRITISH COLUMBIA", lambda r: digits(r, 7)),
    "AB": ("ALBERTA", lambda r: f"{digits(r, 6)}-{digits(r, 3)}"),
    "MB": ("MANITOBA", lambda r: f"{letters(r, 2)}-{letters(r, 2)}-{letters(r, 2)}-{letters(r, 1)}{digits(r, 3)}{letters(r, 2)}"),
    "SK": ("SASKATCHEWAN", lambda r: digits(r, 8)),
    "NS": ("NOVA SCOTIA", lambda r: f"{letters(r, 5)}{digits(r, 9)}"),
    "NB": ("NEW BRUNSWICK", lambda r: digits(r, 7)),
    "NL": ("NEWFOUNDLAND AND LABRADOR", lambda r: f"{letters(r, 1)}{digits(r, 9)}"),
    "PE": ("PRINCE EDWARD ISLAND", lambda r: digits(r, 6)),
}


def eu_license_number(r: random.Random, c: str, last: str, birth) -> str:
    if c == "DEU":
        return alnum(r, 11, NOVOWEL + "0123456789")
    if c == "FRA":
        return r.choice([digits(r, 12), digits(r, 2) + letters(r, 2) + digits(r, 8)])
    if c == "ITA":
        return letters(r, 2) + digits(r, 7) + letters(r, 1)
    if c == "ESP":
        return personal_number(r, "ESP", birth, "M")
    if c == "NLD":
        return digits(r, 10)
    if c == "IRL":
        return f"{digits(r, 3)}{digits(r, 3)}{digits(r, 3)}"
    if c == "POL":
        return f"{digits(r, 5)}/{digits(r, 2)}/{digits(r, 4)}"
    if c == "CZE" or c == "SVK":
        return letters(r, 2) + " " + digits(r, 6)
    if c == "PRT":
        return f"{letters(r, 1)}-{digits(r, 6)} {digits(r, 1)}"
    if c == "AUT":
        return digits(r, 8)
    if c == "BEL":
        return digits(r, 10)
    if c == "SWE" or c == "FIN" or c == "DNK":
        return digits(r, 8)
    if c == "HUN":
        return letters(r, 2) + digits(r, 6)
    if c == "ROU":
        return digits(r, 9)
    if c == "GRC":
        return digits(r, 9)
    return r.choice([digits(r, 9), letters(r, 2) + digits(r, 7), letters(r, 1) + digits(r, 8)])
