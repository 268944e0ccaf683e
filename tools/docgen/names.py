"""Holder names: our own lists for many languages, ICAO 9303 transliteration and the `alt` spellings.

The lists are invented for this generator (common given names and surnames of each language); none is taken
from the shared evaluation data (`check_names.py` verifies that no token of a shared holder name occurs here).
"""

from __future__ import annotations

import unicodedata

# Each pool: m = male given names, f = female given names, s = surnames. Multi-word surnames are single entries.
POOLS: dict[str, dict[str, list[str]]] = {
    "de": {
        "m": ["Jürgen", "Lukas", "Maximilian", "Felix", "Jörg", "Björn", "Matthias", "Tobias", "Günther", "Dieter",
              "Florian", "Sebastian", "Niklas", "Jonas", "Uwe", "Heinz-Peter", "Karl-Heinz", "Moritz", "Leon", "Till"],
        "f": ["Ursula", "Jana", "Hannelore", "Lea", "Mia", "Lena", "Sabine", "Jutta", "Annegret", "Frieda", "Gisela",
              "Heike", "Franziska", "Marlene", "Greta", "Anneliese", "Lotte", "Ilse", "Charlotte", "Ute"],
        "s": ["Müller", "Schröder", "Weiß", "Krüger", "Hoffmann", "Köhler", "Groß", "Zimmermann", "Braun", "Hartmann",
              "Lehmann", "Schmitt", "Wagner", "Becker", "Große-Brömer", "von Stauffenberg", "Jäger", "Voß", "Kühn",
              "Meißner", "Böhm", "von der Heydt", "Lindemann", "Sauerbruch", "Oberndörfer"],
    },
    "fr": {
        "m": ["Étienne", "Jérôme", "Benoît", "Mathis", "Noé", "Raphaël", "Gaël", "Jean-Baptiste", "Lucien", "Aurélien",
              "Maxime", "Clément", "Thibault", "Jean-François", "Yannick", "Cyril", "Gaspard", "Rémi"],
        "f": ["Margaux", "Océane", "Léa", "Apolline", "Héloïse", "Anaïs", "Célia", "Zoé", "Éloïse", "Amélie", "Mathilde",
              "Camille", "Solène", "Anne-Claire", "Agnès", "Noémie", "Manon", "Maëva"],
        "s": ["Lefèvre", "Rousseau", "Girard", "Fontaine", "Chevalier", "Lambert", "Mercier", "Faure", "Blanchard",
              "Gauthier", "Perrin", "Lefebvre-Duval", "Deschamps", "Giraud", "Barbier", "Delacroix", "Marchand",
              "Carpentier", "Garnier", "De Saint-Exupéry", "Boulanger", "Lemaître", "Bénédicte-Roux", "Prévost"],
    },
    "es": {
        "m": ["Alejandro", "Sergio", "Álvaro", "Iñaki", "Joaquín", "Andrés", "Rubén", "Adrián", "Gonzalo", "Íñigo",
              "Ignacio", "Raúl", "Diego", "Pablo", "Fernando", "Jesús", "Juan Carlos", "Luis Miguel"],
        "f": ["Lucía", "Begoña", "Inmaculada", "Rosa Isabel", "Ainhoa", "Nuria", "Rocío", "Pilar", "Paloma", "Ángela",
              "Marta", "Elena", "Valeria", "Alba", "Macarena", "Itziar", "Verónica", "Rosa del Pilar"],
        "s": ["Fernández Ortega", "Rodríguez Muñoz", "Martínez Gil", "Gómez de la Serna", "Jiménez Castaño",
              "Ruiz Ibáñez", "Hernández", "Díaz Peña", "Moreno Calvo", "Álvarez de Toledo", "Romero Quiñones",
              "Navarro", "Torres Aguilar", "Domínguez", "Vázquez Ríos", "Gutiérrez", "De la Cruz", "Ortiz Beltrán",
              "Iglesias Montes", "Castillo Barrios", "Echeverría Urquiza"],
    },
    "pt": {
        "m": ["João", "Gonçalo", "Tiago", "Rodrigo", "Afonso", "Duarte", "Sebastião", "Vicente", "Luís Miguel",
              "Antônio", "Thiago", "Gustavo", "Caio", "Vinícius", "Leonardo", "Rafael", "Bernardo", "Otávio"],
        "f": ["Carolina", "Beatriz", "Leonor", "Matilde", "Conceição", "Fátima", "Graça", "Luíza", "Yasmin", "Larissa",
              "Letícia", "Gabriela", "Ana Clara", "Ana Luíza", "Vitória", "Thaís", "Raquel", "Mariana"],
        "s": ["Silva Santos", "Ferreira", "Pereira da Costa", "Gonçalves", "Rodrigues Lima", "Quaresma",
              "Carvalho", "Araújo", "Sousa Mendes", "Oliveira", "Nascimento", "Conceição", "Brandão",
              "dos Santos Barbosa", "da Silva", "Albuquerque Cavalcanti", "Figueiredo", "Vasconcelos Teixeira",
              "Ribeiro", "Monteiro", "Assunção"],
    },
    "it": {
        "m": ["Lorenzo", "Alessandro", "Niccolò", "Gianluca", "Pierpaolo", "Salvatore", "Gennaro", "Davide", "Riccardo",
              "Tommaso", "Federico", "Andrea", "Gian Marco", "Vittorio", "Emanuele", "Simone", "Luca"],
        "f": ["Giulia", "Chiara", "Aurora", "Ginevra", "Martina", "Alessia", "Francesca", "Elisa", "Ludovica",
              "Giorgia", "Nicoletta", "Rosaria", "Rosa Rita", "Rosalba", "Benedetta", "Valentina"],
        "s": ["Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano",
              "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Dell'Acqua", "D'Amico",
              "Caruso", "Ferrara", "Lo Presti", "Di Benedetto", "Pellegrini", "Sant'Elia"],
    },
    "nl": {
        "m": ["Daan", "Jan-Willem", "Thijs", "Jeroen", "Maarten", "Ruben", "Stijn", "Wouter", "Pieter", "Joris",
              "Gijs", "Niels", "Teun", "Luuk", "Koen", "Arjen", "Floris", "Sjoerd"],
        "f": ["Fenna", "Sanne", "Lieke", "Anouk", "Femke", "Marieke", "Ilse", "Noor", "Roos", "Eline",
              "Maud", "Tess", "Lotte", "Janneke", "Willemijn", "Ineke", "Anke"],
        "s": ["de Vries", "van den Berg", "Jansen", "de Jong", "van Dijk", "Smit", "de Boer", "Dekker", "Bos",
              "van Leeuwen", "Vermeulen", "de Graaf", "van 't Hof", "Kuipers", "Hendriks", "van der Linden",
              "Brouwer", "Koster", "Prins", "IJzerman", "Blom", "van Rijn"],
    },
    "pl": {
        "m": ["Łukasz", "Paweł", "Grzegorz", "Wojciech", "Krzysztof", "Michał", "Tomasz", "Jędrzej", "Przemysław",
              "Bartłomiej", "Mikołaj", "Zbigniew", "Maciej", "Szymon", "Jakub"],
        "f": ["Małgorzata", "Agnieszka", "Katarzyna", "Żaneta", "Zofia", "Aleksandra", "Magdalena", "Joanna",
              "Barbara", "Jadwiga", "Bożena", "Wiktoria", "Urszula", "Dorota"],
        "s": ["Nowak", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański",
              "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Krawczyk", "Piotrowski", "Grabowski",
              "Pawłowski", "Michalski", "Król", "Wieczorek", "Jabłoński", "Zając", "Brzęczyszczykiewicz"],
    },
    "cs": {
        "m": ["Jiří", "Petr", "Tomáš", "Jaroslav", "Miroslav", "Zdeněk", "Vojtěch", "Ondřej", "Radek", "Matěj",
              "Štěpán", "Lubomír", "Bořivoj", "Přemysl"],
        "f": ["Jana", "Lenka", "Kateřina", "Věra", "Alena", "Hana", "Tereza", "Zuzana", "Markéta", "Božena",
              "Šárka", "Radka", "Dagmar", "Jiřina"],
        "s": ["Novák", "Svoboda", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý", "Horák", "Němec", "Pokorný",
              "Růžička", "Beneš", "Fiala", "Šťastný", "Řezníček", "Hájek", "Kříž", "Šimek", "Čermák", "Žák"],
    },
    "sk": {
        "m": ["Ľubomír", "Marek", "Ján", "Dušan", "Branislav", "Ľudovít", "Juraj", "Rastislav"],
        "f": ["Ľubica", "Viera", "Jarmila", "Zuzana", "Dáša", "Ivana", "Katarína", "Soňa"],
        "s": ["Horváth", "Kováč", "Varga", "Tóth", "Baláž", "Molnár", "Lukáč", "Ďurica", "Šimko", "Oravec"],
    },
    "nordic": {
        "m": ["Åke", "Björn", "Søren", "Jørgen", "Mikkel", "Oskar", "Erik-Åke", "Lars", "Bjørn", "Mads", "Ásgeir",
              "Einar", "Henrik", "Torbjörn", "Jens", "Mattias", "Nils", "Pär", "Kjell", "Halvard"],
        "f": ["Åsa", "Ingrid", "Sigrún", "Kirsten", "Freja", "Maja", "Astrid", "Linnéa", "Ingeborg", "Solveig",
              "Karin", "Ylva", "Signe", "Mette", "Sølvi", "Birgitta", "Märta", "Hrefna"],
        "s": ["Lindqvist", "Ødegård", "Sjöberg", "Åberg", "Nørgaard", "Kristiansen", "Bergström", "Dahl", "Holm",
              "Løvås", "Gustafsson", "Jørgensen", "Håkansson", "Strøm", "Ström", "Fjällström", "Ægidius",
              "Jónsdóttir", "Sigurðsson", "Þórisdóttir", "Mäkelä", "Hämäläinen", "Kärkkäinen", "Lindgren"],
    },
    "fi": {
        "m": ["Juha", "Mikko", "Jukka", "Väinö", "Eero", "Aleksi", "Teemu", "Onni", "Eetu", "Jaakko"],
        "f": ["Aino", "Päivi", "Tuula", "Sirpa", "Eveliina", "Helmi", "Kaisa", "Elina", "Sanna", "Minttu"],
        "s": ["Korhonen", "Nieminen", "Mäkinen", "Hämäläinen", "Laine", "Heikkinen", "Koskinen", "Järvinen",
              "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen", "Niemi", "Kärkkäinen", "Ylönen"],
    },
    "hu": {
        "m": ["Zoltán", "László", "Gábor", "Balázs", "Dániel", "Ádám", "Bence", "Csaba", "Győző", "Ödön", "Levente"],
        "f": ["Zsófia", "Réka", "Katalin", "Erzsébet", "Enikő", "Ildikó", "Orsolya", "Tünde", "Gyöngyi", "Boglárka"],
        "s": ["Nagy", "Kovács", "Szabó", "Horváth", "Kiss", "Molnár", "Németh", "Farkas", "Balogh", "Papp",
              "Takács", "Juhász", "Lakatos", "Mészáros", "Oláh", "Simon", "Rácz", "Fekete", "Szőke", "Bíró", "Győri"],
    },
    "ro": {
        "m": ["Ștefan", "Mihai", "Andrei", "Bogdan", "Răzvan", "Cătălin", "Ionuț", "Florin", "Sorin", "Vlad"],
        "f": ["Ioana", "Andreea", "Mădălina", "Alexandra", "Roxana", "Georgiana", "Bianca", "Cristina", "Irina"],
        "s": ["Popescu", "Ionescu", "Popa", "Dumitrescu", "Stoica", "Stănescu", "Rădulescu", "Munteanu",
              "Constantinescu", "Țurcanu", "Dobre", "Bălan", "Șerban", "Florea", "Matei"],
    },
    "tr": {
        "m": ["Mehmet", "Mustafa", "Ahmet", "Hüseyin", "İbrahim", "Emre", "Burak", "Oğuz", "Çağrı", "Uğur", "Barış",
              "Yiğit", "Kaan", "Selçuk"],
        "f": ["Ayşe", "Zeynep", "Elif", "Özlem", "Gülşen", "Şeyma", "Büşra", "Merve", "Çiğdem", "Derya", "Nazlı"],
        "s": ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir",
              "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Koç", "Kurt", "Özkan", "Şimşek", "Güneş"],
    },
    "el": {
        "m": ["Georgios", "Dimitrios", "Konstantinos", "Ioannis", "Nikolaos", "Panagiotis", "Vasileios", "Christos",
              "Athanasios", "Evangelos", "Spyridon"],
        "f": ["Eleni", "Aikaterini", "Vasiliki", "Chrysa-Eleni", "Georgia", "Panagiota", "Dimitra", "Evangelia",
              "Anastasia", "Paraskevi", "Kalliopi"],
        "s": ["Papadopoulos", "Papadopoulou", "Vlachos", "Georgiou", "Oikonomou", "Karagiannis", "Nikolaidis",
              "Konstantinidis", "Christodoulou", "Papanikolaou", "Athanasiadis", "Makris", "Alexandropoulos"],
    },
    "cyr": {  # Ukrainian / Bulgarian / Serbian / Russian names in their official Latin transliteration
        "m": ["Oleksandr", "Dmytro", "Andriy", "Serhiy", "Volodymyr", "Yevhen", "Mykola", "Taras", "Bohdan",
              "Georgi", "Dimitar", "Nikola", "Stefan", "Aleksandar", "Milan", "Dušan", "Nikolay", "Aleksey"],
        "f": ["Olena", "Iryna", "Oksana", "Nataliya", "Yuliya", "Tetiana", "Anastasiia", "Kateryna", "Desislava",
              "Ivanka", "Snežana", "Jelena", "Dragana", "Yekaterina", "Svetlana", "Mariya"],
        "s": ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Oliynyk", "Shevchuk",
              "Polishchuk", "Ivanov", "Petrova", "Dimitrov", "Georgieva", "Jovanović", "Petrović", "Nikolić",
              "Đorđević", "Stojanović", "Smirnov", "Kuznetsova", "Vasilyev", "Zhukovskyi", "Khmelnytska"],
    },
    "vi": {
        "m": ["Văn Hùng", "Minh Tuấn", "Quốc Bảo", "Đức Anh", "Thanh Tùng", "Hoàng Long", "Gia Huy", "Trọng Nghĩa"],
        "f": ["Thị Lan", "Ngọc Anh", "Thu Trang", "Phương Linh", "Thị Hương", "Bảo Ngọc", "Mai Anh", "Thùy Dương"],
        "s": ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"],
    },
    "ko": {
        "m": ["Min-jae", "Woo-jin", "Hyun-woo", "Tae-yang", "Joon-ho", "Dong-hyun", "Sang-woo", "Jae-won"],
        "f": ["Ha-eun", "Ji-woo", "Ye-jin", "Su-bin", "Eun-ji", "Yu-na", "Da-eun", "Hye-jin"],
        "s": ["Lee", "Choi", "Cho", "Lim", "Han", "Oh", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Hong", "Baek", "Moon",
              "Ryu", "Nam"],
    },
    "in": {
        "m": ["Aarav", "Vikram", "Rajesh Kumar", "Sanjay", "Rohit", "Pranav", "Karthik", "Venkatesh", "Amitabh",
              "Harpreet", "Siddharth", "Abhishek", "Naveen"],
        "f": ["Priya", "Ananya", "Lakshmi", "Deepika", "Sneha", "Aishwarya", "Pooja", "Meenakshi", "Divya",
              "Gurpreet Kaur", "Shreya", "Nandini"],
        "s": ["Sharma", "Patel", "Gupta", "Reddy", "Iyer", "Nair", "Chatterjee", "Banerjee", "Mukherjee", "Menon",
              "Agarwal", "Deshpande", "Kulkarni", "Venkataraman", "Subramanian", "Bhattacharya", "Ramaswamy",
              "Chandrasekhar", "Thiruvenkatachari", "Jhunjhunwala"],
    },
    "ar": {
        "m": ["Mohammed", "Ahmad", "Omar", "Youssef", "Khaled", "Hassan", "Abdullah", "Tariq", "Karim", "Mahmoud",
              "Abdel Rahman", "Hamza", "Bilal", "Nabil"],
        "f": ["Fatima", "Aisha", "Mariam", "Nour", "Layla", "Salma", "Yasmin", "Zainab", "Huda", "Rania", "Amira",
              "Khadija"],
        "s": ["Al-Hashimi", "El Amrani", "Ben Youssef", "Haddad", "Khoury", "Mansour", "Al Mansouri", "Abdallah",
              "Bouazizi", "Saleh", "El-Sayed", "Nasser", "Al-Farsi", "Benali", "Abu Bakr", "Ould Cheikh",
              "Al Zahrani", "Bou Khalil", "Ibn Rashid", "Abdel-Aziz Al-Qahtani"],
    },
    "en": {
        "m": ["Ethan", "Noah", "Mason", "Benjamin", "Christopher", "Daniel", "Matthew", "Jackson", "Tyler", "Brandon",
              "Robert", "Joshua", "Andrew", "Ryan", "Kevin", "Gregory", "Dwayne", "Cody", "Austin", "Patrick",
              "Seamus", "Declan", "Oliver", "George", "Jack"],
        "f": ["Brooklyn", "Ava", "Isabella", "Madison", "Emily", "Abigail", "Ashley", "Jessica", "Brittany",
              "Jennifer", "Megan", "Samantha", "Hannah", "Lily-Rose", "Siobhan", "Aoife", "Grace", "Rebecca",
              "Kayla", "Destiny", "Mary Ellen", "Amelia"],
        "s": ["Johnson", "Williams", "Jones", "Miller", "Davis", "Rodriguez", "Martinez", "Anderson",
              "Taylor", "Thomas", "Moore", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson",
              "Walker", "Young", "Allen", "O'Connor", "O'Sullivan", "McCarthy", "MacDonald", "Washington",
              "Kowalski", "Nguyen", "Hernandez", "Campbell", "Murphy", "Sullivan", "Baker", "Carter",
              "Fitzpatrick-Hughes", "St. John", "Van Buren", "Okafor", "Adeyemi", "Papageorgiou"],
    },
    "afr": {
        "m": ["Chukwuemeka", "Oluwaseun", "Kwame", "Tendai", "Sipho", "Babajide", "Kofi", "Thabo", "Obinna"],
        "f": ["Ngozi", "Chiamaka", "Amara", "Nokuthula", "Adaeze", "Abena", "Folasade", "Wanjiru", "Zanele"],
        "s": ["Okonkwo", "Adebayo", "Mensah", "Mwangi", "Ndlovu", "Nkosi", "Osei", "Eze", "Oyelaran-Adeyemi",
              "Dlamini", "Kariuki", "Boateng", "Achebe"],
    },
}

# Extra-long names (MRZ truncation cases), mixed into their pools with a small probability.
LONG_SURNAMES = {
    "pt": ["Albuquerque Vasconcelos de Bragança Figueiredo", "Cavalcanti de Albuquerque Bragança"],
    "es": ["Fernández de Córdoba y Ruiz de Alarcón", "Echeverría Goicoechea Urrutikoetxea"],
    "in": ["Venkatanarasimharajuvaripeta Chandrasekharan"],
    "de": ["Wolfeschlegelsteinhausen-Bergerdorff"],
    "nordic": ["Ingibjargardóttir-Sigurðardóttir Þorvaldsen"],
    "ar": ["Abdel-Rahman Al-Husseini Al-Maqdisi"],
}
LONG_GIVEN = {
    "pt": ["Ana Cristina da Conceição Aparecida", "João Pedro Henrique Gabriel"],
    "es": ["Ana Isabel de los Ángeles Inmaculada", "Francisco Ignacio Fernando"],
    "in": ["Venkata Satya Narayana Murthy"],
    "de": ["Karl-Theodor Nikolaus Johann Georg"],
    "ar": ["Mohammed Abdel Karim Youssef"],
    "en": ["Christopher Alexander Jonathan"],
}

COUNTRY_POOL = {
    "DEU": "de", "AUT": "de", "CHE": "de", "LIE": "de", "FRA": "fr", "BEL": "fr", "LUX": "fr", "MCO": "fr",
    "ESP": "es", "MEX": "es", "ARG": "es", "COL": "es", "CHL": "es", "PER": "es", "PRT": "pt", "BRA": "pt",
    "ITA": "it", "SMR": "it", "NLD": "nl", "POL": "pl", "CZE": "cs", "SVK": "sk", "SWE": "nordic",
    "NOR": "nordic", "DNK": "nordic", "ISL": "nordic", "FIN": "fi", "HUN": "hu", "ROU": "ro", "MDA": "ro",
    "TUR": "tr", "GRC": "el", "CYP": "el", "UKR": "cyr", "BGR": "cyr", "SRB": "cyr", "RUS": "cyr", "HRV": "cyr",
    "SVN": "cyr", "EST": "fi", "LVA": "cyr", "LTU": "cyr", "VNM": "vi", "KOR": "ko", "IND": "in", "PAK": "ar",
    "EGY": "ar", "MAR": "ar", "TUN": "ar", "DZA": "ar", "JOR": "ar", "SAU": "ar", "ARE": "ar", "QAT": "ar",
    "USA": "en", "GBR": "en", "IRL": "en", "CAN": "en", "AUS": "en", "NZL": "en", "ZAF": "afr", "NGA": "afr",
    "GHA": "afr", "KEN": "afr", "PHL": "en", "UTO": "en", "SGP": "en", "MLT": "it",
}

_ICAO = {"Ä": "AE", "Æ": "AE", "Ö": "OE", "Ø": "OE", "Œ": "OE", "Ü": "UE", "Å": "AA", "ß": "SS", "Þ": "TH",
         "Ð": "D", "Đ": "D", "Ĳ": "IJ", "Ł": "L", "Ħ": "H", "İ": "I", "ı": "I", "Ŀ": "L"}
_STRIP = {"Æ": "AE", "Ø": "O", "Œ": "OE", "ß": "SS", "Þ": "TH", "Ð": "D", "Đ": "D", "Ĳ": "IJ", "Ł": "L",
          "Ħ": "H", "İ": "I", "ı": "I", "Ŀ": "L"}


def _strip_char(c: str) -> str:
    if c in _STRIP:
        return _STRIP[c]
    d = unicodedata.normalize("NFKD", c)
    return "".join(x for x in d if not unicodedata.combining(x))


def strip_accents(s: str) -> str:
    """Upper case without diacritics (Ü -> U, Ø -> O, ß -> SS); spaces, hyphens and apostrophes kept."""
    return "".join(_strip_char(c) for c in s.upper().replace("ß", "ß"))


def icao(s: str) -> str:
    """ICAO 9303 transliteration of a Latin name (Ä -> AE, Ø -> OE, Å -> AA, ß -> SS, others stripped), upper case."""
    out = []
    for c in s.upper() if "ß" not in s else s.replace("ß", "SS").upper():
        out.append(_ICAO[c] if c in _ICAO else _strip_char(c))
    return "".join(out)


def mrz_name_part(s: str) -> str:
    """A name component as written in the MRZ: ICAO letters, spaces and hyphens as '<', apostrophes/dots dropped."""
    t = icao(s)
    t = t.replace("'", "").replace("’", "").replace(".", "").replace(",", "")
    t = t.replace("-", " ")
    return "<".join(t.split())


def mrz_name_field(last: str, first: str, width: int) -> tuple[str, bool]:
    """The MRZ name field PRIMARY<<SECONDARY padded to `width`, and whether it had to be truncated."""
    p = mrz_name_part(last)
    g = mrz_name_part(first)
    full = p + ("<<" + g if g else "")
    if len(full) <= width:
        return full + "<" * (width - len(full)), False
    if len(p) + 3 <= width:
        cut = full[:width]
    else:  # primary identifier alone too long: truncate it, keep one initial of the secondary identifier
        cut = p[: width - 3].rstrip("<") + "<<" + (g[:1] or "<")
    cut = cut.rstrip("<") if cut.endswith("<") else cut
    return cut + "<" * (width - len(cut)), True


def _variants(s: str) -> list[str]:
    up = s.upper().replace("ß", "SS") if False else s.upper()
    forms = {up, strip_accents(s), icao(s)}
    if "'" in s or "’" in s:
        forms |= {f.replace("'", "").replace("’", "") for f in list(forms)}
    if "-" in s:
        forms |= {f.replace("-", " ") for f in list(forms)}
    if "." in s:
        forms |= {f.replace(".", "") for f in list(forms)}
    return sorted(forms)


def alts(last: str, first: str) -> dict[str, list[str]]:
    """The accepted spellings of a holder's name, in the format of the shared truth files."""
    ls, fs = _variants(last), _variants(first)
    names = set()
    for l, f in zip(ls, fs) if len(ls) == len(fs) else []:
        names |= {f"{f} {l}", f"{l} {f}"}
    # all combinations of the "same style" are expected; add cross combinations too (cheap, harmless)
    for l in ls:
        for f in fs:
            names |= {f"{f} {l}", f"{l} {f}"}
    return {"last_name": ls, "first_name": fs, "name": sorted(names)}
