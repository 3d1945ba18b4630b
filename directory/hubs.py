"""Short notes on the main outsourcing hubs, for the country landing pages (/vendors/countries/<code>/).

The figures on those pages (vendors, seats, cities, rates) come from the directory itself; these notes
say in a sentence or two why buyers look at the country. Curated facts, kept short on purpose.
"""

HUB_NOTES = {
    "PH": "The largest voice-support hub in the world: a large English-speaking workforce with a neutral accent, "
    "strong in customer care, technical support and healthcare back office, with most seats working US hours.",
    "IN": "The largest back-office and IT-enabled services market: finance and accounting, data processing, "
    "technical support and analytics, with deep benches in many Indian and European languages.",
    "MX": "The main nearshore hub for the United States: bilingual English and Spanish agents in the same time "
    "zones as US clients, clustered around Mexico City, Guadalajara, Monterrey and the border cities.",
    "CO": "A nearshore hub for bilingual Spanish and English support, with Bogotá, Medellín and Barranquilla "
    "serving North American and Spanish clients.",
    "CR": "A small nearshore hub with a highly educated workforce, strong in technical support, shared services "
    "and English, Spanish and Portuguese language work.",
    "DO": "A nearshore hub close to the US east coast, with English and Spanish customer care and collections.",
    "JM": "An English-speaking Caribbean hub in US eastern time, known for customer care and sales for North "
    "American brands.",
    "PL": "Central Europe's largest shared-services market: multilingual support for European clients, finance "
    "and accounting and IT, nearshore for Germany and the Nordics.",
    "RO": "A multilingual European hub with French, German, Italian and English speakers, strong in technical "
    "support and IT services for EU clients.",
    "PT": "A Western European hub with multilingual agents for European markets, and Portuguese for Brazil.",
    "IE": "An onshore European hub for English-language support, home to many technology companies' EMEA "
    "service centers.",
    "ZA": "An English-speaking hub with a time zone close to the UK and Europe, growing fast in customer service "
    "for British and Australian clients.",
    "EG": "A multilingual hub for Arabic, English, French and German support, serving the Middle East and Europe.",
    "MY": "A regional shared-services hub for Asia-Pacific, with English, Malay and several Chinese languages.",
    "VN": "A growing hub for back-office work, data processing and IT services, with competitive rates.",
    "US": "Onshore delivery for US clients: agents in the client's own market, often required for regulated work "
    "such as government, healthcare and finance.",
    "CA": "Onshore for Canadian and nearshore for US clients, with English and French (Québec) support.",
    "GB": "Onshore delivery for UK clients, with large contact-center clusters in Scotland, the North of England "
    "and Wales.",
}
