"""Shorter demo pages for other countries: illustrative text and figures, not official data."""

import datetime
from decimal import Decimal

from pages.demo.images import DEMO_CREDIT, DemoImage, Scene

# Said on the page itself, so nobody takes these numbers for official ones.
DEMO_NOTICE_EN = (
    "<p><strong>Demonstration content.</strong> This page shows what the site can publish. "
    "Its text is written for the demonstration and its figures are illustrative: they are "
    "not official Government of Canada data.</p>"
)
DEMO_NOTICE_FR = (
    "<p><strong>Contenu de démonstration.</strong> Cette page montre ce que le site peut "
    "publier. Son texte est rédigé pour la démonstration et ses chiffres sont fournis à titre "
    "d'illustration : il ne s'agit pas de données officielles du gouvernement du Canada.</p>"
)
AS_OF = datetime.date(2026, 3, 31)
SENEGAL_SOURCE_EN = "https://www.international.gc.ca/country-pays/senegal/relations.aspx?lang=eng"
SENEGAL_SOURCE_FR = "https://www.international.gc.ca/country-pays/senegal/relations.aspx?lang=fra"


def _image(key: str, kind: str, colors: tuple, seed: int, alt_en: str, alt_fr: str) -> DemoImage:
    sky_top, sky_bottom, ground, accent = colors
    return DemoImage(
        key=key,
        title=f"Demo: {key.replace('-', ' ')}",
        alt_text_en=alt_en,
        alt_text_fr=alt_fr,
        credit_en=DEMO_CREDIT["en"],
        credit_fr=DEMO_CREDIT["fr"],
        scene=Scene(kind, sky_top, sky_bottom, ground, accent, seed),
    )


def _figure(
    amount: str, kind: str, period: tuple, label_en: str, label_fr: str, area: str, **extra
) -> dict:
    period_type, start_year, *end = period
    return {
        "key": extra.pop("key", f"{kind}-{start_year}"),
        "amount": Decimal(amount),
        "kind": kind,
        "period_type": period_type,
        "start_year": start_year,
        "end_year": end[0] if end else None,
        "label_en": label_en,
        "label_fr": label_fr,
        "as_of": AS_OF,
        "area": area,
        **extra,
    }


SENEGAL_COAST = _image(
    "senegal-coast",
    "dunes",
    ((70, 140, 200), (220, 235, 245), (225, 195, 140), (60, 120, 170)),
    221,
    "Illustration: pale sand dunes under a bright sky.",
    "Illustration : des dunes de sable clair sous un ciel lumineux.",
)
SENEGAL_FIELDS = _image(
    "senegal-fields",
    "fields",
    ((100, 160, 210), (235, 225, 190), (150, 160, 80), (110, 140, 60)),
    222,
    "Illustration: millet fields and scattered trees in the dry season.",
    "Illustration : des champs de mil et quelques arbres en saison sèche.",
)
SENEGAL = {
    "iso_code": "SN",
    "hero_image": SENEGAL_COAST,
    "fields": {
        "name_en": "Senegal",
        "name_fr": "Sénégal",
        "title_en": "Canada's engagement in Senegal",
        "title_fr": "L'engagement du Canada au Sénégal",
        "slug_en": "senegal",
        "slug_fr": "senegal",
        "status": "published",
        "publish_at": None,
        "available_in": "both",
        "one_language_reason_en": "",
        "one_language_reason_fr": "",
        "date_modified": datetime.date(2026, 10, 15),
        "intro_en": DEMO_NOTICE_EN
        + (
            "<p>Senegal is a stable democracy and one of Canada's long-standing partners in "
            "West Africa and in La Francophonie. Canada works with Senegal on education, food "
            "security and the economic empowerment of women and young people.</p>"
        ),
        "intro_fr": DEMO_NOTICE_FR
        + (
            "<p>Le Sénégal est une démocratie stable et l'un des partenaires de longue date du "
            "Canada en Afrique de l'Ouest et au sein de la Francophonie. Le Canada collabore "
            "avec le Sénégal dans les domaines de l'éducation, de la sécurité alimentaire et de "
            "l'autonomisation économique des femmes et des jeunes.</p>"
        ),
        "focus_intro_en": "Canada's work in Senegal concentrates on:",
        "focus_intro_fr": "L'action du Canada au Sénégal porte principalement sur :",
        "outro_en": "",
        "outro_fr": "",
    },
    "sections": [
        {
            "heading_en": "Development assistance",
            "heading_fr": "Aide au développement",
            "area": "development-assistance",
            "image": SENEGAL_FIELDS,
            "body_en": (
                "<p>Canadian programs help schools teach reading and mathematics in the early "
                "grades, support farmers who adapt their crops to a changing climate, and open "
                "access to credit for women entrepreneurs.</p>"
            ),
            "body_fr": (
                "<p>Les programmes canadiens aident les écoles à enseigner la lecture et les "
                "mathématiques dans les premières années, soutiennent les agriculteurs qui "
                "adaptent leurs cultures à un climat qui change et facilitent l'accès au crédit "
                "pour les entrepreneures.</p>"
            ),
        },
        {
            "heading_en": "Trade and investment",
            "heading_fr": "Commerce et investissement",
            "area": "trade-and-investment",
            "body_en": (
                "<p>Canadian companies are active in Senegal's mining, energy and engineering "
                "sectors. Trade between the two countries is modest but growing.</p>"
            ),
            "body_fr": (
                "<p>Des entreprises canadiennes sont présentes dans les secteurs des mines, de "
                "l'énergie et du génie au Sénégal. Les échanges entre les deux pays sont "
                "modestes, mais en croissance.</p>"
            ),
        },
    ],
    "figures": [
        _figure(
            "45250000",
            "development",
            ("fiscal", 2024, 2025),
            "Development assistance to Senegal (illustrative)",
            "Aide au développement au Sénégal (à titre d'illustration)",
            "development-assistance",
            flow="disbursement",
        ),
        _figure(
            "118500000",
            "trade_total",
            ("year", 2025),
            "Bilateral merchandise trade (illustrative)",
            "Commerce bilatéral de marchandises (à titre d'illustration)",
            "trade-and-investment",
        ),
    ],
    "items": {
        "focus": [
            {
                "text_en": "Quality basic education, especially for girls",
                "text_fr": "Une éducation de base de qualité, surtout pour les filles",
            },
            {
                "text_en": "Food security and farming that adapts to climate change",
                "text_fr": "La sécurité alimentaire et une agriculture adaptée aux changements "
                "climatiques",
            },
            {
                "text_en": "Economic opportunities for women and young people",
                "text_fr": "Des débouchés économiques pour les femmes et les jeunes",
            },
        ],
        "result": [
            {
                "value": Decimal(2400),
                "text_en": "teachers trained in early-grade reading (illustrative)",
                "text_fr": "enseignants formés à l'apprentissage de la lecture "
                "(à titre d'illustration)",
                "sub_value": Decimal(1300),
                "sub_text_en": "women",
                "sub_text_fr": "femmes",
            },
        ],
        # Shows the video gallery (the Mali seed has no video): written for the
        # demonstration, like the rest of this page.
        "video": [
            {
                "text_en": "Learning to read in Kaolack (illustrative)",
                "text_fr": "Apprendre à lire à Kaolack (à titre d'illustration)",
                "url_en": SENEGAL_SOURCE_EN,
                "url_fr": SENEGAL_SOURCE_FR,
                "body_en": (
                    "A reading teacher and her pupils in a primary school in Kaolack. "
                    "Duration: 1 minute 30 seconds."
                ),
                "body_fr": (
                    "Une enseignante de lecture et ses élèves dans une école primaire de "
                    "Kaolack. Durée : 1 minute 30 secondes."
                ),
                "transcript_en": (
                    "[Morning. Children walk to school along a sandy road.]\n\n"
                    "Teacher: Every morning starts with twenty minutes of reading aloud, in "
                    "Wolof first, then in French.\n\n"
                    "[A classroom. A girl reads a short sentence from the board.]\n\n"
                    "Teacher: At the start of the year, she knew her letters. Now she reads "
                    "whole stories to her little brother.\n\n"
                    "[Text on screen: Demonstration video, written for this site.]"
                ),
                "transcript_fr": (
                    "[Le matin. Des enfants marchent vers l'école sur une route de sable.]\n\n"
                    "Enseignante : Chaque matin commence par vingt minutes de lecture à "
                    "voix haute, d'abord en wolof, puis en français.\n\n"
                    "[Une salle de classe. Une fillette lit une courte phrase au tableau.]\n\n"
                    "Enseignante : Au début de l'année, elle connaissait ses lettres. "
                    "Maintenant, elle lit des histoires entières à son petit frère.\n\n"
                    "[Texte à l'écran : Vidéo de démonstration, rédigée pour ce site.]"
                ),
            },
        ],
        "link": [
            {
                "text_en": "Project Browser: Canada's international assistance projects",
                "text_fr": "Banque de projets : les projets d'aide internationale du Canada",
                "url_en": "https://w05.international.gc.ca/projectbrowser-banqueprojets/?lang=eng",
                "url_fr": "https://w05.international.gc.ca/projectbrowser-banqueprojets/?lang=fra",
            },
        ],
    },
}

GHANA_HILLS = _image(
    "ghana-hills",
    "hills",
    ((80, 140, 200), (225, 235, 215), (70, 130, 70), (50, 100, 50)),
    233,
    "Illustration: forested green hills under a light sky.",
    "Illustration : des collines boisées sous un ciel clair.",
)
GHANA = {
    "iso_code": "GH",
    "hero_image": GHANA_HILLS,
    "fields": {
        "name_en": "Ghana",
        "name_fr": "",
        "title_en": "Canada's engagement in Ghana",
        "title_fr": "",
        "slug_en": "ghana",
        "slug_fr": "",
        "status": "published",
        "publish_at": None,
        # Deliberately English only: shows the notice French visitors get.
        "available_in": "en",
        "one_language_reason_en": (
            "This demonstration page is published in English only, to show how the site "
            "handles a page without a French version."
        ),
        "one_language_reason_fr": (
            "Cette page de démonstration est publiée en anglais seulement, pour montrer comment "
            "le site présente une page qui n'a pas de version française."
        ),
        "date_modified": datetime.date(2026, 9, 2),
        "intro_en": DEMO_NOTICE_EN
        + (
            "<p>Ghana is one of Canada's oldest partners in Africa, and the two countries "
            "share membership in the Commonwealth. Canada supports Ghana's efforts in "
            "agriculture, governance and the economic empowerment of women.</p>"
        ),
        "intro_fr": "",
        "focus_intro_en": "Canada's work in Ghana concentrates on:",
        "focus_intro_fr": "",
        "outro_en": "",
        "outro_fr": "",
    },
    "sections": [
        {
            "heading_en": "Development assistance",
            "heading_fr": "",
            "area": "development-assistance",
            "image": GHANA_HILLS,
            "body_en": (
                "<p>Canadian programs help smallholder farmers reach markets, support local "
                "governments in delivering services, and improve maternal and child health in "
                "the northern regions.</p>"
            ),
            "body_fr": "",
        },
        {
            "heading_en": "Peace and security",
            "heading_fr": "",
            "area": "peace-and-security",
            "body_en": (
                "<p>Canada works with Ghana's peacekeeping training centre to prepare military, "
                "police and civilian personnel, women among them, for peace operations.</p>"
            ),
            "body_fr": "",
        },
    ],
    "figures": [
        _figure(
            "62800000",
            "development",
            ("fiscal", 2024, 2025),
            "Development assistance to Ghana (illustrative)",
            "",
            "development-assistance",
            flow="disbursement",
        ),
        _figure(
            "6500000",
            "stabilization",
            ("range", 2023, 2026),
            "Peace operations training support (illustrative)",
            "",
            "peace-operations",
            flow="commitment",
        ),
    ],
    "items": {
        "focus": [
            {"text_en": "Sustainable agriculture and access to markets"},
            {"text_en": "Inclusive, accountable local governance"},
            {"text_en": "Training for peace operations"},
        ],
        "result": [
            {
                "value": Decimal(18000),
                "text_en": "smallholder farmers reached with market information (illustrative)",
                "sub_value": Decimal(9500),
                "sub_text_en": "women",
            },
        ],
    },
}

PAGES = [SENEGAL, GHANA]
