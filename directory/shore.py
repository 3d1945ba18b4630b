"""Shore model relative to the client: where a delivery center is, seen from where the client is.

- onshore: the center is in the client's own country;
- nearshore: the center is in a neighbouring or nearby country with a small time difference (at most about
  three hours during the client's working day), listed in NEARSHORE for the main client markets;
- offshore: anywhere else.

A client country missing from NEARSHORE has no nearshore countries: its centers are onshore or offshore.
"""

from django.db.models import Case, CharField, Value, When

ONSHORE, NEARSHORE_MODEL, OFFSHORE = "onshore", "nearshore", "offshore"

NEARSHORE: dict[str, frozenset[str]] = {
    # North America: Mexico, Central America, the Caribbean and northern South America share US time zones.
    "US": frozenset({"CA", "MX", "GT", "SV", "HN", "NI", "CR", "PA", "BZ", "CO", "DO", "JM", "TT", "BS", "PR"}),
    "CA": frozenset({"US", "MX", "GT", "SV", "HN", "CR", "PA", "CO", "DO", "JM", "TT"}),
    # Western Europe: the rest of Europe and North Africa, one or two hours away.
    "GB": frozenset({"IE", "PT", "ES", "FR", "NL", "BE", "DE", "PL", "RO", "BG", "CZ", "MA"}),
    "IE": frozenset({"GB", "PT", "ES", "FR", "NL", "BE", "PL", "RO", "MA"}),
    "DE": frozenset({"PL", "CZ", "SK", "HU", "RO", "BG", "AT", "CH", "NL", "BE", "PT", "ES", "HR", "RS"}),
    "AT": frozenset({"DE", "CZ", "SK", "HU", "SI", "HR", "PL", "RO", "BG", "RS"}),
    "CH": frozenset({"DE", "AT", "FR", "IT", "PL", "PT", "ES", "RO", "BG"}),
    "FR": frozenset({"ES", "PT", "BE", "CH", "IT", "MA", "TN", "RO", "PL", "MU"}),
    "BE": frozenset({"NL", "FR", "DE", "PT", "ES", "PL", "RO", "MA"}),
    "NL": frozenset({"BE", "DE", "PL", "PT", "ES", "RO", "BG", "CZ"}),
    "ES": frozenset({"PT", "FR", "MA", "RO", "PL"}),
    "IT": frozenset({"AL", "RO", "ES", "PT", "HR", "RS", "BG", "TN", "MT"}),
    "SE": frozenset({"DK", "NO", "FI", "EE", "LV", "LT", "PL"}),
    "NO": frozenset({"SE", "DK", "FI", "EE", "LV", "LT", "PL"}),
    "DK": frozenset({"SE", "NO", "DE", "PL", "EE", "LV", "LT"}),
    "FI": frozenset({"EE", "SE", "LV", "LT", "PL"}),
    # Asia-Pacific.
    "AU": frozenset({"NZ", "FJ"}),
    "NZ": frozenset({"AU", "FJ"}),
    "JP": frozenset({"KR", "TW"}),
    "SG": frozenset({"MY", "ID", "TH", "PH", "VN"}),
}


def shore_model_for(client_country: str, center_country: str) -> str:
    client, center = client_country.upper(), center_country.upper()
    if client == center:
        return ONSHORE
    if center in NEARSHORE.get(client, ()):
        return NEARSHORE_MODEL
    return OFFSHORE


def shore_model_case(client_country: str, field: str = "country") -> Case:
    """The same rule as a database expression over a country column."""
    client = client_country.upper()
    return Case(
        When(**{field: client}, then=Value(ONSHORE)),
        When(**{f"{field}__in": sorted(NEARSHORE.get(client, ()))}, then=Value(NEARSHORE_MODEL)),
        default=Value(OFFSHORE),
        output_field=CharField(),
    )
