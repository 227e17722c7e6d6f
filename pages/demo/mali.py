"""The Mali page: the seed page's facts and figures, retold in the project's own words."""

import datetime
from decimal import Decimal

from pages.demo.images import DemoImage, Scene

SOURCE_EN = "https://www.international.gc.ca/country-pays/mali/relations.aspx?lang=eng"
SOURCE_FR = "https://www.international.gc.ca/country-pays/mali/relations.aspx?lang=fra"

ALGIERS_ACCORD_URL = (
    "https://minusma.unmissions.org/sites/default/files/"
    "accord_pour_la_paix_et_la_reconciliation_au_mali_-_issu_du_processus_dalger_0.pdf"
)
PROJECT_BROWSER_EN = "https://w05.international.gc.ca/projectbrowser-banqueprojets/?lang=eng"
PROJECT_BROWSER_FR = "https://w05.international.gc.ca/projectbrowser-banqueprojets/?lang=fra"
ELSIE_EN = (
    "https://www.international.gc.ca/world-monde/issues_development-enjeux_developpement/"
    "gender_equality-egalite_des_genres/elsie_initiative-initiative_elsie.aspx?lang=eng"
)
ELSIE_FR = ELSIE_EN.replace("lang=eng", "lang=fra")
WPS_EN = (
    "https://www.international.gc.ca/world-monde/issues_development-enjeux_developpement/"
    "gender_equality-egalite_des_genres/women_peace_security-femmes_paix_securite.aspx?lang=eng"
)
WPS_FR = WPS_EN.replace("lang=eng", "lang=fra")
STORIES_EN = "https://www.international.gc.ca/country-pays/mali/stories-histoires.aspx?lang=eng"
STORIES_FR = STORIES_EN.replace("lang=eng", "lang=fra")


def _image(key: str, kind: str, colors: tuple, seed: int, **text: str) -> DemoImage:
    sky_top, sky_bottom, ground, accent = colors
    return DemoImage(
        key=key,
        title=f"Demo: {key.replace('-', ' ')}",
        scene=Scene(kind, sky_top, sky_bottom, ground, accent, seed),
        **text,
    )


HERO = _image(
    "mali-niger-river",
    "river",
    ((38, 70, 120), (246, 170, 92), (170, 120, 70), (70, 120, 160)),
    1969,
    alt_text_en="Illustration: a wide river flowing through a dry plain at sunrise.",
    alt_text_fr="Illustration : un large fleuve qui traverse une plaine sèche au lever du soleil.",
    credit_en="Demonstration image",
    credit_fr="Image de démonstration",
)
DIPLOMATIC = _image(
    "mali-diplomatic-engagement",
    "city",
    ((60, 80, 140), (240, 190, 140), (150, 110, 80), (120, 90, 80)),
    2,
    alt_text_en="Illustration: the outline of a city's buildings against an evening sky.",
    alt_text_fr="Illustration : la silhouette des édifices d'une ville sur un ciel de fin de jour.",
    credit_en="Shutterstock",
    credit_fr="Shutterstock",
)
DEVELOPMENT = _image(
    "mali-development-assistance",
    "fields",
    ((90, 150, 210), (200, 225, 240), (110, 150, 70), (80, 130, 50)),
    3,
    alt_text_en="Illustration: rows of green crops and a few trees under a clear sky.",
    alt_text_fr=(
        "Illustration : des rangées de cultures vertes et quelques arbres sous un ciel clair."
    ),
    credit_en="Canadian Embassy in Mali",
    credit_fr="Ambassade du Canada au Mali",
)
HUMANITARIAN = _image(
    "mali-humanitarian-assistance",
    "dunes",
    ((200, 160, 110), (245, 220, 170), (215, 165, 100), (190, 140, 90)),
    4,
    alt_text_en="Illustration: sand dunes stretching to the horizon under a hazy sky.",
    alt_text_fr="Illustration : des dunes de sable à perte de vue sous un ciel voilé.",
    credit_en="OCHA/Tanya Bindra",
    credit_fr="OCHA/Tanya Bindra",
)
TRADE = _image(
    "mali-trade-and-investment",
    "hills",
    ((70, 120, 180), (230, 200, 160), (160, 100, 60), (110, 80, 50)),
    5,
    alt_text_en="Illustration: red-earth hills dotted with trees in the afternoon light.",
    alt_text_fr="Illustration : des collines de terre rouge parsemées d'arbres, en après-midi.",
    credit_en="Shutterstock",
    credit_fr="Shutterstock",
)
PEACE = _image(
    "mali-peace-and-security",
    "river",
    ((50, 40, 90), (230, 120, 80), (120, 90, 60), (90, 100, 140)),
    6,
    alt_text_en="Illustration: a river winding through the savanna at sunset.",
    alt_text_fr="Illustration : un fleuve qui serpente dans la savane au coucher du soleil.",
    credit_en="RCMP",
    credit_fr="GRC",
)

FIELDS = {
    "name_en": "Mali",
    "name_fr": "Mali",
    "title_en": "Canada's engagement in Mali",
    "title_fr": "L'engagement du Canada au Mali",
    "slug_en": "mali",
    "slug_fr": "mali",
    "status": "published",
    "publish_at": None,
    "available_in": "both",
    "one_language_reason_en": "",
    "one_language_reason_fr": "",
    "date_modified": datetime.date(2026, 11, 28),
    "intro_en": (
        "<p>Since 2012, Mali has lived through a prolonged crisis. Canada takes an integrated "
        "approach to helping the country overcome it, so that every Malian can look forward to "
        "a better future. Working hand in hand with Mali and its international partners, Canada "
        "helps lay the groundwork for lasting peace, sustainable development, inclusive "
        "governance and prosperity that is shared by all.</p>"
        "<p>Mali matters beyond its borders. Its instability spills over into the wider Sahel "
        "and puts Canadian citizens and investments at greater risk. When women are left out "
        "of the peace process, gender inequality deepens and the conflict is harder to end.</p>"
    ),
    "intro_fr": (
        "<p>Depuis 2012, le Mali traverse une crise prolongée. Le Canada adopte une approche "
        "intégrée pour aider le pays à la surmonter, afin que chaque Malienne et chaque Malien "
        "puisse envisager un avenir meilleur. En étroite collaboration avec le Mali et ses "
        "partenaires internationaux, le Canada contribue à jeter les bases d'une paix durable, "
        "d'un développement durable, d'une gouvernance inclusive et d'une prospérité partagée "
        "par tous.</p>"
        "<p>L'enjeu dépasse les frontières du Mali. L'instabilité du pays se répercute sur "
        "l'ensemble du Sahel et accroît les risques pour les citoyens et les investissements "
        "canadiens. Lorsque les femmes sont tenues à l'écart du processus de paix, les "
        "inégalités entre les genres s'aggravent et le conflit est plus difficile à régler.</p>"
    ),
    "focus_intro_en": "To that end, Canada's work in Mali concentrates on:",
    "focus_intro_fr": "À cette fin, l'action du Canada au Mali porte principalement sur :",
    "outro_en": (
        "<p>Canada brings all of its government to bear in Mali, building on more than five "
        "decades of cooperation. Malians see Canada as a credible, strategic partner.</p>"
    ),
    "outro_fr": (
        "<p>Au Mali, le Canada mobilise l'ensemble de son gouvernement et s'appuie sur plus de "
        "cinq décennies de coopération. Les Maliens voient dans le Canada un partenaire "
        "crédible et stratégique.</p>"
    ),
}

FOCUS_POINTS = [
    (
        "Stepping up Canada's diplomatic engagement in Mali",
        "Intensifier l'engagement diplomatique du Canada au Mali",
    ),
    (
        "Reducing poverty and inequality through development programs, to improve the lives "
        "of Malians and of women and children above all",
        "Réduire la pauvreté et les inégalités au moyen de programmes de développement, pour "
        "améliorer la vie des Maliens, et d'abord celle des femmes et des enfants",
    ),
    (
        "Delivering life-saving humanitarian assistance to people in need",
        "Fournir une aide humanitaire vitale aux personnes dans le besoin",
    ),
    (
        "Encouraging sustainable development and more investment, for economic growth that "
        "benefits everyone",
        "Favoriser le développement durable et l'investissement, pour une croissance "
        "économique qui profite à tous",
    ),
    (
        "Backing security sector reform, including the control of small arms and light weapons",
        "Appuyer la réforme du secteur de la sécurité, y compris le contrôle des armes légères "
        "et de petit calibre",
    ),
    (
        "Supporting peace and reconciliation: stability, inclusion and gender equality, "
        "counter-terrorism capacity, and dialogue between the government and armed groups "
        "toward a lasting peace",
        "Soutenir la paix et la réconciliation : stabilité, inclusion et égalité des genres, "
        "capacités de lutte contre le terrorisme, et dialogue entre le gouvernement et les "
        "groupes armés en vue d'une paix durable",
    ),
    (
        "Preventing violent extremism and protecting civilians affected by the crisis",
        "Prévenir l'extrémisme violent et protéger les civils touchés par la crise",
    ),
]

SECTIONS = [
    {
        "heading_en": "Diplomatic engagement",
        "heading_fr": "Engagement diplomatique",
        "area": "diplomatic-engagement",
        "image": DIPLOMATIC,
        "body_en": (
            "<p>Mali is among Canada's closest partners in Africa and in La Francophonie. The "
            "two countries have had diplomatic relations since 1969; more than fifty years on, "
            "the relationship remains strong, and Canada's development assistance has long "
            "been one of its pillars.</p>"
            "<p>Ever since the coup d'état of 2012 and the crisis it set off, Canada has backed "
            "international efforts to bring stability back to Mali, including political and "
            "diplomatic support for a negotiated end to the conflict. With the Government of "
            "Mali, the United Nations and other partners, Canada works to see the Agreement for "
            "Peace and Reconciliation in Mali, better known as the "
            f'<a href="{ALGIERS_ACCORD_URL}" hreflang="fr">Algiers Accord</a> (in French only), '
            "carried out in full. Stabilization programming, which Canada has expanded, "
            "reinforces this diplomatic work.</p>"
        ),
        "body_fr": (
            "<p>Le Mali compte parmi les plus proches partenaires du Canada en Afrique et au "
            "sein de la Francophonie. Les deux pays entretiennent des relations diplomatiques "
            "depuis 1969; plus de cinquante ans plus tard, cette relation demeure solide, et "
            "l'aide au développement canadienne en est depuis longtemps l'un des piliers.</p>"
            "<p>Depuis le coup d'État de 2012 et la crise qui a suivi, le Canada appuie les "
            "efforts internationaux visant à rétablir la stabilité au Mali, notamment par un "
            "soutien politique et diplomatique à un règlement négocié du conflit. Avec le "
            "gouvernement du Mali, les Nations Unies et d'autres partenaires, le Canada "
            "s'emploie à ce que l'Accord pour la paix et la réconciliation au Mali, mieux connu "
            f"sous le nom d'<a href=\"{ALGIERS_ACCORD_URL}\">Accord d'Alger</a>, soit mis en "
            "œuvre pleinement. Les programmes de stabilisation, que le Canada a élargis, "
            "renforcent ce travail diplomatique.</p>"
        ),
    },
    {
        "heading_en": "Development assistance",
        "heading_fr": "Aide au développement",
        "area": "development-assistance",
        "image": DEVELOPMENT,
        "body_en": (
            "<p>Canada has stood by Mali for a long time, in support of peace, security and "
            "sustainable development. Its international assistance to Mali since 2000 tops "
            "$1.6 billion, of which $139.93 million was provided in 2018-2019.</p>"
            "<p>Canada is well placed to protect the poorest and most vulnerable people, "
            "particularly women and children. Its expertise, its credibility, its long "
            "experience and its strong partnerships on the ground have produced concrete "
            "results that have changed the lives of many Malians.</p>"
            "<p>To mark fifty years of diplomatic relations, a series of stories looks back at "
            "what Canada's development initiatives have achieved with their many partners, told "
            "through the history and the people behind them. To see what Canadian development "
            f'assistance has meant on the ground, read the <a href="{STORIES_EN}">stories '
            "about Mali</a>.</p>"
            "<p>Canada's development assistance in Mali concentrates on three areas:</p>"
            "<ul>"
            "<li>better basic social services: nutrition, basic education, and sexual and "
            "reproductive health and rights;</li>"
            "<li>growth that works for everyone, by investing in farming and irrigation and by "
            "opening up financial services to all;</li>"
            "<li>gender equality and inclusive governance.</li>"
            "</ul>"
            "<p>Guided by Canada's Feminist International Assistance Policy, this work has "
            "brought real progress against poverty and in Malians' living conditions. Canada's "
            "development projects in Mali are listed in the "
            f'<a href="{PROJECT_BROWSER_EN}">Project Browser</a>.</p>'
        ),
        "body_fr": (
            "<p>Le Canada soutient le Mali depuis longtemps en faveur de la paix, de la sécurité "
            "et du développement durable. Depuis 2000, son aide internationale au Mali dépasse "
            "1,6 milliard de dollars, dont 139,93 millions de dollars versés en 2018-2019.</p>"
            "<p>Le Canada est bien placé pour protéger les personnes les plus pauvres et les "
            "plus vulnérables, en particulier les femmes et les enfants. Son expertise, sa "
            "crédibilité, sa longue expérience et ses solides partenariats sur le terrain ont "
            "produit des résultats concrets qui ont changé la vie de nombreux Maliens.</p>"
            "<p>Pour souligner le cinquantième anniversaire des relations diplomatiques, une "
            "série de récits revient sur ce que les initiatives de développement du Canada ont "
            "accompli avec leurs nombreux partenaires, à travers leur histoire et les personnes "
            "qui les ont portées. Pour voir ce que l'aide au développement canadienne a changé "
            f'sur le terrain, lisez les <a href="{STORIES_FR}">récits sur le Mali</a>.</p>'
            "<p>L'aide au développement du Canada au Mali porte sur trois domaines :</p>"
            "<ul>"
            "<li>de meilleurs services sociaux de base, comme la santé et les droits sexuels et "
            "reproductifs, la nutrition et l'éducation de base;</li>"
            "<li>une croissance qui profite à tous, grâce à l'agriculture, à l'irrigation et à "
            "l'accès à des services financiers inclusifs;</li>"
            "<li>l'égalité des genres et la gouvernance inclusive.</li>"
            "</ul>"
            "<p>Guidé par la Politique d'aide internationale féministe du Canada, ce travail a "
            "permis de réels progrès contre la pauvreté et dans les conditions de vie des "
            "Maliens. Les projets de développement du Canada au Mali figurent dans la "
            f'<a href="{PROJECT_BROWSER_FR}">Banque de projets</a>.</p>'
        ),
    },
    {
        "heading_en": "Humanitarian assistance",
        "heading_fr": "Aide humanitaire",
        "area": "humanitarian-assistance",
        "image": HUMANITARIAN,
        "body_en": (
            "<p>Canada's humanitarian funding in Mali pays for a response that covers many "
            "sectors at once and takes the different needs of women, men, girls and boys into "
            "account, for people hit by conflict and drought. It helps provide food, treatment "
            "for acute malnutrition, safe drinking water, hygiene and sanitation, health care "
            "(sexual and reproductive health services among them), protection (including care "
            "for survivors of sexual violence) and support for the livelihoods of vulnerable "
            "people.</p>"
            "<p>Since 2012, Canada has set aside more than $67 million for humanitarian "
            "assistance in Mali, to address the effects of violence and food insecurity in "
            "the north of the country.</p>"
        ),
        "body_fr": (
            "<p>Le financement humanitaire du Canada au Mali soutient une intervention qui "
            "couvre plusieurs secteurs à la fois et tient compte des besoins différents des "
            "femmes, des hommes, des filles et des garçons touchés par le conflit et la "
            "sécheresse. Il contribue à fournir de la nourriture, le traitement de la "
            "malnutrition aiguë, de l'eau potable, l'hygiène et l'assainissement, des soins de "
            "santé (dont des services de santé sexuelle et reproductive), de la protection (y "
            "compris l'aide aux survivantes et survivants de violence sexuelle) et un appui aux "
            "moyens de subsistance des personnes vulnérables.</p>"
            "<p>Depuis 2012, le Canada a consacré plus de 67 millions de dollars à l'aide "
            "humanitaire au Mali pour faire face à la violence et à l'insécurité alimentaire "
            "dans le nord du pays.</p>"
        ),
    },
    {
        "heading_en": "Trade and investment",
        "heading_fr": "Commerce et investissement",
        "area": "trade-and-investment",
        "image": TRADE,
        "body_en": (
            "<p>Trade between Canada and Mali is well established and has plenty of room to "
            "grow. Bilateral merchandise trade reached $23.1 million in 2018 (Canadian exports "
            "of $20.9 million, imports of $2.2 million), then $29.5 million in 2019 (exports of "
            "$26.6 million, imports of $2.9 million).</p>"
            "<p>Mali offers Canadian companies opportunities in mining, energy (renewable "
            "energy in particular), agriculture, infrastructure, clean technology and "
            "education. Mining investment has become a major driver of the trade relationship "
            "and a large source of revenue for the Malian state. B2Gold and Robex Resources, "
            "both Canadian, began producing gold in Mali in 2017 and 2018. The B2Gold mine is "
            "among the largest in the country: more than $600 million has been invested in "
            "it.</p>"
            "<p>Since June 2016, a Foreign Investment Promotion and Protection Agreement has "
            "been in force between the two countries; it is meant to encourage investment in "
            "both directions and make it more secure.</p>"
        ),
        "body_fr": (
            "<p>Les échanges commerciaux entre le Canada et le Mali sont bien établis et "
            "peuvent encore beaucoup croître. Le commerce bilatéral de marchandises a atteint "
            "23,1 millions de dollars en 2018 (20,9 millions de dollars d'exportations "
            "canadiennes et 2,2 millions de dollars d'importations), puis 29,5 millions de "
            "dollars en 2019 (26,6 millions de dollars d'exportations et 2,9 millions de "
            "dollars d'importations).</p>"
            "<p>Le Mali offre aux entreprises canadiennes des occasions dans les mines, "
            "l'énergie (renouvelable surtout), l'agriculture, les infrastructures, les "
            "technologies propres et l'éducation. L'investissement minier est devenu un moteur "
            "important de la relation commerciale et une source importante de recettes pour "
            "l'État malien. Deux entreprises canadiennes, B2Gold et Robex Resources, ont ouvert "
            "des mines d'or au Mali en 2017 et en 2018; la mine de B2Gold, l'une des plus "
            "grandes du pays, représente un investissement de plus de 600 millions de "
            "dollars.</p>"
            "<p>Un accord sur la promotion et la protection des investissements étrangers est "
            "en vigueur entre les deux pays depuis juin 2016; il vise à encourager "
            "l'investissement dans les deux sens et à le rendre plus sûr.</p>"
        ),
    },
    {
        "heading_en": "Promoting peace, security and stabilization",
        "heading_fr": "Promouvoir la paix, la sécurité et la stabilisation",
        "area": "peace-and-security",
        "image": PEACE,
        "body_en": (
            "<p>Canada backs the peace and reconciliation process in Mali in many ways: making "
            "the region safer and more stable, helping to counter terrorism, and encouraging "
            "the government and armed groups to talk, so that a lasting peace can take "
            "hold.</p>"
            "<p>Peace will not last unless the political process is inclusive and women take a "
            "real and growing part in it. Canada therefore supports each of the Algiers "
            "Accord's four pillars: political reform; reform of the defence and security "
            "sector; development; and reconciliation, justice and humanitarian affairs. It "
            "does so "
            "through funding and personnel for the United Nations Multidimensional Integrated "
            "Stabilization Mission in Mali (MINUSMA), and through civil society partners.</p>"
            "<p>These contributions build local and regional capacity: partners' ability to "
            "carry out the women, peace and security agenda; civil society's and government's "
            "work on justice and governance; the ability of Malian and Sahel armed forces to "
            "improve security and stem the flow of weapons; and the ability of civil society "
            "and communities to prevent conflict, stabilize and recover.</p>"
        ),
        "body_fr": (
            "<p>Le Canada appuie de nombreuses façons le processus de paix et de réconciliation "
            "du Mali : rendre la région plus sûre et plus stable, contribuer à la lutte contre "
            "le terrorisme, et encourager le dialogue entre le gouvernement et les groupes "
            "armés, pour qu'une paix durable s'installe.</p>"
            "<p>La paix ne durera pas sans un processus politique inclusif auquel les femmes "
            "participent réellement et davantage. Le Canada appuie donc les quatre piliers de "
            "l'Accord d'Alger : réforme politique; réforme du secteur de la défense et de la "
            "sécurité; développement; réconciliation, justice et questions humanitaires. Il le "
            "fait en "
            "finançant la Mission multidimensionnelle intégrée des Nations Unies pour la "
            "stabilisation au Mali (MINUSMA) et en y déployant du personnel, ainsi que par "
            "l'intermédiaire de partenaires de la société civile.</p>"
            "<p>Ces contributions renforcent les capacités locales et régionales : celles des "
            "partenaires à mettre en œuvre le programme pour les femmes, la paix et la sécurité; "
            "celles de la société civile et du gouvernement en matière de justice et de "
            "gouvernance; celles des forces armées maliennes et sahéliennes à améliorer la "
            "sécurité et à freiner la circulation des armes; et celles de la société civile et "
            "des communautés à prévenir les conflits, à se stabiliser et à s'en relever.</p>"
        ),
    },
    {
        "heading_en": "Canada's engagement in peace operations",
        "heading_fr": "L'engagement du Canada dans les opérations de paix",
        "heading_level": 4,
        "area": "peace-operations",
        "body_en": (
            "<p>Canada has committed to taking part again in the whole range of multilateral "
            "peace operations, and to doing it differently: it wants to help transform how "
            "peace operations work, through ambitious initiatives.</p>"
            "<p>One of them is to give women a larger and more meaningful role in preventing "
            f'and resolving conflict. The <a href="{ELSIE_EN}">Elsie Initiative</a> '
            "sets out to bring more women into United Nations peace operations, in roles that "
            "count.</p>"
            "<p>Canada also works for children caught up in armed conflict. Under the "
            "Vancouver Principles, which cover peacekeeping and the prevention of the "
            "recruitment and use of child soldiers, it makes their protection a core part of "
            "the mandate of United Nations peacekeeping missions.</p>"
        ),
        "body_fr": (
            "<p>Le Canada s'est engagé à participer de nouveau à toute la gamme des opérations "
            "de paix multilatérales, et à le faire autrement : il veut contribuer à transformer "
            "le fonctionnement des opérations de paix grâce à des initiatives ambitieuses.</p>"
            "<p>L'une d'elles consiste à donner aux femmes une place plus grande et plus "
            "significative dans la prévention et le règlement des conflits. "
            f'L\'<a href="{ELSIE_FR}">Initiative Elsie</a> vise à accroître la '
            "participation significative des femmes aux opérations de paix des Nations "
            "Unies.</p>"
            "<p>Par les Principes de Vancouver sur le maintien de la paix et la prévention du "
            "recrutement et de l'utilisation d'enfants soldats, le Canada agit aussi pour les "
            "enfants pris dans les conflits armés : il fait de leur protection un élément "
            "central du mandat des missions de maintien de la paix des Nations Unies.</p>"
        ),
    },
    {
        "heading_en": "Peace and Stabilization Operations Program",
        "heading_fr": "Programme pour la stabilisation et les opérations de paix",
        "heading_level": 4,
        "area": "peace-and-security",
        "body_en": (
            "<p>Canada's Peace and Stabilization Operations Program (PSOPs) leads Canada's "
            "stabilization programming in Mali and the Sahel, and like-minded countries, the "
            "Peacebuilding Fund and the United Nations ask for its advice on how to stabilize "
            "the region and where to act.</p>"
            "<p>Canada invested more than $30 million from 2016 to 2019 and is adding $28 "
            "million for 2019 to 2022, in Mali and the Sahel. The money supports Malian "
            "authorities, the United Nations, and civil society groups, both Malian and "
            "international. The MINUSMA Trust Fund receives a further $9.8 million from "
            "Canada (2016 to 2020), and Canada supports two gender advisors serving with the "
            "mission.</p>"
            "<p>In Mali, PSOPs programs help move the Algiers Accord forward and bring women "
            "into the peace process at every level. They also back peacebuilding and "
            "stabilization work led by the United Nations that brings conflict-affected "
            "communities into dialogue, with women and young people as agents of peaceful "
            "change. Details are in the "
            f"<a href=\"{PROJECT_BROWSER_EN}\">Project Browser</a>; Canada's policy on women's "
            "role in preventing and resolving conflict and in building peace is set out in "
            f'<a href="{WPS_EN}">Canada\'s National Action Plan on Women, Peace and '
            "Security</a>.</p>"
            "<p>A project with Search for Common Ground trained 360 peace ambassadors, 151 of "
            "them women, in leadership, conflict transformation and peacebuilding in central "
            "and northern Mali. The ambassadors then assessed local conflicts in 12 "
            "communities and launched 61 peace initiatives in response: community dialogue to "
            "ease tensions between communities, mediation of land disputes, stronger "
            "traditional conflict-resolution mechanisms, joint peacebuilding work by young "
            "people, women and security forces, and activities that build trust and social "
            "cohesion.</p>"
            "<p>With Canada's support, Mercy Corps trained 688 Malians in women's "
            "empowerment, advocacy (including on social media), participatory governance, "
            "political engagement, the peace process and conflict resolution.</p>"
        ),
        "body_fr": (
            "<p>Le Programme pour la stabilisation et les opérations de paix (PSOP) du Canada "
            "dirige la programmation canadienne de stabilisation au Mali et au Sahel; des pays "
            "aux vues similaires, le Fonds pour la consolidation de la paix et les Nations "
            "Unies le consultent sur les stratégies et les possibilités de stabilisation dans "
            "la région.</p>"
            "<p>Le Canada a investi plus de 30 millions de dollars de 2016 à 2019 et y ajoute "
            "28 millions de dollars pour la période de 2019 à 2022, au Mali et au Sahel, pour "
            "soutenir des organisations de la société civile, des organisations non "
            "gouvernementales internationales, les autorités maliennes et les Nations Unies. Le "
            "Canada verse aussi 9,8 millions de dollars au Fonds d'affectation spéciale de la "
            "MINUSMA (2016 à 2020) et appuie le déploiement de deux conseillers en matière "
            "d'égalité des genres au sein de la mission.</p>"
            "<p>Au Mali, les programmes du PSOP aident à faire avancer l'Accord d'Alger et à "
            "faire participer les femmes au processus de paix à tous les niveaux. Ils appuient "
            "aussi des travaux de consolidation de la paix et de stabilisation menés par les "
            "Nations Unies qui amènent les communautés touchées par le conflit à dialoguer, "
            "avec les femmes et les jeunes comme moteurs d'un changement pacifique. Les détails "
            f'se trouvent dans la <a href="{PROJECT_BROWSER_FR}">Banque de projets</a>; la '
            "politique du Canada sur le rôle des femmes dans la prévention et le règlement des "
            "conflits et dans la consolidation de la paix est exposée dans le "
            f'<a href="{WPS_FR}">Plan d\'action national du Canada sur les femmes, la paix et '
            "la sécurité</a>.</p>"
            "<p>Un projet mené avec Search for Common Ground a formé 360 ambassadeurs de la "
            "paix, dont 151 femmes, au leadership, à la transformation des conflits et à la "
            "consolidation de la paix dans le centre et le nord du Mali. Ces ambassadeurs ont "
            "ensuite évalué les conflits locaux dans 12 communautés et lancé 61 initiatives de "
            "paix pour y répondre : dialogue communautaire pour apaiser les tensions entre "
            "communautés, médiation des différends fonciers, renforcement des mécanismes "
            "traditionnels de règlement des conflits, travail commun de consolidation de la "
            "paix entre les jeunes, les femmes et les forces de sécurité, et activités qui "
            "renforcent la confiance et la cohésion sociale.</p>"
            "<p>Grâce à l'appui du Canada, Mercy Corps a formé 688 Maliennes et Maliens à "
            "l'autonomisation des femmes, à la défense des droits (y compris dans les médias "
            "sociaux), à la gouvernance participative, à l'engagement politique, au processus "
            "de paix et au règlement des conflits.</p>"
        ),
    },
    {
        "heading_en": "Justice, Prevention and Reconciliation",
        "heading_fr": "Justice, prévention et réconciliation",
        "heading_level": 4,
        "area": "justice-and-reconciliation",
        "body_en": (
            "<p>Canada funds two projects in this field: Justice, Prevention and "
            "Reconciliation (JUPREC), and support for Mali's Truth, Justice and Reconciliation "
            "Commission (TJRC). Their main results so far:</p>"
            "<ul>"
            "<li>The TJRC is a strong institution that gives people hope, eases tension and "
            "violence, and takes an active part in establishing the truth.</li>"
            "<li>More than 15,000 people, most of them women, have given statements to the "
            "TJRC, a sign of their trust in the peace process; thousands of them did so with "
            "support from Lawyers Without Borders Canada.</li>"
            "<li>Better equipped to act, especially on gender equality, thousands of conflict "
            "victims and women no longer stand on the sidelines: they are taking an active "
            "part in the peace process.</li>"
            "<li>Human rights violations since 1960 have been mapped, and the recommendations "
            "of 3,755 victims, most of them women, now underpin the TJRC's investigation "
            "strategy and the national reparations policy.</li>"
            "<li>Public awareness is growing, and people are mobilizing against injustice and "
            "impunity, for instance against the recently adopted Law of National Understanding, "
            "which could shield those responsible for the gravest crimes of the conflict.</li>"
            "</ul>"
            "<p>National and regional courts are hearing landmark cases of war crimes, of "
            "crimes against humanity and of gender-based violence, which chips away at "
            "impunity. Young human rights lawyers, many of them women, are rising to make the "
            "voices of women and vulnerable people heard.</p>"
        ),
        "body_fr": (
            "<p>Le Canada finance deux projets dans ce domaine : Justice, prévention et "
            "réconciliation (JUPREC), et l'appui à la Commission Vérité, Justice et "
            "Réconciliation (CVJR) du Mali. Leurs principaux résultats à ce jour :</p>"
            "<ul>"
            "<li>La CVJR est une institution solide qui redonne espoir, apaise les tensions et "
            "la violence, et participe activement à la recherche de la vérité.</li>"
            "<li>Plus de 15 000 personnes, en majorité des femmes, ont fait une déposition "
            "devant la CVJR, signe de leur confiance dans le processus de paix; des milliers "
            "d'entre elles l'ont fait avec l'accompagnement d'Avocats sans frontières Canada.</li>"
            "<li>Mieux outillées pour agir, en particulier en matière d'égalité des genres, "
            "des milliers de femmes et de victimes du conflit participent activement au "
            "processus de paix au lieu d'en rester à l'écart.</li>"
            "<li>Les violations des droits de la personne commises depuis 1960 ont été "
            "répertoriées, et les recommandations de 3 755 victimes, en majorité des femmes, "
            "fondent désormais la stratégie d'enquête de la CVJR et la politique nationale de "
            "réparation.</li>"
            "<li>La population prend conscience des enjeux et se mobilise contre l'injustice et "
            "l'impunité, par exemple contre la loi d'entente nationale adoptée récemment, qui "
            "pourrait mettre à l'abri les responsables des crimes les plus graves du "
            "conflit.</li>"
            "</ul>"
            "<p>Des affaires emblématiques de crimes de guerre, de crimes contre l'humanité et "
            "de violence fondée sur le genre sont portées devant les tribunaux nationaux et "
            "régionaux, ce qui fait reculer l'impunité. Une nouvelle génération d'avocates et "
            "d'avocats des droits de la personne, dont beaucoup de jeunes femmes, fait entendre "
            "la voix des femmes et des personnes vulnérables.</p>"
        ),
    },
    {
        "heading_en": "Operation PRESENCE",
        "heading_fr": "Opération PRESENCE",
        "heading_level": 4,
        "area": "peace-operations",
        "body_en": (
            "<p>From August 2018 to August 2019, Canada deployed an Air Task Force of "
            "helicopters to MINUSMA under Operation PRESENCE – Mali. Based in Gao, in northern "
            "Mali, the task force gave the United Nations vital medical evacuation, logistics "
            "and transport capacity, in direct support of the mission and of its mandate to "
            "help carry out the Algiers Accord.</p>"
            "<p>Now that the task force has returned home, Canada keeps contributing to the "
            "United Nations mission in Mali in several ways, with up to 10 members of the "
            "Canadian Armed Forces, plus civilian police and funding, all to help implement "
            "the Algiers Accord.</p>"
        ),
        "body_fr": (
            "<p>D'août 2018 à août 2019, le Canada a déployé auprès de la MINUSMA une Force "
            "opérationnelle aérienne composée d'hélicoptères, dans le cadre de l'opération "
            "PRESENCE – Mali. Basée à Gao, dans le nord du Mali, cette force a fourni aux "
            "Nations Unies des moyens essentiels d'évacuation médicale, de logistique et de "
            "transport, en appui direct à la mission et à son mandat d'aider à mettre en œuvre "
            "l'Accord d'Alger.</p>"
            "<p>Maintenant que la force est rentrée au pays, le Canada continue de contribuer à "
            "la mission des Nations Unies au Mali de plusieurs façons : jusqu'à 10 membres des "
            "Forces armées canadiennes, des policiers civils et du financement, le tout pour "
            "faciliter la mise en œuvre de l'Accord d'Alger.</p>"
        ),
    },
    {
        "heading_en": "Canadian Police Arrangement",
        "heading_fr": "Arrangement sur la police civile au Canada",
        "heading_level": 4,
        "area": "police-deployments",
        "body_en": (
            "<p>Since January 2019, Canadian police officers have served in Mali to support "
            "the Peace and Reconciliation Agreement and the reform of Mali's security "
            "services. They work with MINUSMA and with EUCAP Sahel Mali, the European Union's "
            "civilian capacity-building mission, offering advice and leadership on community "
            "policing, human rights and gender equality.</p>"
            "<p>Canada is also providing police trainers and $1 million in funding (2018-2020) "
            "to the Alioune Blondin Beye Peacekeeping School (EMPABB) in Bamako, until March "
            "2021. The school strengthens West African states' capacity for peace and security "
            "sector reform. Among other things, it designs and teaches policing courses so that "
            "African police officers can serve in peace support operations led by the United "
            "Nations, the African Union or other regional organizations.</p>"
            "<p>Canadian officers serve in international peace and stabilization missions "
            "under the Canadian Police Arrangement, a partnership of the Royal Canadian "
            "Mounted Police, Public Safety Canada and Global Affairs Canada.</p>"
        ),
        "body_fr": (
            "<p>Depuis janvier 2019, des policiers canadiens servent au Mali pour appuyer "
            "l'Accord pour la paix et la réconciliation et la réforme des services de sécurité "
            "maliens. Ils travaillent avec la MINUSMA et avec EUCAP Sahel Mali, la mission "
            "civile de renforcement des capacités de l'Union européenne, et offrent conseils et "
            "leadership en matière de police communautaire, de droits de la personne et "
            "d'égalité des genres.</p>"
            "<p>Le Canada fournit aussi des formateurs policiers et 1 million de dollars "
            "(2018-2020) à l'École de maintien de la paix Alioune Blondin Beye (EMPABB) de "
            "Bamako, jusqu'en mars 2021. L'École renforce la capacité des États d'Afrique de "
            "l'Ouest en matière de paix et de réforme du secteur de la sécurité. Elle conçoit "
            "et donne notamment des cours sur le travail policier afin que des policiers "
            "africains puissent servir dans des opérations de soutien à la paix menées par les "
            "Nations Unies, l'Union africaine ou d'autres organisations régionales.</p>"
            "<p>Les policiers canadiens sont déployés dans des opérations internationales de "
            "paix et de stabilisation dans le cadre de l'Arrangement sur la police civile au "
            "Canada, un partenariat entre Affaires mondiales Canada, la Gendarmerie royale du "
            "Canada et Sécurité publique Canada.</p>"
        ),
    },
]


def _figure(
    key: str, amount: str, kind: str, period: tuple, label_en: str, label_fr: str, **extra
) -> dict:
    period_type, start_year, *end = period
    return {
        "key": key,
        "amount": Decimal(amount),
        "kind": kind,
        "period_type": period_type,
        "start_year": start_year,
        "end_year": end[0] if end else None,
        "label_en": label_en,
        "label_fr": label_fr,
        "source_url_en": SOURCE_EN,
        "source_url_fr": SOURCE_FR,
        # No "as_of": the seed page gives no date for its figures, none is made up.
        **extra,
    }


# The seed gives some amounts as "over" or "more than": those are marked
# more_than=True, and the pages say "more than $67 million".
# Parts come after the figure they belong to (the loader links them in order).
FIGURES = [
    _figure(
        "assistance-since-2000",
        "1600000000",
        "assistance",
        ("since", 2000),
        "International assistance to Mali",
        "Aide internationale au Mali",
        more_than=True,
        flow="disbursement",
        area="development-assistance",
    ),
    _figure(
        "assistance-2018-2019",
        "139930000",
        "assistance",
        ("fiscal", 2018, 2019),
        "International assistance to Mali",
        "Aide internationale au Mali",
        flow="disbursement",
        area="development-assistance",
        part_of="assistance-since-2000",
    ),
    _figure(
        "humanitarian-since-2012",
        "67000000",
        "humanitarian",
        ("since", 2012),
        "Humanitarian assistance to Mali",
        "Aide humanitaire au Mali",
        more_than=True,
        flow="commitment",
        area="humanitarian-assistance",
    ),
    _figure(
        "trade-2018",
        "23100000",
        "trade_total",
        ("year", 2018),
        "Bilateral merchandise trade",
        "Commerce bilatéral de marchandises",
        area="trade-and-investment",
    ),
    _figure(
        "exports-2018",
        "20900000",
        "trade_exports",
        ("year", 2018),
        "Canadian merchandise exports to Mali",
        "Exportations canadiennes de marchandises vers le Mali",
        area="trade-and-investment",
        part_of="trade-2018",
    ),
    _figure(
        "imports-2018",
        "2200000",
        "trade_imports",
        ("year", 2018),
        "Canadian merchandise imports from Mali",
        "Importations canadiennes de marchandises en provenance du Mali",
        area="trade-and-investment",
        part_of="trade-2018",
    ),
    _figure(
        "trade-2019",
        "29500000",
        "trade_total",
        ("year", 2019),
        "Bilateral merchandise trade",
        "Commerce bilatéral de marchandises",
        area="trade-and-investment",
    ),
    _figure(
        "exports-2019",
        "26600000",
        "trade_exports",
        ("year", 2019),
        "Canadian merchandise exports to Mali",
        "Exportations canadiennes de marchandises vers le Mali",
        area="trade-and-investment",
        part_of="trade-2019",
    ),
    _figure(
        "imports-2019",
        "2900000",
        "trade_imports",
        ("year", 2019),
        "Canadian merchandise imports from Mali",
        "Importations canadiennes de marchandises en provenance du Mali",
        area="trade-and-investment",
        part_of="trade-2019",
    ),
    _figure(
        "psops-2016-2019",
        "30000000",
        "stabilization",
        ("range", 2016, 2019),
        "Peace and Stabilization Operations Program, Mali and the Sahel",
        "Programme pour la stabilisation et les opérations de paix, au Mali et au Sahel",
        more_than=True,
        flow="disbursement",
        area="peace-and-security",
    ),
    _figure(
        "psops-2019-2022",
        "28000000",
        "stabilization",
        ("range", 2019, 2022),
        "Peace and Stabilization Operations Program, Mali and the Sahel",
        "Programme pour la stabilisation et les opérations de paix, au Mali et au Sahel",
        flow="commitment",
        area="peace-and-security",
    ),
    _figure(
        "minusma-trust-fund",
        "9800000",
        "stabilization",
        ("range", 2016, 2020),
        "Contribution to the MINUSMA Trust Fund",
        "Contribution au Fonds d'affectation spéciale de la MINUSMA",
        flow="commitment",
        area="peace-operations",
    ),
    _figure(
        "empabb-police-training",
        "1000000",
        "stabilization",
        ("range", 2018, 2020),
        "Police training at the Alioune Blondin Beye Peacekeeping School (EMPABB)",
        "Formation policière à l'École de maintien de la paix Alioune Blondin Beye (EMPABB)",
        flow="commitment",
        area="police-deployments",
    ),
]

RESULTS = [
    {
        "value": Decimal(360),
        "text_en": "peace ambassadors trained in leadership, conflict transformation and "
        "peacebuilding (Search for Common Ground)",
        "text_fr": "ambassadeurs de la paix formés au leadership, à la transformation des "
        "conflits et à la consolidation de la paix (Search for Common Ground)",
        "sub_value": Decimal(151),
        "sub_text_en": "women",
        "sub_text_fr": "femmes",
    },
    {
        "value": Decimal(12),
        "text_en": "communities where the peace ambassadors assessed local conflicts",
        "text_fr": "communautés où les ambassadeurs de la paix ont évalué les conflits locaux",
    },
    {
        "value": Decimal(61),
        "text_en": "peace initiatives launched by the ambassadors in response",
        "text_fr": "initiatives de paix lancées en réponse par les ambassadeurs",
    },
    {
        "value": Decimal(688),
        "text_en": "Malians trained in women's empowerment, advocacy, participatory governance "
        "and conflict resolution (Mercy Corps)",
        "text_fr": "Maliennes et Maliens formés à l'autonomisation des femmes, à la défense des "
        "droits, à la gouvernance participative et au règlement des conflits (Mercy Corps)",
    },
    {
        # "More than 15,000": the number cannot stand first, so the sentence says it.
        "value": None,
        "text_en": "More than 15,000 people, most of them women, gave statements to the Truth, "
        "Justice and Reconciliation Commission",
        "text_fr": "Plus de 15 000 personnes, en majorité des femmes, ont fait une "
        "déposition devant la Commission Vérité, Justice et Réconciliation",
    },
    {
        "value": Decimal(3755),
        "text_en": "victims, most of them women, whose recommendations underpin the "
        "commission's investigations and the national reparations policy",
        "text_fr": "victimes, en majorité des femmes, dont les recommandations fondent les "
        "enquêtes de la commission et la politique nationale de réparation",
    },
]


LINKS = [
    {
        "text_en": "Agreement for Peace and Reconciliation in Mali (Algiers Accord)",
        "text_fr": "Accord pour la paix et la réconciliation au Mali issu du processus d'Alger",
        "url_en": "",
        "url_fr": ALGIERS_ACCORD_URL,
    },
    {
        "text_en": "Project Browser: Canada's international assistance projects",
        "text_fr": "Banque de projets : les projets d'aide internationale du Canada",
        "url_en": PROJECT_BROWSER_EN,
        "url_fr": PROJECT_BROWSER_FR,
    },
    {
        "text_en": "Stories about Mali: 50 years of development cooperation",
        "text_fr": "Récits sur le Mali : 50 ans de coopération au développement",
        "url_en": STORIES_EN,
        "url_fr": STORIES_FR,
    },
    {
        "text_en": "Elsie Initiative for Women in Peace Operations",
        "text_fr": "Initiative Elsie pour les femmes dans les opérations de paix",
        "url_en": ELSIE_EN,
        "url_fr": ELSIE_FR,
    },
    {
        "text_en": "Canada's National Action Plan on Women, Peace and Security",
        "text_fr": "Plan d'action national du Canada sur les femmes, la paix et la sécurité",
        "url_en": WPS_EN,
        "url_fr": WPS_FR,
    },
]

PAGE = {
    "iso_code": "ML",
    "fields": FIELDS,
    "hero_image": HERO,
    "sections": SECTIONS,
    "figures": FIGURES,
    "items": {
        "focus": [{"text_en": en, "text_fr": fr} for en, fr in FOCUS_POINTS],
        "result": RESULTS,
        # No "video": the seed's video gallery is empty (Senegal's demo shows one).
        "link": LINKS,
    },
}
