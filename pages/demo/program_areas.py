"""The program areas of the demo: the kinds of engagement the country pages refer to."""

PROGRAM_AREAS = [
    {
        "slug_en": "diplomatic-engagement",
        "slug_fr": "engagement-diplomatique",
        "name_en": "Diplomatic engagement",
        "name_fr": "Engagement diplomatique",
        "description_en": (
            "Canada's political and diplomatic relations with a country: its embassy, its "
            "dialogue with the government and its support for peace agreements."
        ),
        "description_fr": (
            "Les relations politiques et diplomatiques du Canada avec un pays : son ambassade, "
            "son dialogue avec le gouvernement et son appui aux accords de paix."
        ),
    },
    {
        "slug_en": "development-assistance",
        "slug_fr": "aide-au-developpement",
        "name_en": "Development assistance",
        "name_fr": "Aide au développement",
        "description_en": (
            "Long-term programming that reduces poverty and inequality: health, education, "
            "food security, inclusive growth and gender equality."
        ),
        "description_fr": (
            "Des programmes à long terme qui réduisent la pauvreté et les inégalités : santé, "
            "éducation, sécurité alimentaire, croissance inclusive et égalité des genres."
        ),
    },
    {
        "slug_en": "humanitarian-assistance",
        "slug_fr": "aide-humanitaire",
        "name_en": "Humanitarian assistance",
        "name_fr": "Aide humanitaire",
        "description_en": (
            "Life-saving help for people affected by conflict and natural disasters: food, "
            "water, shelter, health care and protection."
        ),
        "description_fr": (
            "Une aide vitale aux personnes touchées par les conflits et les catastrophes "
            "naturelles : nourriture, eau, abri, soins de santé et protection."
        ),
    },
    {
        "slug_en": "trade-and-investment",
        "slug_fr": "commerce-et-investissement",
        "name_en": "Trade and investment",
        "name_fr": "Commerce et investissement",
        "description_en": (
            "Trade in goods and services, investment by Canadian companies and the agreements "
            "that protect it."
        ),
        "description_fr": (
            "Le commerce de biens et de services, les investissements des entreprises "
            "canadiennes et les accords qui les protègent."
        ),
    },
    {
        "slug_en": "peace-and-security",
        "slug_fr": "paix-et-securite",
        "name_en": "Peace and security",
        "name_fr": "Paix et sécurité",
        "description_en": (
            "Stabilization programming, security sector reform, conflict prevention and the "
            "women, peace and security agenda."
        ),
        "description_fr": (
            "Les programmes de stabilisation, la réforme du secteur de la sécurité, la "
            "prévention des conflits et le programme pour les femmes, la paix et la sécurité."
        ),
    },
    {
        "slug_en": "justice-and-reconciliation",
        "slug_fr": "justice-et-reconciliation",
        "name_en": "Justice and reconciliation",
        "name_fr": "Justice et réconciliation",
        "description_en": (
            "Support for truth commissions, access to justice for victims and the fight "
            "against impunity."
        ),
        "description_fr": (
            "L'appui aux commissions de vérité, l'accès des victimes à la justice et la lutte "
            "contre l'impunité."
        ),
    },
    {
        "slug_en": "peace-operations",
        "slug_fr": "operations-de-paix",
        "name_en": "Peace operations",
        "name_fr": "Opérations de paix",
        "description_en": (
            "Canadian Armed Forces members, equipment and funding contributed to United "
            "Nations peace operations."
        ),
        "description_fr": (
            "Les militaires des Forces armées canadiennes, l'équipement et le financement "
            "fournis aux opérations de paix des Nations Unies."
        ),
    },
    {
        "slug_en": "police-deployments",
        "slug_fr": "deploiements-de-policiers",
        "name_en": "Police deployments",
        "name_fr": "Déploiements de policiers",
        "description_en": (
            "Canadian police officers serving in international peace and stabilization "
            "operations, and the training of police forces abroad."
        ),
        "description_fr": (
            "Les policiers canadiens qui servent dans des opérations internationales de paix "
            "et de stabilisation, et la formation de forces policières à l'étranger."
        ),
    },
]
